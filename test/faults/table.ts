// The fault suite's bookkeeping: each scenario starts from a clean emulator (no faults, requests counted from
// zero) and leaves a row — what happened, how many sandboxes are still alive, how many requests it took.
import { liveSandboxes, type Project } from '../action/project.ts'

export interface Row {
  scenario: string
  outcome: string
  left: number
  requests: number
}

export const rows: Row[] = []

/** Runs one scenario on `project` and records its row, whether it passed or threw. */
export async function recordScenario(
  project: Project,
  scenario: string,
  run: () => Promise<string>,
): Promise<Row> {
  await project.emulator.admin.clearFaults()
  await project.emulator.admin.resetRequests()
  let outcome = 'FAILED'
  try {
    outcome = await run()
  } catch (err) {
    outcome = `FAILED: ${(err as Error).message.split('\n')[0]}`
    throw err
  } finally {
    await project.emulator.admin.clearFaults()
    const row = {
      scenario,
      outcome,
      left: (await liveSandboxes(project)).length,
      requests: (await project.emulator.admin.requests()).total,
    }
    rows.push(row)
  }
  return rows[rows.length - 1]
}

export function formatTable(all: Row[]): string {
  const header: Row = { scenario: 'scenario', outcome: 'outcome', left: 0, requests: 0 }
  const cells = (row: Row, head = false) => [
    row.scenario,
    row.outcome,
    head ? 'left' : String(row.left),
    head ? 'requests' : String(row.requests),
  ]
  const lines = [cells(header, true), ...all.map((row) => cells(row))]
  const widths = lines[0].map((_, col) => Math.max(...lines.map((line) => line[col].length)))
  const render = (line: string[]) => `| ${line.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
  return [render(lines[0]), rule, ...lines.slice(1).map(render)].join('\n')
}
