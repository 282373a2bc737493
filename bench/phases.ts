// Where the main step's time goes, read off its own log: each ::group:: the action opens starts a phase
// ("Creating the sandbox", "Cloning the source", one per command). stdout to a pipe is synchronous on Linux,
// so a group header reaches the harness as the action gets there.
import type { LogEvent } from '../runner/job.ts'

export const STARTUP = 'node start, bundle, inputs, environment'
export const COMMANDS = 'commands'
export const TEARDOWN = 'delete sandbox, report, exit'

export class PhaseClock {
  #start = 0
  #marks: { label: string; at: number }[] = []
  #lastEndgroup = 0

  /** for runJob's onStepStart: the harness spawns the step right after calling it */
  onStepStart = (kind: 'main' | 'post') => {
    if (kind !== 'main') return
    this.#start = performance.now()
    this.#marks = [{ label: STARTUP, at: this.#start }]
  }

  onLine = (event: LogEvent) => {
    const now = performance.now()
    if (event.kind === 'endgroup') this.#lastEndgroup = now
    if (event.kind !== 'group') return
    const label = event.title.startsWith('$ ') ? COMMANDS : event.title
    if (this.#marks.at(-1)?.label !== label) this.#marks.push({ label, at: now })
  }

  /** milliseconds per phase; `durationMs` is the step's wall time as the harness measured it */
  phases(durationMs: number): Map<string, number> {
    const marks = [...this.#marks, { label: TEARDOWN, at: this.#lastEndgroup }]
    const end = this.#start + durationMs
    const out = new Map<string, number>()
    marks.forEach((mark, i) => {
      const next = marks[i + 1]?.at ?? end
      out.set(mark.label, (out.get(mark.label) ?? 0) + Math.max(0, next - mark.at))
    })
    return out
  }
}
