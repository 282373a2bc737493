// The job as a person reads it in a terminal: the log rendered like the Actions UI (groups, annotations), the
// step's header with its inputs (secrets hidden), the outputs and the step summary as plain text. Shared by
// `npm run demo` and `npm run try`.
import type { LogEvent, StepResult } from './job.ts'

const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s)
export const bold = paint('1')
export const dim = paint('2')
export const red = paint('31')
export const yellow = paint('33')
export const cyan = paint('36')
export const green = paint('32')
export const say = (line = '') => process.stdout.write(`${line}\n`)

/** Renders the job log like the Actions UI: indented, groups as ▸ headers, annotations coloured. */
export function logPrinter() {
  let inGroup = false
  return (event: LogEvent, stream: 'stdout' | 'stderr') => {
    const pad = inGroup ? '      ' : '  '
    switch (event.kind) {
      case 'group':
        inGroup = true
        return say(`  ${cyan('▸')} ${bold(event.title)}`)
      case 'endgroup':
        inGroup = false
        return
      case 'annotation': {
        const { level, title, message } = event.annotation
        const label = { error: red('Error'), warning: yellow('Warning'), notice: cyan('Notice') }[level]
        return say(`${pad}${label}${title ? ` (${title})` : ''}: ${message.replaceAll('\n', `\n${pad}  `)}`)
      }
      case 'text':
        return say(`${pad}${stream === 'stderr' ? dim(event.text) : event.text}`)
      default:
        return
    }
  }
}

export function printStepHeader(title: string, inputs: Record<string, string>) {
  say()
  say(bold(`▶ ${title}`))
  if (title.startsWith('Post')) return
  say(dim('  with:'))
  for (const [name, value] of Object.entries(inputs)) {
    const shown =
      name === 'api-key' ? '***' : value.includes('\n') ? `|\n${indent(value.trimEnd(), 6)}` : value
    say(dim(`    ${name}: ${shown}`))
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10))
      : (ENTITIES[e] ?? whole),
  )
const inline = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()

/** An HTML table as aligned plain-text columns, with a rule under the header row. */
function renderTable(table: string): string {
  const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map(([, row]) => ({
    header: /<th[\s>]/i.test(row!),
    cells: [...row!.matchAll(/<t([hd])[^>]*>([\s\S]*?)<\/t\1>/gi)].map((m) => inline(m[2]!)),
  }))
  const widths: number[] = []
  for (const { cells } of rows) {
    cells.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length)
    })
  }
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  const out = rows.flatMap((r) =>
    r.header ? [line(r.cells), line(widths.map((w) => '─'.repeat(w)))] : [line(r.cells)],
  )
  return `\n${out.join('\n')}\n`
}

/** The step summary (Markdown with HTML in it) as plain text: tags stripped, tables aligned. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/\r/g, '')
    .replace(/<table[^>]*>[\s\S]*?<\/table>/gi, renderTable)
    .replace(
      /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi,
      (_, n: string, body: string) => `\n${'#'.repeat(Number(n))} ${inline(body)}\n`,
    )
    .replace(/<summary[^>]*>([\s\S]*?)<\/summary>/gi, (_, body: string) => `▸ ${inline(body)}\n`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|ul|ol|pre|details|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
  return decode(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n')

export function printResults(main: StepResult) {
  say()
  say(bold('Outputs'))
  for (const [name, value] of Object.entries(main.outputs)) {
    if (name === 'results') {
      say(`  ${name}:`)
      for (const r of JSON.parse(value) as Record<string, unknown>[]) say(`    ${JSON.stringify(r)}`)
    } else say(`  ${name}: ${value}`)
  }
  say()
  say(bold('Step summary'))
  say(main.summary ? indent(htmlToText(main.summary), 2) : dim('  (none)'))
}
