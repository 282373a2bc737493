// Strings from outside the action — Daytona's answers, the sandbox, the pull request's Dockerfile — printed on a
// log line of ours. A line break in one would start a line of its own, which the runner obeys when it reads as
// a workflow command (`::add-mask::`, `::stop-commands::`). Control characters and Unicode line breaks are
// shown escaped instead, so the text stays on our line. (Annotations need nothing: @actions/core escapes them.)
/** C0 and C1 controls but the tab, and the Unicode line and paragraph separators */
const UNPRINTABLE = /(?!\t)[\p{Cc}\u2028\u2029]/gu
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' }

export function printable(value: unknown): string {
  return String(value).replace(
    UNPRINTABLE,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** Whether `text` would print as it is. */
export function isPrintable(text: string): boolean {
  return !new RegExp(UNPRINTABLE.source, 'u').test(text)
}
