// 1. End-to-end job overhead: main and post wall times for N trivial commands, and what each command costs.
import { commandDurations, type Fixture, runBenchJob } from './fixture.ts'
import { PhaseClock } from './phases.ts'
import { linearFit, median, ms, type Section } from './stats.ts'

export interface OverheadOptions {
  sizes: number[]
  runs: number
  warmups: number
  progress: (line: string) => void
}

interface Sample {
  main: number
  post: number
  /** durationMs of every command, from the results output */
  perCommand: number[]
  /** main's wall time split by the groups of its log */
  phases: Map<string, number>
}

export async function measureOverhead(fx: Fixture, opts: OverheadOptions): Promise<Section[]> {
  const rows: string[][] = []
  const points: [number, number][] = []
  const byN = new Map<number, Sample[]>()
  for (const n of opts.sizes) {
    const commands = Array.from({ length: n }, () => 'true')
    const samples: Sample[] = []
    for (let i = 0; i < opts.warmups + opts.runs; i++) {
      const warm = i < opts.warmups
      opts.progress(`overhead: N=${n} ${warm ? 'warm-up' : `run ${i - opts.warmups + 1}/${opts.runs}`}`)
      const clock = new PhaseClock()
      const { main, post } = await runBenchJob(fx, commands, clock)
      if (warm) continue
      samples.push({
        main: main.durationMs,
        post: post.durationMs,
        perCommand: commandDurations(main),
        phases: clock.phases(main.durationMs),
      })
    }
    byN.set(n, samples)
    for (const s of samples) points.push([n, s.main])
  }
  // The fit over every run separates the fixed part (node start, sandbox create, clone, delete, report) from
  // the marginal cost of one more command.
  const fit = linearFit(points)
  for (const [n, samples] of byN) {
    const mains = samples.map((s) => s.main)
    const mainMedian = median(mains)
    rows.push([
      String(n),
      ms(mainMedian),
      `${Math.min(...mains)}–${ms(Math.max(...mains))}`,
      ms(median(samples.map((s) => s.post))),
      ms(median(samples.flatMap((s) => s.perCommand))),
      ms((mainMedian - fit.intercept) / n),
    ])
  }
  const overhead: Section = {
    title: 'End-to-end job overhead (`true` × N)',
    headers: [
      'N',
      'main (median)',
      'main (min–max)',
      'post (median)',
      'per command (results durationMs, median)',
      '(main − fixed) / N',
    ],
    rows,
    notes: [
      `Linear fit over all ${points.length} runs: main ≈ ${ms(fit.intercept)} fixed + ${ms(fit.slope, 1)} per command.`,
      `Median of ${opts.runs} runs after ${opts.warmups} warm-up; wall time from spawning the step's node process to its exit.`,
    ],
  }
  return [overhead, phaseTable(byN)]
}

function phaseTable(byN: Map<number, Sample[]>): Section {
  const labels = [
    ...new Set([...byN.values()].flatMap((samples) => samples.flatMap((s) => [...s.phases.keys()]))),
  ]
  const rows = labels.map((label) => [
    label,
    ...[...byN.values()].map((samples) => ms(median(samples.map((s) => s.phases.get(label) ?? 0)))),
  ])
  return {
    title: "Where main's time goes (median per phase)",
    headers: ['phase', ...[...byN.keys()].map((n) => `N=${n}`)],
    rows,
    notes: [
      "Phases are cut at the ::group:: headers the action prints. The sandbox create includes the emulator's " +
        'artificial 200 ms create delay (TEST_DELAYS); the clone is a real `git clone` inside the sandbox.',
    ],
  }
}
