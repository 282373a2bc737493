// Annotations: what shows on the PR's checks page without opening the log.
import * as core from '@actions/core'
import { formatDuration } from '../duration.ts'
import { commandLabel, plural } from './format.ts'
import { isFailure, reportedExitCode } from './outputs.ts'
import type { CommandResult, Redact } from './types.ts'

// GitHub shows at most 10 error annotations per step; the 11th and later would vanish silently.
const MAX_ERROR_ANNOTATIONS = 10

/** How a failed command ended: `exit code 3 after 1.2s`, `timed out after 10m`. */
export function failureOutcome(result: CommandResult): string {
  const after = formatDuration(result.durationMs)
  if (result.timedOut) return `timed out after ${after}`
  const code = reportedExitCode(result)
  return code === null ? `ended without an exit code after ${after}` : `exit code ${code} after ${after}`
}

/** One line per failed command: `npm test: exit code 3 after 1.2s`. */
export function failureMessage(result: CommandResult, redact: Redact = (text) => text): string {
  return `${commandLabel(redact(result.command))}: ${failureOutcome(result)}`
}

export function annotateResults(results: readonly CommandResult[], opts: { redact?: Redact } = {}): void {
  const redact = opts.redact ?? ((text: string) => text)
  const failures = results.filter(isFailure)
  const shown =
    failures.length > MAX_ERROR_ANNOTATIONS ? failures.slice(0, MAX_ERROR_ANNOTATIONS - 1) : failures
  for (const result of shown) {
    core.error(failureMessage(result, redact), {
      title: result.timedOut ? 'Command timed out' : 'Command failed',
    })
  }
  if (shown.length < failures.length) {
    const rest = failures.length - shown.length
    core.error(`${plural(rest, 'more command')} failed; the step summary lists them all.`, {
      title: 'More commands failed',
    })
  }

  const skipped = results.filter((result) => result.skipped)
  if (skipped.length === 0) return
  const firstSkipped = results.findIndex((result) => result.skipped)
  const cause = results.slice(0, firstSkipped).findLast(isFailure)
  const count = plural(skipped.length, 'command')
  const message = cause
    ? `${count} skipped because \`${commandLabel(redact(cause.command))}\` failed (fail-fast).`
    : `${count} not run because the run stopped before ${skipped.length === 1 ? 'it' : 'them'}.`
  core.notice(message, { title: 'Commands skipped' })
}
