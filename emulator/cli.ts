// `npm run emulator -- --port 4010 --api-key k`: runs the Daytona emulator until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import type { Delays } from './api/context.ts'
import { startEmulator } from './server.ts'

/** A fixed key for local use, printed at start; never a real Daytona key. */
const DEV_API_KEY = 'dtn_emulator_dev_key'

/** Closer to the real service than the test defaults: creating takes seconds, builds take a while. */
const CLI_DELAYS: Delays = {
  createMs: 1500,
  destroyMs: 1000,
  startMs: 1000,
  stopMs: 1000,
  snapshotPendingMs: 1000,
  buildStepMs: 500,
  createWaitMs: 30_000,
  buildRunnerWaitMs: 30_000,
  runnerAssignMs: 0,
  pullMs: 2000,
  minuteMs: 60_000,
}

const UNSCALED = new Set<keyof Delays>(['minuteMs', 'createWaitMs', 'buildRunnerWaitMs'])

const USAGE = `Usage: node emulator/cli.ts [options]
  --port <n>            port to listen on (default 4010; 0 = any free port)
  --host <addr>         address to bind (default 127.0.0.1)
  --api-key <key>       the accepted API key (default: $DAYTONA_EMULATOR_API_KEY, else ${DEV_API_KEY})
  --data-dir <dir>      where sandbox directories live (default: a temp dir removed on exit)
  --isolation <mode>    auto | bwrap | process (default auto)
  --delay-scale <x>     multiply every delay (e.g. 0.1 for fast, 0 for instant)
  --snapshot-quota <n>  snapshots the organization may hold (default 30, as Daytona)
  --<delay> <ms>        one delay: ${Object.keys(CLI_DELAYS).join(', ')} (kebab-case also accepted)
  --quiet               no per-request log lines
  --help`

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

const delayOptions = Object.fromEntries(
  Object.keys(CLI_DELAYS).flatMap((k) => [
    [k, { type: 'string' as const }],
    [kebab(k), { type: 'string' as const }],
  ]),
)

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'api-key': { type: 'string' },
    'data-dir': { type: 'string' },
    isolation: { type: 'string' },
    'delay-scale': { type: 'string' },
    'snapshot-quota': { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean' },
    ...delayOptions,
  },
  strict: true,
})
const opts = values as Record<string, string | boolean | undefined>

if (opts.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}

function num(name: string, raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (typeof raw !== 'string' || !Number.isFinite(n) || n < 0) fail(`--${name} needs a non-negative number`)
  return n
}

const scale = num('delay-scale', opts['delay-scale']) ?? 1
const delays = { ...CLI_DELAYS }
for (const key of Object.keys(CLI_DELAYS) as (keyof Delays)[]) {
  // the emulated minute and the server-side waits are not "slowness": they are not scaled
  if (!UNSCALED.has(key)) delays[key] = Math.round(delays[key] * scale)
  const explicit = num(key, opts[key] ?? opts[kebab(key)])
  if (explicit !== undefined) delays[key] = explicit
}
const snapshotQuota = num('snapshot-quota', opts['snapshot-quota'])
const isolation = (opts.isolation as string | undefined) ?? 'auto'
if (!['auto', 'bwrap', 'process'].includes(isolation)) fail(`--isolation must be auto, bwrap or process`)
const keyFromEnv = process.env.DAYTONA_EMULATOR_API_KEY
const apiKey = (opts['api-key'] as string | undefined) ?? keyFromEnv ?? DEV_API_KEY
const quiet = opts.quiet === true

const emulator = await startEmulator({
  apiKey,
  port: num('port', opts.port) ?? 4010,
  host: opts.host as string | undefined,
  dataDir: opts['data-dir'] as string | undefined,
  isolation: isolation as 'auto' | 'bwrap' | 'process',
  delays,
  limits: snapshotQuota === undefined ? undefined : { snapshotQuota },
  log: quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
})

process.stdout.write(`Daytona emulator listening on ${emulator.apiUrl}\n`)
process.stdout.write(`Sandbox isolation: ${emulator.isolation}\n`)
if (apiKey === DEV_API_KEY) process.stdout.write(`API key: ${DEV_API_KEY} (development default)\n`)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  process.stdout.write(`${signal}: shutting down\n`)
  await emulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
