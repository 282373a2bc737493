// The step summary, assembled under a byte budget: GitHub rejects a step's summary above 1 MiB, and the
// runner then drops all of it. Priority when space runs out: the heading, error, environment and sandbox
// always; then the command table; then the output of failed commands, each already cut to its last lines.
import * as core from '@actions/core'
import { byteLength, plural } from './format.ts'
import { isFailure } from './outputs.ts'
import {
  environment,
  errorBlock,
  heading,
  moreRow,
  sandboxBlock,
  TABLE_END,
  TABLE_HEAD,
  type TailLimits,
  tableRow,
  tailBlock,
  textFor,
} from './summary-parts.ts'
import { downloadsBlock, testsBlock } from './summary-results.ts'
import type { Redact, RunReport } from './types.ts'

/** GitHub's limit is 1024 KiB; the margin leaves room for anything else written in the same step. */
export const DEFAULT_SUMMARY_BUDGET = 1000 * 1024
// room kept back for the "more commands" row and the "output left out" note, which are added last
const NOTE_RESERVE = 1024

export interface SummaryOptions {
  /** applied to every piece of command and output text before it is escaped */
  redact?: Redact
  /** bytes of markup we may write; defaults to DEFAULT_SUMMARY_BUDGET */
  budgetBytes?: number
  /** per failed command; defaults 60 lines and 8 KiB */
  tailMaxLines?: number
  tailMaxBytes?: number
  /** a command is shown by its first line, cut to this many characters; default 200 */
  commandChars?: number
  /** the run's error is cut to this many characters; default 16000 */
  errorChars?: number
}

/** The summary's HTML. Pure: the same report and options always give the same markup. */
export function renderSummary(report: RunReport, opts: SummaryOptions = {}): string {
  const redact = opts.redact ?? ((value: string) => value)
  const text = textFor(redact)
  const limits: TailLimits = {
    maxLines: opts.tailMaxLines ?? 60,
    maxBytes: opts.tailMaxBytes ?? 8 * 1024,
    commandChars: opts.commandChars ?? 200,
  }

  const top = [
    `${heading(report, text)}\n`,
    report.error ? errorBlock(report.error, redact, text, opts.errorChars ?? 16_000) : '',
    `${environment(report.environment, text)}\n`,
  ].join('')
  const bottom = report.sandbox ? `${sandboxBlock(report.sandbox, text)}\n` : ''
  let remaining =
    (opts.budgetBytes ?? DEFAULT_SUMMARY_BUDGET) -
    byteLength(top) -
    byteLength(bottom) -
    byteLength(TABLE_HEAD) -
    byteLength(TABLE_END) -
    NOTE_RESERVE

  const { results } = report
  const rows: string[] = []
  for (const [index, result] of results.entries()) {
    const row = tableRow(result, index, redact, limits.commandChars)
    if (byteLength(row) > remaining) break
    rows.push(row)
    remaining -= byteLength(row)
  }
  const hidden = results.length - rows.length
  const table =
    results.length === 0
      ? '<p>No commands were run.</p>\n'
      : `${TABLE_HEAD}${rows.join('')}${hidden > 0 ? moreRow(hidden) : ''}${TABLE_END}`

  // What came back (test counts and failures, downloads) ranks after the table, before command output.
  let back = report.downloads ? downloadsBlock(report.downloads, text) : ''
  if (report.tests && remaining - byteLength(back) > 0) {
    back = testsBlock(report.tests, text, remaining - byteLength(back)) + back
  }
  if (byteLength(back) > remaining) back = ''
  remaining -= byteLength(back)

  // Tails in command order; once one does not fit, the rest are left out too, so what is shown is
  // always "the first N failures", never a confusing selection.
  const tails: string[] = []
  let omitted = 0
  for (const [index, result] of results.slice(0, rows.length).entries()) {
    if (!isFailure(result) || !result.tail?.trim()) continue
    const block = omitted === 0 ? tailBlock(result, index, redact, limits, tails.length === 0) : undefined
    if (block === undefined && omitted === 0) continue
    if (block !== undefined && byteLength(block) <= remaining) {
      tails.push(block)
      remaining -= byteLength(block)
    } else omitted++
  }
  const note =
    omitted > 0
      ? `<p><i>The output of ${plural(omitted, 'more failed command')} was left out to keep the summary under GitHub's 1 MiB limit.</i></p>\n`
      : ''

  return `${top}${table}${back}${tails.join('')}${note}${bottom}`
}

/**
 * Appends the summary to the step summary file. Reporting must never fail the job: a missing or
 * unwritable file is logged, not thrown.
 */
export async function writeSummary(report: RunReport, opts: SummaryOptions = {}): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('No step summary file (GITHUB_STEP_SUMMARY is not set); the summary is skipped.')
    return
  }
  try {
    await core.summary.addRaw(renderSummary(report, opts), true).write()
  } catch (error) {
    core.summary.emptyBuffer()
    core.warning(
      `Could not write the step summary: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
