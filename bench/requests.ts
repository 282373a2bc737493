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

async function countJob(
  fx: Fixture,
  label: string,
  commands: string[],
  /** also read the counters this long after main started */
  snapshotAfterMs?: number,
): Promise<JobCounts & { snapshot?: Counts }> {
  await fx.emulator.admin.resetRequests()
  let atPostStart: Promise<Counts> | undefined
  let snapshot: Promise<Counts> | undefined
  let timer: NodeJS.Timeout | undefined
  const { main } = await runBenchJob(fx, commands, {
    // post's node process needs tens of ms before its first request; this in-process read answers sooner
    onStepStart: (kind) => {
      if (kind === 'post') atPostStart = fx.emulator.admin.requests()
      if (kind === 'main' && snapshotAfterMs !== undefined)
        timer = setTimeout(() => {
          snapshot = fx.emulator.admin.requests()
        }, snapshotAfterMs)
    },
  }).finally(() => clearTimeout(timer))
  const job = await fx.emulator.admin.requests()
  return { label, job, main: (await atPostStart) ?? job, mainMs: main.durationMs, snapshot: await snapshot }
}

/** Requests that concern the command itself: its exec (one) and everything under /command/{commandId}. */
function commandRequests(counts: Counts): number {
  return Object.entries(counts.routes)
    .filter(([route]) => route.includes('/command/{commandId}'))
    .reduce((n, [, count]) => n + count, 1)
}

export interface Requests {
  section: Section
  /** requests for the quiet command (its exec, follows, status checks, log reads) per minute of it */
  quietPerMinute: number
}

export async function measureRequests(
  fx: Fixture,
  opts: { quietSeconds: number; progress: (line: string) => void },
): Promise<Requests> {
  opts.progress('requests: 5 × true')
  const five = await countJob(
    fx,
    '5 × `true`',
    Array.from({ length: 5 }, () => 'true'),
  )
  opts.progress(`requests: sleep ${opts.quietSeconds} (takes ${opts.quietSeconds} s)`)
  // the command starts about a second after main: the snapshot closes its first minute
  const quiet = await countJob(fx, `\`sleep ${opts.quietSeconds}\``, [`sleep ${opts.quietSeconds}`], 61_000)
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
  const total = commandRequests(quiet.job)
  const firstMinute = quiet.snapshot ? commandRequests(quiet.snapshot) : total
  const laterMinutes = (opts.quietSeconds - 60) / 60
  const laterRate = laterMinutes > 0 ? (total - firstMinute) / laterMinutes : 0
  // a 10-minute silent command: its first minute as measured, then nine at the rate measured after it
  const quietPerMinute =
    laterMinutes > 0 ? (firstMinute + 9 * laterRate) / 10 : total / (opts.quietSeconds / 60)
  return {
    quietPerMinute,
    section: {
      title: 'Round trips per job (emulator request counters)',
      headers: ['route', ...jobs.map((j) => j.label)],
      rows,
      notes: [
        'Counters reset before each job; a WebSocket upgrade counts as one GET. "Of which in post": requests after the post step started.',
        `The quiet command cost ${total} requests in ${opts.quietSeconds} s (its exec, the follow socket, ` +
          `${polls} status checks, log reads): ${firstMinute} in its first minute, then ` +
          `${laterRate.toFixed(1)} per minute. Over a 10-minute silent command (its first minute as measured, ` +
          `nine more at the later rate): **${quietPerMinute.toFixed(1)} requests per minute**. The status is ` +
          'checked 25 ms after the socket opens, doubling to 800 ms, then every 30 s; the socket is pinged ' +
          'every 25 s (pings are not requests).',
      ],
    },
  }
}
