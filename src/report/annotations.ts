// Annotations: what shows on the PR's checks page without opening the log.
import * as core from '@actions/core'
import { formatDuration } from '../duration.ts'
import { commandLabel, plural, truncateChars } from './format.ts'
import { isFailure, reportedExitCode } from './outputs.ts'
import type { CommandResult, Redact, TestsReport } from './types.ts'

// GitHub shows at most 10 error annotations per step; the 11th and later would vanish silently.
export const MAX_ERROR_ANNOTATIONS = 10
const TEST_MESSAGE_CHARS = 2000

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

/** Annotates failed and skipped commands; returns how many error annotations it made. */
export function annotateResults(results: readonly CommandResult[], opts: { redact?: Redact } = {}): number {
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

  const errors = shown.length + (shown.length < failures.length ? 1 : 0)
  const skipped = results.filter((result) => result.skipped)
  if (skipped.length === 0) return errors
  const firstSkipped = results.findIndex((result) => result.skipped)
  const cause = results.slice(0, firstSkipped).findLast(isFailure)
  const count = plural(skipped.length, 'command')
  const message = cause
    ? `${count} skipped because \`${commandLabel(redact(cause.command))}\` failed (fail-fast).`
    : `${count} not run because the run stopped before ${skipped.length === 1 ? 'it' : 'them'}.`
  core.notice(message, { title: 'Commands skipped' })
  return errors
}

/**
 * One error annotation per failed test, at its file and line when the report has them, within what is
 * left of the step's error annotations (`budget`); past it, one more says how many were left out.
 */
export function annotateTests(tests: TestsReport, budget: number, opts: { redact?: Redact } = {}): void {
  const redact = opts.redact ?? ((text: string) => text)
  if (budget <= 0 || tests.failed === 0) return
  const listed = tests.failures
  const fits = tests.failed <= budget && listed.length === tests.failed
  const shown = fits ? listed : listed.slice(0, budget - 1)
  for (const failure of shown) {
    const where = failure.file ? { file: failure.file, startLine: failure.line } : {}
    core.error(`${redact(failure.name)}\n${truncateChars(redact(failure.message), TEST_MESSAGE_CHARS)}`, {
      title: 'Test failed',
      ...where,
    })
  }
  if (!fits) {
    core.error(`${plural(tests.failed - shown.length, 'more test')} failed; the step summary lists them.`, {
      title: 'More tests failed',
    })
  }
}
