// Text helpers shared by the annotations and the step summary.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** At most `maxChars` code points, with `…` when something was cut. */
export function truncateChars(text: string, maxChars: number): string {
  const chars = Array.from(text)
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars).join('')}…`
}

/** How a command is named in one line: its first non-empty line, ` …` when there were more, truncated. */
export function commandLabel(command: string, maxChars = 200): string {
  const lines = command
    .trim()
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
  const first = truncateChars((lines[0] ?? '').trim(), maxChars)
  return lines.length > 1 ? `${first} …` : first
}

// CSI (colours, cursor moves), OSC (titles, hyperlinks) and two-byte escapes, as terminals emit them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences is the point
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: other control characters render as garbage
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g

/**
 * Command output as a reader would have seen it in a terminal: no colour codes, CRLF as LF, and for
 * progress lines rewritten with `\r` only the last state of the line.
 */
export function cleanOutput(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const states = line.split('\r').filter((state) => state !== '')
      return (states.at(-1) ?? '').replace(CONTROL, '')
    })
    .join('\n')
}

/** The end of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
function lastBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= maxBytes) return text
  let start = bytes.length - maxBytes
  // skip UTF-8 continuation bytes (10xxxxxx) so the cut lands on a character boundary
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++
  return bytes.subarray(start).toString('utf8')
}

/**
 * The last lines of `text`: at most `maxLines` lines and `maxBytes` UTF-8 bytes. Whole lines are kept,
 * except when the very last line alone is too long: then its end is kept. A trailing newline is ignored.
 */
export function tailLines(text: string, maxLines: number, maxBytes: number): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  if (lines.at(-1) === '') lines.pop()
  const kept: string[] = []
  let bytes = 0
  for (let i = lines.length - 1; i >= 0 && kept.length < maxLines; i--) {
    const line = lines[i]!
    const cost = byteLength(line) + (kept.length > 0 ? 1 : 0)
    if (bytes + cost > maxBytes) {
      if (kept.length === 0 && maxBytes > 0) kept.push(lastBytes(line, maxBytes))
      break
    }
    kept.push(line)
    bytes += cost
  }
  return kept.reverse().join('\n')
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}
