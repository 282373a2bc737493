// All of the reporting in one call, for the end of main: outputs, annotations, the step summary, and the
// step's failure status. Each part is independent: one failing to write must not stop the others.
import * as core from '@actions/core'
import { annotateResults, annotateTests, MAX_ERROR_ANNOTATIONS } from './annotations.ts'
import { plural } from './format.ts'
import { isFailure, type OutputExtras, setOutputs } from './outputs.ts'
import { type SummaryOptions, writeSummary } from './summary.ts'
import type { RunReport } from './types.ts'

export interface PublishOptions extends SummaryOptions, Omit<OutputExtras, 'redact'> {
  /** false skips the step summary (the `summary` input) */
  summary?: boolean
}

/** Reports the run and marks the step failed when it failed. Returns whether it failed. */
export async function publishReport(report: RunReport, opts: PublishOptions = {}): Promise<boolean> {
  const { summary = true, redact, snapshot, snapshotCacheHit } = opts
  try {
    setOutputs(report, { snapshot, snapshotCacheHit, redact })
  } catch (error) {
    core.warning(`Could not set the outputs: ${error instanceof Error ? error.message : String(error)}`)
  }
  const commandErrors = annotateResults(report.results, { redact })
  if (report.tests) annotateTests(report.tests, MAX_ERROR_ANNOTATIONS - commandErrors, { redact })
  if (summary) await writeSummary(report, opts)

  const failures = report.results.filter(isFailure)
  if (report.error) {
    core.setFailed(redact ? redact(report.error) : report.error)
    return true
  }
  if (failures.length > 0) {
    // each failure already has its own error annotation; setFailed would add a duplicate one
    core.info(`${plural(failures.length, 'command')} of ${report.results.length} failed.`)
    process.exitCode = core.ExitCode.Failure
    return true
  }
  return false
}
