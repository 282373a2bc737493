// Runs the BUNDLED action the way the GitHub runner does: reads action.yml (input defaults, runs.main/post,
// post-if), gives each step fresh file-command files, passes inputs as INPUT_<NAME> (hyphens kept) and the
// main step's saved state to post as STATE_<name> (case kept), and reads back outputs, state, summary and
// annotations. Children are spawned asynchronously: a spawnSync would starve an in-process emulator.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type ActionMeta,
  defaultEvent,
  defaultGithubEnv,
  inputEnv,
  loadAction,
  parseFileCommands,
} from './runner-env.ts'
import { strykerChild, underStryker } from './stryker.ts'
import { type Annotation, type LogEvent, logFileLine, WorkflowCommandReader } from './workflow-commands.ts'

export { parseFileCommands } from './runner-env.ts'
export type { Annotation, LogEvent } from './workflow-commands.ts'

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url))
/** What `${{ github.token }}` evaluates to unless a test gives its own; masked in the log like the real one. */
export const DEFAULT_GITHUB_TOKEN = 'ghs_HarnessJobToken0123456789abcdefABCDEF'
const SUMMARY_LIMIT = 1024 * 1024 // the runner refuses to upload a bigger step summary
/** what a step run with keepOutput: false keeps of its output */
const KEPT_LINES = 1000
const KEPT_CHARS = 256 * 1024

// Steps still running when the test process exits (a test timed out) are killed, not orphaned.
const liveSteps = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of liveSteps) child.kill('SIGKILL')
})

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** stdout as the runner's log file shows it: commands rendered as ##[group]/##[error]…, masks applied */
  stdout: string
  /** stderr with masks applied */
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** the raw stdout, byte for byte (::group:: etc. kept, nothing masked) */
  log: string
  rawStderr: string
  /** what the step wrote to GITHUB_ENV / GITHUB_PATH (later steps of the job see them) */
  env: Record<string, string>
  path: string[]
  /** values the log masks: the token, `secrets`, and every ::add-mask:: */
  masks: string[]
  /** killed by the harness after timeoutMs */
  timedOut: boolean
  /** post step skipped because post-if was false */
  skipped: boolean
  durationMs: number
}

export interface JobOptions {
  /** as a workflow `with:` block; action.yml defaults fill in the missing ones */
  inputs: Record<string, string>
  /** written to GITHUB_EVENT_PATH; default a push to main */
  event?: { name: string; payload: unknown }
  /** step env; overrides the GITHUB_* defaults derived from the event */
  env?: Record<string, string>
  /** GITHUB_WORKSPACE (default a fresh temp dir) */
  workspace?: string
  /** node binary, default process.execPath */
  node?: string
  onStdout?: (chunk: string) => void
  /** called as each step starts (the demo prints the step's header) */
  onStepStart?: (kind: 'main' | 'post') => void
  /** every output line as the runner interprets it, in arrival order */
  onLine?: (event: LogEvent, stream: 'stdout' | 'stderr') => void
  /** folder with action.yml and the bundles it names (default: the project root) */
  actionDir?: string
  /**
   * What runs: `dist`, the bundles action.yml names (what users run); or `sources`, the TypeScript they are
   * built from (an entry `dist/<name>/index.js` runs as `src/<name>.ts`), so that a change, or a mutant, is
   * seen without a rebuild. Default: the ACTION_FROM environment variable, else `sources` under Stryker (which
   * mutates the sources), else `dist`.
   */
  from?: ActionFrom
  /** value of `${{ github.token }}` */
  githubToken?: string
  /** values masked in the log, as `${{ secrets.X }}` passed to the step would be */
  secrets?: string[]
  /** keep the job's temp folder (event file, RUNNER_TEMP, file-command files, default workspace) */
  keepTemp?: boolean
  /**
   * false: `stdout`, `stderr`, `log` and `rawStderr` keep only the step's last lines (for a step that prints
   * gigabytes); onStdout and onLine still see everything. Default true.
   */
  keepOutput?: boolean
}

export type ActionFrom = 'dist' | 'sources'

function actionFrom(opts: JobOptions): ActionFrom {
  const from = opts.from ?? process.env.ACTION_FROM ?? (underStryker() ? 'sources' : 'dist')
  if (from !== 'dist' && from !== 'sources')
    throw new Error(`ACTION_FROM must be dist or sources, not ${from}`)
  return from
}

/** The script a step runs: action.yml's, or under `sources` the TypeScript entry it is bundled from. */
function entryScript(actionDir: string, script: string, from: ActionFrom): string {
  const bundle = /^dist\/([\w-]+)\/index\.js$/.exec(script)
  if (from === 'dist' || !bundle) return join(actionDir, script)
  const source = join(actionDir, 'src', `${bundle[1]}.ts`)
  if (!existsSync(source)) throw new Error(`ACTION_FROM=sources: ${source} does not exist for ${script}`)
  return source
}

export interface SignalAfter {
  pattern: RegExp
  signal: NodeJS.Signals
  /** like a cancelled run: if the step is still alive this long after the first signal, send SIGTERM */
  thenTermAfterMs?: number
}

export interface StepOptions {
  state?: Record<string, string>
  /** stop reading the step's stdout once it matches (as a runner whose log pipe breaks): its writes then fail */
  closeStdoutOn?: RegExp
  /** send a signal once stdout matches */
  signalAfter?: SignalAfter
  /** SIGKILL the step after this long (default 50 s, inside vitest's 60 s); the result says timedOut */
  timeoutMs?: number
}

interface Job {
  dir: string
  meta: ActionMeta
  actionDir: string
  workspace: string
  env: Record<string, string>
  warnings: Annotation[]
  secrets: string[]
}

async function prepareJob(opts: JobOptions): Promise<Job> {
  const actionDir = resolve(opts.actionDir ?? PROJECT_ROOT)
  const meta = await loadAction(actionDir)
  const dir = await mkdtemp(join(tmpdir(), 'harness-job-'))
  const workspace = opts.workspace ?? join(dir, 'workspace')
  await mkdir(workspace, { recursive: true })
  await mkdir(join(dir, 'temp'))
  const event = opts.event ?? defaultEvent(opts.env)
  const eventPath = join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(event.payload, null, 2))
  const env: Record<string, string> = {
    ...defaultGithubEnv(event.name, event.payload),
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(dir, 'temp'),
    RUNNER_TOOL_CACHE: join(dir, 'toolcache'),
    ...opts.env,
  }
  const token = opts.githubToken ?? DEFAULT_GITHUB_TOKEN
  const inputs = inputEnv(meta, opts.inputs, token, env)
  Object.assign(env, inputs.env)
  const warnings = inputs.warning ? [inputs.warning] : []
  return { dir, meta, actionDir, workspace, env, warnings, secrets: [token, ...(opts.secrets ?? [])] }
}

async function runIn(
  job: Job,
  kind: 'main' | 'post',
  opts: JobOptions & StepOptions,
  carried: Record<string, string> = {},
): Promise<StepResult> {
  const script = job.meta.runs[kind]
  if (!script) throw new Error(`action.yml has no runs.${kind}`)
  const stepDir = await mkdtemp(join(job.dir, `${kind}-`))
  const files = { OUTPUT: 'output', STATE: 'state', ENV: 'env', PATH: 'path', STEP_SUMMARY: 'summary' }
  const fileEnv: Record<string, string> = {}
  for (const [key, file] of Object.entries(files)) {
    fileEnv[`GITHUB_${key}`] = join(stepDir, file)
    await writeFile(join(stepDir, file), '')
  }
  const stateEnv = Object.fromEntries(Object.entries(opts.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]))
  const env = { ...job.env, ...carried, ...stateEnv, ...fileEnv }
  const reader = new WorkflowCommandReader(job.secrets)
  opts.onStepStart?.(kind)
  const started = performance.now()
  const stryker = strykerChild(stepDir)
  const entry = entryScript(job.actionDir, script, actionFrom(opts))
  const child = spawn(opts.node ?? process.execPath, [...(stryker?.execArgv ?? []), entry], {
    cwd: job.workspace,
    env: { ...env, ...stryker?.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  liveSteps.add(child)
  const raw = { stdout: '', stderr: '' }
  const shown = { stdout: [] as string[], stderr: [] as string[] }
  const pending = { stdout: '', stderr: '' }
  const debug = env.RUNNER_DEBUG === '1'
  const keep = opts.keepOutput ?? true
  const emit = (stream: 'stdout' | 'stderr', line: string) => {
    const event = reader.read(line.endsWith('\r') ? line.slice(0, -1) : line)
    opts.onLine?.(event, stream)
    const text = logFileLine(event, debug)
    if (text === undefined) return
    shown[stream].push(text)
    if (!keep && shown[stream].length > 2 * KEPT_LINES) shown[stream].splice(0, KEPT_LINES)
  }
  let signalled = false
  let timedOut = false
  const timers: NodeJS.Timeout[] = []
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    raw[stream] += text
    if (!keep && raw[stream].length > 2 * KEPT_CHARS) raw[stream] = raw[stream].slice(-KEPT_CHARS)
    if (stream === 'stdout') opts.onStdout?.(text)
    const lines = (pending[stream] + text).split('\n')
    pending[stream] = lines.pop()!
    for (const line of lines) emit(stream, line)
    if (stream === 'stdout' && opts.closeStdoutOn?.test(text)) child.stdout.destroy()
    const after = opts.signalAfter
    if (stream === 'stdout' && after && !signalled && after.pattern.test(raw.stdout)) {
      signalled = true
      child.kill(after.signal)
      if (after.thenTermAfterMs !== undefined)
        timers.push(setTimeout(() => child.kill('SIGTERM'), after.thenTermAfterMs))
    }
  }
  child.stdout.on('data', onData('stdout'))
  child.stderr.on('data', onData('stderr'))
  timers.push(
    setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, opts.timeoutMs ?? 50_000),
  )
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.on('error', fail)
    child.on('close', (code, sig) => done([code, sig]))
  }).finally(() => {
    liveSteps.delete(child)
    for (const t of timers) clearTimeout(t)
  })
  stryker?.collect()
  for (const stream of ['stdout', 'stderr'] as const) if (pending[stream]) emit(stream, pending[stream])

  const read = (file: string) => readFile(join(stepDir, file), 'utf8')
  const annotations = [...reader.annotations]
  let summary = await read('summary')
  const summaryBytes = Buffer.byteLength(summary)
  if (summaryBytes > SUMMARY_LIMIT) {
    const message = `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got ${Math.ceil(summaryBytes / 1024)}k.`
    annotations.push({ level: 'error', message })
    summary = ''
  }
  const stepEnv = parseFileCommands(await read('env'))
  if ('NODE_OPTIONS' in stepEnv) {
    delete stepEnv.NODE_OPTIONS // the runner refuses it too
    annotations.push({
      level: 'error',
      message: "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
    })
  }
  return {
    exitCode,
    signal,
    stdout: shown.stdout.join('\n'),
    stderr: shown.stderr.join('\n'),
    outputs: parseFileCommands(await read('output')),
    state: parseFileCommands(await read('state')),
    summary,
    annotations,
    log: raw.stdout,
    rawStderr: raw.stderr,
    env: stepEnv,
    path: (await read('path')).split(/\r?\n/).filter((l) => l.trim() !== ''),
    masks: [...reader.masks],
    timedOut,
    skipped: false,
    durationMs: Math.round(performance.now() - started),
  }
}

function skippedStep(): StepResult {
  return {
    ...{ exitCode: null, signal: null, stdout: '', stderr: '', outputs: {}, state: {}, summary: '' },
    ...{
      annotations: [],
      log: '',
      rawStderr: '',
      env: {},
      path: [],
      masks: [],
      timedOut: false,
      skipped: true,
    },
    durationMs: 0,
  }
}

/** One step (main or post) of a job of its own. */
export async function runStep(kind: 'main' | 'post', opts: JobOptions & StepOptions): Promise<StepResult> {
  const job = await prepareJob(opts)
  try {
    const result = await runIn(job, kind, opts)
    result.annotations.unshift(...job.warnings)
    return result
  } finally {
    if (!opts.keepTemp) await rm(job.dir, { recursive: true, force: true })
  }
}

/** post-if as the runner evaluates it for the post step (default always()). */
function postRuns(expr: string, main: StepResult, cancelled: boolean): boolean {
  const e = expr.trim().replace(/^\$\{\{\s*(.*?)\s*\}\}$/, '$1')
  const ok = main.exitCode === 0
  if (e === 'always()') return true
  if (e === 'success()') return ok && !cancelled
  if (e === 'failure()') return !ok && !cancelled
  if (e === 'cancelled()') return cancelled
  throw new Error(`the harness cannot evaluate post-if: ${expr}`)
}

/** main, then (per post-if) post with main's state as STATE_*, the same inputs, and main's GITHUB_ENV/PATH. */
export async function runJob(opts: JobOptions & { signalMain?: SignalAfter; timeoutMs?: number }): Promise<{
  main: StepResult
  post: StepResult /** the job's temp folder (gone unless keepTemp) */
  jobDir: string
}> {
  const job = await prepareJob(opts)
  try {
    const main = await runIn(job, 'main', { ...opts, signalAfter: opts.signalMain })
    main.annotations.unshift(...job.warnings)
    const cancelled = opts.signalMain?.pattern.test(main.log) === true
    if (!job.meta.runs.post || !postRuns(job.meta.runs['post-if'] ?? 'always()', main, cancelled))
      return { main, post: skippedStep(), jobDir: job.dir }
    const carried: Record<string, string> = { ...main.env }
    if (main.path.length > 0)
      carried.PATH = [...main.path]
        .reverse()
        .concat(job.env.PATH ?? [])
        .join(':')
    const post = await runIn(job, 'post', { ...opts, state: main.state }, carried)
    return { main, post, jobDir: job.dir }
  } finally {
    if (!opts.keepTemp) await rm(job.dir, { recursive: true, force: true })
  }
}
