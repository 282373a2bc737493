// 2. Round trips: the emulator's per-route request counts for one job, main and post together.
import { type Fixture, runBenchJob } from './fixture.ts'
import { ms, type Section } from './stats.ts'

interface Counts {
  total: number
  routes: Record<string, number>
}

interface JobCounts {
  label: string
  job: Counts
  /** requests made before post started: main's share */
  main: Counts
  mainMs: number
}

async function countJob(fx: Fixture, label: string, commands: string[]): Promise<JobCounts> {
  await fx.emulator.admin.resetRequests()
  let atPostStart: Promise<Counts> | undefined
  const { main } = await runBenchJob(fx, commands, {
    // post's node process needs tens of ms before its first request; this in-process read answers sooner
    onStepStart: (kind) => {
      if (kind === 'post') atPostStart = fx.emulator.admin.requests()
    },
  })
  const job = await fx.emulator.admin.requests()
  return { label, job, main: (await atPostStart) ?? job, mainMs: main.durationMs }
}

export async function measureRequests(
  fx: Fixture,
  opts: { quietSeconds: number; progress: (line: string) => void },
): Promise<Section> {
  opts.progress('requests: 5 × true')
  const five = await countJob(
    fx,
    '5 × `true`',
    Array.from({ length: 5 }, () => 'true'),
  )
  opts.progress(`requests: sleep ${opts.quietSeconds} (takes ${opts.quietSeconds} s)`)
  const quiet = await countJob(fx, `\`sleep ${opts.quietSeconds}\``, [`sleep ${opts.quietSeconds}`])
  const jobs = [five, quiet]
  const routes = [...new Set(jobs.flatMap((j) => Object.keys(j.job.routes)))].sort(
    (a, b) =>
      Math.max(...jobs.map((j) => j.job.routes[b] ?? 0)) -
        Math.max(...jobs.map((j) => j.job.routes[a] ?? 0)) || a.localeCompare(b),
  )
  const rows = routes.map((route) => [`\`${route}\``, ...jobs.map((j) => String(j.job.routes[route] ?? 0))])
  rows.push(['**total**', ...jobs.map((j) => `**${j.job.total}**`)])
  rows.push(['of which in post', ...jobs.map((j) => String(j.job.total - j.main.total))])
  rows.push(['main wall time', ...jobs.map((j) => ms(j.mainMs))])
  const statusRoute = routes.find((r) => r.endsWith('/command/{commandId}'))
  const polls = statusRoute ? (quiet.job.routes[statusRoute] ?? 0) : 0
  return {
    title: 'Round trips per job (emulator request counters)',
    headers: ['route', ...jobs.map((j) => j.label)],
    rows,
    notes: [
      'Counters reset before each job; a WebSocket upgrade counts as one GET. "Of which in post": requests after the post step started.',
      `The quiet command was polled for its status ${polls} times in ${opts.quietSeconds} s ` +
        `(${(polls / opts.quietSeconds).toFixed(2)} per second of command time).`,
    ],
  }
}
