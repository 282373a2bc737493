export { annotateResults, failureMessage, failureOutcome } from './annotations.ts'
export { cleanOutput, escapeHtml, tailLines } from './format.ts'
export {
  firstFailure,
  isFailure,
  type OutputExtras,
  outputValues,
  reportedExitCode,
  setOutputs,
  TIMEOUT_EXIT_CODE,
} from './outputs.ts'
export { type PublishOptions, publishReport } from './publish.ts'
export { DEFAULT_SUMMARY_BUDGET, renderSummary, type SummaryOptions, writeSummary } from './summary.ts'
export type { CommandResult, Redact, RunReport } from './types.ts'
