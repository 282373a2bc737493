// The action against the same job written with Daytona's official SDK (bench/sdk/job.mjs), side by side:
// both through the bench's latency proxy, alternating run by run, against an emulator without artificial
// delays and then one with the CLI's realistic delays. The action is main + post (`run: true`), as the
// runner runs them; the SDK job is one node process. Wall time from spawn to exit for each process.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Delays } from '../emulator/api/context.ts'
import { PROJECT_ROOT } from '../runner/job.ts'
import { BASE, job, openProject, type Project } from '../test/action/project.ts'
import { coldStart } from './bundle.ts'
import { type LoggedRequest, sequentialChain, startLatencyProxy, waitedOnDaytonaMs } from './proxy.ts'
import { ensureSdk } from './sdk.ts'
import { median, ms, type Section } from './stats.ts'

const NO_DELAYS: Partial<Delays> = {
  createMs: 0,
  destroyMs: 0,
  startMs: 0,
  stopMs: 0,
  snapshotPendingMs: 0,
  buildStepMs: 0,
  pullMs: 0,
}
/** the emulator CLI's defaults (emulator/cli.ts): creating 1.5 s, destroying 1 s */
const REALISTIC_DELAYS: Partial<Delays> = {
  createMs: 1500,
  destroyMs: 1000,
  startMs: 1000,
  stopMs: 1000,
  snapshotPendingMs: 1000,
  buildStepMs: 500,
  pullMs: 2000,
}

export interface CompareOptions {
  actionDir: string
  runs: number
  warmups: number
  latencyMs: number
  progress: (line: string) => void
}

export interface Comparison {
  sections: Section[]
  /** delays off: median action / median SDK */
  ratio: number
  /** delays off: the same for the time spent outside Daytona's answers on the critical path */
  ownTimeRatio: number
  /**
   * delays off: the lowest ratio any main + post could reach here, doing nothing of its own: the action's
   * waiting on Daytona (its round trips are the fewest a streamed command allows) plus two bare Node starts
   */
  floorRatio: number
  /** delays off: sequential round trips of a one-command job (main + post), and per extra command */
  roundTrips: { action: number; sdk: number; perExtraCommand: number }
}

interface Timed {
  wallMs: number
  waitedMs: number
}

const ownMs = (run: Timed) => run.wallMs - run.waitedMs

interface Profile {
  label: string
  delays: Partial<Delays>
}

export async function measureComparison(opts: CompareOptions): Promise<Comparison> {
  await ensureSdk(opts.progress)
  const profiles: Profile[] = [
    { label: 'delays off', delays: NO_DELAYS },
    { label: 'realistic delays', delays: REALISTIC_DELAYS },
  ]
  const rows: string[][] = []
  let ratio = Number.NaN
  let ownTimeRatio = Number.NaN
  let floorRatio = Number.NaN
  let roundTrips = { action: Number.NaN, sdk: Number.NaN, perExtraCommand: Number.NaN }
  const chainRows: string[][] = []
  for (const profile of profiles) {
    const project = await openProject({}, { delays: profile.delays })
    const proxy = await startLatencyProxy(project.emulator.emu.origin, opts.latencyMs)
    const apiUrl = `${proxy.origin}/api`
    try {
      const action: Timed[] = []
      const sdk: Timed[] = []
      const timed = async (run: () => Promise<number>): Promise<Timed> => {
        proxy.log.length = 0
        const wallMs = await run()
        return { wallMs, waitedMs: waitedOnDaytonaMs(proxy.log) }
      }
      for (let i = 0; i < opts.warmups + opts.runs; i++) {
        const warm = i < opts.warmups
        opts.progress(
          `compare (${profile.label}): ${warm ? 'warm-up' : `run ${i - opts.warmups + 1}/${opts.runs}`}`,
        )
        const a = await timed(() => runAction(project, opts.actionDir, apiUrl, ['true']))
        const s = await timed(() => runSdk(project, apiUrl, 'true'))
        if (warm) continue
        action.push(a)
        sdk.push(s)
      }
      const row = (label: string, runs: Timed[]) => {
        const wall = runs.map((r) => r.wallMs)
        return [
          profile.label,
          label,
          ms(Math.min(...wall)),
          ms(median(wall)),
          ms(Math.max(...wall)),
          ms(median(runs.map((r) => r.waitedMs))),
          ms(median(runs.map(ownMs))),
        ]
      }
      rows.push(row('action (main + post)', action), row('SDK script', sdk))
      const profileRatio = median(action.map((r) => r.wallMs)) / median(sdk.map((r) => r.wallMs))
      const ownRatio = median(action.map(ownMs)) / median(sdk.map(ownMs))
      rows.push([
        profile.label,
        '**ratio action / SDK (medians)**',
        '',
        `**${profileRatio.toFixed(2)}**`,
        '',
        '',
        `**${ownRatio.toFixed(2)}**`,
      ])
      if (profile === profiles[0]) {
        ratio = profileRatio
        ownTimeRatio = ownRatio
        opts.progress('compare: bare Node starts')
        const nodeStart = await coldStart(PROJECT_ROOT, ['-e', ''], opts.runs)
        const floorMs = median(action.map((r) => r.waitedMs)) + 2 * nodeStart
        floorRatio = floorMs / median(sdk.map((r) => r.wallMs))
        rows.push([
          profile.label,
          `floor: waiting on Daytona + 2 bare Node starts (${ms(nodeStart)} each)`,
          '',
          `${ms(floorMs)} (${floorRatio.toFixed(2)})`,
          '',
          '',
          '',
        ])
        opts.progress('compare: round-trip chains')
        const chain = async (run: () => Promise<unknown>) => {
          proxy.log.length = 0
          await run()
          return { rt: sequentialChain(proxy.log).length, total: proxy.log.length, log: [...proxy.log] }
        }
        const one = await chain(() => runAction(project, opts.actionDir, apiUrl, ['true']))
        const three = await chain(() => runAction(project, opts.actionDir, apiUrl, ['true', 'true', 'true']))
        const base = await chain(() => runSdk(project, apiUrl, 'true'))
        roundTrips = { action: one.rt, sdk: base.rt, perExtraCommand: (three.rt - one.rt) / 2 }
        chainRows.push(
          ['action, 1 × `true`', String(one.total), String(one.rt), describeChain(one.log)],
          ['action, 3 × `true`', String(three.total), String(three.rt), ''],
          ['SDK script', String(base.total), String(base.rt), describeChain(base.log)],
        )
      }
    } finally {
      await proxy.close()
      await project.close()
    }
  }
  return {
    ratio,
    ownTimeRatio,
    floorRatio,
    roundTrips,
    sections: [
      {
        title: `Action against Daytona's SDK (${opts.latencyMs} ms per request)`,
        headers: ['emulator', 'job', 'min', 'median', 'max', 'waiting on Daytona', 'own time'],
        rows,
        notes: [
          `${opts.runs} runs each after ${opts.warmups} warm-up, alternating action and SDK. Every request and ` +
            `WebSocket handshake to Daytona waits ${opts.latencyMs} ms in the bench's proxy (bench/proxy.ts). ` +
            '"Waiting on Daytona": how long a request to Daytona was outstanding (the union of their intervals, ' +
            'latency included), median per run; "own time": wall time minus that, what the job itself takes ' +
            '(start-up, work between requests, exit, post). ' +
            'The SDK script (bench/sdk/job.mjs, @daytonaio/sdk 0.218.0): create from the default snapshot, ' +
            '`git.clone`, `createSession`, one synchronous `executeSessionCommand`, `delete`. The action: ' +
            '`run: true`, main then post. "Realistic delays": creating 1.5 s, destroying 1 s (emulator CLI). ' +
            "The action's look-up of a Dockerfile through the GitHub API goes to a local stand-in, without " +
            'the added latency. "Floor": what main + post would take if they did nothing but wait as long as the ' +
            "action waits on Daytona, in two Node processes that start and exit (`node -e ''`, median of " +
            `${opts.runs} after a warm-up), as the runner starts main and post.`,
        ],
      },
      {
        title: 'Sequential round trips (delays off)',
        headers: ['job', 'requests', 'sequential', 'the chain'],
        rows: chainRows,
        notes: [
          "From the latency proxy's log of each request's start and the end of its answer (a WebSocket: its " +
            'handshake): the longest chain of requests each starting after the previous one was answered. ' +
            'Requests that overlap count once.',
        ],
      },
    ],
  }
}

function describeChain(log: LoggedRequest[]): string {
  return sequentialChain(log)
    .map((r) => {
      const path = r.path
        .replace(/^\/api/, '')
        .replace(/\/toolbox\/[^/]+/, '')
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')
        .replace(/session\/[^/]+/, 'session/{s}')
        .replace(/command\/[^/]+/, 'command/{c}')
      return `${r.method} ${path}`
    })
    .join(' → ')
}

async function runAction(project: Project, actionDir: string, apiUrl: string, commands: string[]) {
  const { main, post } = await job(
    project,
    { run: `${commands.join('\n')}\n`, 'api-url': apiUrl },
    { actionDir, timeoutMs: 120_000 },
  )
  for (const step of [main, post]) {
    if (step.exitCode !== 0) throw new Error(`the action failed:\n${step.stdout.slice(-2000)}`)
  }
  return main.durationMs + post.durationMs
}

async function runSdk(project: Project, apiUrl: string, command: string): Promise<number> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    DAYTONA_API_KEY: project.emulator.apiKey,
    DAYTONA_API_URL: apiUrl,
    BENCH_REPO_URL: `${project.git.serverUrl}/${BASE}.git`,
    BENCH_BRANCH: 'feature',
    BENCH_SHA: project.headSha,
    BENCH_COMMAND: command,
  }
  const started = performance.now()
  let output = ''
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bench/sdk/job.mjs')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (c: Buffer) => (output += c))
    child.stderr.on('data', (c: Buffer) => (output += c))
    child.on('error', reject)
    child.on('close', resolve)
  })
  const took = performance.now() - started
  if (code !== 0) throw new Error(`the SDK job failed (${code}):\n${output.slice(-2000)}`)
  return took
}
