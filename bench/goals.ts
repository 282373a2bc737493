// The performance goals of issue 9, each with the value this run measured and whether it is met. A figure
// whose section was not run shows as not measured.
import { mib, ms, type Section } from './stats.ts'

export interface Figures {
  ratio?: number
  /** the same ratio for the time outside Daytona's answers, and the lowest any main + post could reach (compare.ts) */
  ownTimeRatio?: number
  floorRatio?: number
  roundTrips?: { action: number; sdk: number; perExtraCommand: number }
  quietPerMinute?: number
  latencyP95?: number
  memory?: { peak: number; complete: boolean; summaryBytes: number }
  startup?: { action: number; sdk: number }
  hashMs?: number
}

interface Goal {
  figure: string
  goal: string
  measured?: string
  met?: boolean
}

export function goalsSection(f: Figures): Section {
  const goals: Goal[] = [
    {
      figure: 'Overhead: action (main + post) / SDK script, delays off',
      goal: '≤ 0.6',
      ...(f.ratio === undefined
        ? {}
        : {
            measured: `${f.ratio.toFixed(2)} (floor for any action: ${f.floorRatio?.toFixed(2)}; own time: ${f.ownTimeRatio?.toFixed(2)})`,
            met: f.ratio <= 0.6,
          }),
    },
    {
      figure: 'Sequential round trips, one-command job',
      goal: '≤ 6',
      ...(f.roundTrips === undefined
        ? {}
        : {
            measured: `${f.roundTrips.action} (SDK script: ${f.roundTrips.sdk})`,
            met: f.roundTrips.action <= 6,
          }),
    },
    {
      figure: 'Round trips per extra command',
      goal: '≤ 2',
      ...(f.roundTrips === undefined
        ? {}
        : { measured: String(f.roundTrips.perExtraCommand), met: f.roundTrips.perExtraCommand <= 2 }),
    },
    {
      figure: 'Peak RSS of main while a command prints 1 GiB',
      goal: '≤ 150 MiB, every byte on stdout, summary < 1 MiB',
      ...(f.memory === undefined
        ? {}
        : {
            measured: `${mib(f.memory.peak)}, ${f.memory.complete ? 'every line' : 'LINES MISSING'}, summary ${(f.memory.summaryBytes / 1024).toFixed(1)} KiB`,
            met:
              f.memory.peak <= 150 * 1024 * 1024 && f.memory.complete && f.memory.summaryBytes < 1024 * 1024,
          }),
    },
    {
      figure: 'Requests per minute of a silent command',
      goal: '≤ 6',
      ...(f.quietPerMinute === undefined
        ? {}
        : { measured: f.quietPerMinute.toFixed(1), met: f.quietPerMinute <= 6 }),
    },
    {
      figure: 'Log latency p95 (printed in the sandbox → on stdout)',
      goal: '≤ 250 ms',
      ...(f.latencyP95 === undefined ? {} : { measured: ms(f.latencyP95, 1), met: f.latencyP95 <= 250 }),
    },
    {
      figure: 'Start-up to first request, action / SDK bundle',
      goal: '≤ 0.7',
      ...(f.startup === undefined
        ? {}
        : {
            measured: `${(f.startup.action / f.startup.sdk).toFixed(2)} (${ms(f.startup.action)} / ${ms(f.startup.sdk)})`,
            met: f.startup.action / f.startup.sdk <= 0.7,
          }),
    },
    {
      figure: 'Hashing a 200 MB build context',
      goal: '≤ 1.5 s',
      ...(f.hashMs === undefined ? {} : { measured: ms(f.hashMs), met: f.hashMs <= 1500 }),
    },
  ]
  return {
    title: 'Goals (issue 9)',
    headers: ['figure', 'goal', 'measured', 'met'],
    rows: goals.map((g) => [
      g.figure,
      g.goal,
      g.measured ?? 'not measured',
      g.met === undefined ? '' : g.met ? 'yes' : '**no**',
    ]),
    notes: ['Medians unless said otherwise; the sections below say how each was measured.'],
  }
}
