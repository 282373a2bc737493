// The action's outputs, and the single definition of "a command failed" that every report uses.
import * as core from '@actions/core'
import type { CommandResult, Redact, RunReport } from './types.ts'

/** GNU timeout's convention, so scripts can tell a timeout from a command's own failure. */
export const TIMEOUT_EXIT_CODE = 124

/** Failed = ran and did not succeed: a non-zero exit, a timeout, or no exit code at all. Skipped is not failed. */
export function isFailure(result: CommandResult): boolean {
  if (result.skipped) return false
  return result.timedOut || result.exitCode !== 0
}

export function firstFailure(results: readonly CommandResult[]): CommandResult | undefined {
  return results.find(isFailure)
}

/** The exit code we report: 124 for a timeout, null when skipped or unknown. */
export function reportedExitCode(result: CommandResult): number | null {
  if (result.skipped) return null
  if (result.timedOut) return TIMEOUT_EXIT_CODE
  return result.exitCode
}

export interface OutputExtras {
  snapshot?: string
  snapshotCacheHit?: boolean
  /** applied to the commands in the `results` output */
  redact?: Redact
}

/** Every output as the string the runner will store; outputs whose value is unknown are left out. */
export function outputValues(report: RunReport, extra: OutputExtras = {}): Record<string, string> {
  const redact = extra.redact ?? ((text: string) => text)
  const values: Record<string, string> = {}
  if (report.sandbox) {
    values['sandbox-id'] = report.sandbox.id
    values['sandbox-name'] = report.sandbox.name
  }
  const { environment } = report
  const snapshot = extra.snapshot ?? (environment.kind === 'image' ? undefined : environment.name)
  if (snapshot) values.snapshot = snapshot
  const cacheHit = extra.snapshotCacheHit ?? environment.snapshotCacheHit
  if (cacheHit !== undefined) values['snapshot-cache-hit'] = String(cacheHit)

  const failed = firstFailure(report.results)
  // A failure without an exit code (the process vanished), or one outside the commands (the clone failed),
  // must not read as success to a script that checks this output.
  values['exit-code'] = String(failed ? (reportedExitCode(failed) ?? 1) : report.error ? 1 : 0)
  values.results = JSON.stringify(
    report.results.map((result) => ({
      command: redact(result.command),
      exitCode: reportedExitCode(result),
      durationMs: Math.round(result.durationMs),
      timedOut: result.timedOut,
      skipped: result.skipped,
    })),
  )
  values.duration = String(Math.round(report.durationMs))
  if (report.downloads) values['download-path'] = report.downloads.path
  if (report.tests) {
    const { passed, failed, skipped, total } = report.tests
    values.tests = JSON.stringify({ passed, failed, skipped, total })
  }
  return values
}

export function setOutputs(report: RunReport, extra: OutputExtras = {}): void {
  for (const [name, value] of Object.entries(outputValues(report, extra))) core.setOutput(name, value)
}
