// The pieces of the step summary, each a self-contained block of HTML. Free text is always redacted
// first and escaped last (`Text` does both), so a secret cannot hide behind escaping or truncation.
import { formatDuration } from '../duration.ts'
import { failureOutcome } from './annotations.ts'
import { cleanOutput, commandLabel, escapeHtml, plural, tailLines, truncateChars } from './format.ts'
import { isFailure, reportedExitCode } from './outputs.ts'
import type { CommandResult, Redact, RunReport } from './types.ts'

/** Redacts and escapes free text, optionally cut to `maxChars`. */
export type Text = (text: string, maxChars?: number) => string

export function textFor(redact: Redact): Text {
  return (text, maxChars) => {
    const clean = redact(text)
    return escapeHtml(maxChars === undefined ? clean : truncateChars(clean, maxChars))
  }
}

export function runFailed(report: RunReport): boolean {
  return report.error !== undefined || report.results.some(isFailure)
}

const STATUS = {
  passed: '✅',
  failed: '❌',
  'timed out': '⏱️',
  skipped: '⏭️',
} as const
type Status = keyof typeof STATUS

function statusOf(result: CommandResult): Status {
  if (result.skipped) return 'skipped'
  if (result.timedOut) return 'timed out'
  return isFailure(result) ? 'failed' : 'passed'
}

function counts(results: readonly CommandResult[]): string {
  const tally = new Map<Status, number>()
  for (const result of results) tally.set(statusOf(result), (tally.get(statusOf(result)) ?? 0) + 1)
  const parts = (Object.keys(STATUS) as Status[])
    .filter((status) => tally.has(status))
    .map((status) => `${tally.get(status)} ${status}`)
  return `${plural(results.length, 'command')}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

export function heading(report: RunReport, text: Text): string {
  const { source } = report
  const base = source.serverUrl.replace(/\/+$/, '')
  const repoUrl = `${base}/${source.repository}`
  const commit = `<a href="${escapeHtml(`${repoUrl}/commit/${source.sha}`)}"><code>${escapeHtml(
    `${source.repository}@${source.sha.slice(0, 7)}`,
  )}</code></a>`
  const facts = [commit]
  if (source.prNumber !== undefined) {
    facts.push(`PR <a href="${escapeHtml(`${repoUrl}/pull/${source.prNumber}`)}">#${source.prNumber}</a>`)
  }
  if (source.ref) facts.push(`<code>${text(source.ref, 200)}</code>`)
  facts.push(`event <code>${escapeHtml(source.eventName)}</code>`)
  const icon = runFailed(report) ? '❌' : '✅'
  return [
    `<h2>${icon} ${text(report.title || 'Daytona sandbox run', 200)}</h2>`,
    `<p>${facts.join(' · ')}</p>`,
    `<p>${counts(report.results)} · total ${formatDuration(report.durationMs)}</p>`,
  ].join('\n')
}

/** A block whose text is kept verbatim: a blank line before `<pre>` makes Markdown treat it as raw HTML. */
export function preBlock(escaped: string): string {
  return `\n<pre>${escaped}</pre>\n\n`
}

export function errorBlock(error: string, redact: Redact, text: Text, maxChars: number): string {
  return `<p>❌ <b>Error</b></p>\n${preBlock(text(cleanOutput(redact(error)), maxChars))}`
}

export function environment(env: RunReport['environment'], text: Text): string {
  const name = env.name ? ` <code>${text(env.name, 300)}</code>` : ''
  const what = {
    image: `Image${name}`,
    snapshot: `Snapshot${name}`,
    dockerfile: `Snapshot${name} from the Dockerfile`,
    default: env.name ? `Snapshot${name} (Daytona's default)` : "Daytona's default snapshot",
  }[env.kind]
  let cache = ''
  if (env.snapshotCacheHit === true) cache = ' (cache hit)'
  else if (env.snapshotCacheHit === false) {
    cache =
      env.snapshotBuildMs === undefined
        ? ' (cache miss, built)'
        : ` (built in ${formatDuration(env.snapshotBuildMs)})`
  }
  const facts = [`${what}${cache}`]
  if (env.cpu !== undefined) facts.push(`${env.cpu} vCPU`)
  if (env.memory !== undefined) facts.push(`${env.memory} GiB memory`)
  if (env.disk !== undefined) facts.push(`${env.disk} GiB disk`)
  if (env.region) facts.push(`region <code>${text(env.region, 100)}</code>`)
  return `<p><b>Environment:</b> ${facts.join(' · ')}</p>`
}

export const TABLE_HEAD =
  '<table>\n<tr><th>#</th><th>Status</th><th>Command</th><th>Exit code</th><th>Duration</th></tr>\n'
export const TABLE_END = '</table>\n'

export function tableRow(result: CommandResult, index: number, redact: Redact, commandChars: number): string {
  const code = reportedExitCode(result)
  const exit = result.timedOut ? `${code} (timed out)` : code === null ? '—' : String(code)
  const duration = result.skipped ? '—' : formatDuration(result.durationMs)
  const command = escapeHtml(commandLabel(redact(result.command), commandChars))
  const status = statusOf(result)
  const cells = [String(index + 1), `${STATUS[status]} ${status}`, `<code>${command}</code>`, exit, duration]
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>\n`
}

export function moreRow(count: number): string {
  return `<tr><td colspan="5">… ${plural(count, 'more command')} not shown, to keep the summary under GitHub's 1 MiB limit</td></tr>\n`
}

export interface TailLimits {
  maxLines: number
  maxBytes: number
  commandChars: number
}

/** The last lines of a failed command's output, folded; undefined when there is nothing to show. */
export function tailBlock(
  result: CommandResult,
  index: number,
  redact: Redact,
  limits: TailLimits,
  open: boolean,
): string | undefined {
  if (!result.tail) return undefined
  // redact again after cleaning: colour codes or `\r` rewrites can split a secret the first pass missed
  const tail = tailLines(redact(cleanOutput(redact(result.tail))), limits.maxLines, limits.maxBytes)
  if (tail.trim() === '') return undefined
  const label = escapeHtml(commandLabel(redact(result.command), limits.commandChars))
  const shown = plural(tail.split('\n').length, 'line')
  const summary = `${STATUS[statusOf(result)]} #${index + 1} <code>${label}</code>: ${failureOutcome(result)}, last ${shown}`
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n${preBlock(escapeHtml(tail))}</details>\n`
}

export function sandboxBlock(sandbox: NonNullable<RunReport['sandbox']>, text: Text): string {
  const name = `<b>Sandbox:</b> <code>${text(sandbox.name, 200)}</code> (<code>${text(sandbox.id, 100)}</code>)`
  const life: string[] = []
  if (sandbox.createdAt !== undefined) life.push(`created ${timestamp(sandbox.createdAt)}`)
  if (sandbox.deletedAt !== undefined) {
    const lived =
      sandbox.createdAt === undefined
        ? ''
        : ` (lived ${formatDuration(sandbox.deletedAt - sandbox.createdAt)})`
    life.push(`deleted ${timestamp(sandbox.deletedAt)}${lived}`)
  } else if (sandbox.kept) {
    life.push(`<b>kept</b> until ${timestamp(Date.parse(sandbox.kept.until))}`)
  }
  return `<p>${name}${life.length ? `: ${life.join(' → ')}` : ''}</p>`
}

function timestamp(ms: number): string {
  const date = new Date(ms)
  return Number.isNaN(date.getTime())
    ? '?'
    : date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
}
