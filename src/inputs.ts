// Every action input, read once, validated before any request, into one deeply frozen Config.
// Each invalid value throws InputError with a one-line message naming the input and the accepted form.

import { setSecret as coreSetSecret } from '@actions/core'
import { CACHE_INPUTS, type CacheConfig, readCacheInputs } from './cache/inputs.ts'
import { formatDuration, parseDuration } from './duration.ts'
import { forkOfPullRequest, LABEL_PREFIX, readEventPayload } from './github-context.ts'
import {
  bool,
  check,
  deepFreeze,
  duration,
  fail,
  InputError,
  type InputReader,
  imageReference,
  keyValueLines,
  matching,
  oneOf,
  relativePath,
  wholeNumber,
} from './input-parsers.ts'
import { RESULTS_INPUTS, type ResultsConfig, readResultsInputs } from './results/inputs.ts'
import type { Shell } from './shell/exec-text.ts'

export { InputError, type InputReader } from './input-parsers.ts'
export { formatDuration, parseDuration }

/** Input names as action.yml declares them: the contract with workflows. */
export const INPUTS = {
  apiKey: 'api-key',
  apiUrl: 'api-url',
  target: 'target',
  run: 'run',
  shell: 'shell',
  workingDirectory: 'working-directory',
  env: 'env',
  timeout: 'timeout',
  failFast: 'fail-fast',
  image: 'image',
  snapshot: 'snapshot',
  dockerfile: 'dockerfile',
  context: 'context',
  cpu: 'cpu',
  memory: 'memory',
  disk: 'disk',
  source: 'source',
  repository: 'repository',
  ref: 'ref',
  token: 'token',
  cloneDepth: 'clone-depth',
  keepSandbox: 'keep-sandbox',
  keepMinutes: 'keep-minutes',
  labels: 'labels',
  summary: 'summary',
  snapshotPrefix: 'snapshot-prefix',
  rebuildSnapshot: 'rebuild-snapshot',
  snapshotTimeout: 'snapshot-timeout',
  pruneSnapshots: 'prune-snapshots',
  keepSnapshots: 'keep-snapshots',
  pruneAfter: 'prune-after',
  allowFork: 'allow-fork',
  maskEnv: 'mask-env',
  capacityTimeout: 'capacity-timeout',
  mode: 'mode',
  olderThan: 'older-than',
  dryRun: 'dry-run',
  ...RESULTS_INPUTS,
  ...CACHE_INPUTS,
} as const
export type InputName = (typeof INPUTS)[keyof typeof INPUTS]
export const INPUT_NAMES: readonly InputName[] = Object.freeze(Object.values(INPUTS))

export const DEFAULT_API_URL = 'https://app.daytona.io/api'
export const DEFAULT_DOCKERFILE = 'Dockerfile'
export const KEEP_SANDBOX_MODES = ['never', 'on-failure', 'always'] as const
export const SOURCE_KINDS = ['git', 'workspace'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
export type KeepSandbox = (typeof KEEP_SANDBOX_MODES)[number]
/** `run`: the commands in a sandbox; `cleanup`: sweep this action's leftover sandboxes (sweep.ts) */
export const MODES = ['run', 'cleanup'] as const
export type Mode = (typeof MODES)[number]

export interface Config extends ResultsConfig, CacheConfig {
  apiKey: string
  apiUrl: string
  target?: string
  /** `git`: the daemon clones the commit under test; `workspace`: the runner's checkout is uploaded */
  source: SourceKind
  /** the `run` block as written; main splits it into commands (script.ts) */
  run: string
  shell: Shell
  workingDirectory: string // '' = clone root
  env: Readonly<Record<string, string>>
  timeoutMs: number
  failFast: boolean
  image?: string
  snapshot?: string
  dockerfile: string
  dockerfileExplicit: boolean
  context?: string
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>
  repository?: string
  ref?: string
  token: string
  cloneDepth: number
  keepSandbox: KeepSandbox
  keepMinutes: number
  labels: Readonly<Record<string, string>>
  summary: boolean
  snapshotPrefix?: string
  rebuildSnapshot: boolean
  snapshotTimeoutMs: number
  /** delete this action's superseded snapshots of the same prefix and size (environment/prune.ts) */
  pruneSnapshots: boolean
  /** how many snapshots of a prefix and size survive, newest first */
  keepSnapshots: number
  /** a superseded snapshot is deleted only once unused for this long */
  pruneAfterMs: number
  allowFork: boolean
  /** env names whose values are masked whatever they look like */
  maskEnv: readonly string[]
  /** how long a create refused for want of room (org totals, no runner) keeps being retried */
  capacityTimeoutMs: number
  mode: Mode
  /** cleanup mode: a labelled sandbox older than this goes even if its run is not known to have ended */
  olderThanMs: number
  /** cleanup mode: only list what would be deleted */
  dryRun: boolean
}

/** What core.getInput does, against any env: `INPUT_<NAME>`, trimmed. */
export function inputFromEnv(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const LABEL_KEY = /^[A-Za-z0-9._/-]{1,63}$/
const TARGET = /^[a-z0-9][a-z0-9-]{0,62}$/
const SNAPSHOT_NAME = /^[a-zA-Z0-9_.\-:]+(\/[a-zA-Z0-9_.\-:]+)*$/
const SNAPSHOT_PREFIX = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/
// git check-ref-format, plus no leading '-' so a ref can never be read as a git option.
const GIT_REF = /^(?![-/.])(?!.*(?:\.\.|@\{|\/\/|\/\.|\.lock(?:\/|$)|[/.]$))(?!@$)[^\p{Cc}\s~^:?*[\\]+$/u

/** Env names whose values are treated as secrets: masked in the log and redacted from the report. */
const SECRET_ENV_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|AUTH|CREDENTIAL|PRIVATE|COOKIE|SESSION)/i
/** Shorter values would blank out common words all over the log. */
const MIN_SECRET_ENV_LENGTH = 4

/**
 * Daytona's default per-sandbox maxima (daytona-api.md §2.7; v0.190 config DEFAULT_ORG_QUOTA_MAX_*_PER_SANDBOX):
 * a bigger request passes no tier's default and would only fail at the API, after a snapshot was built for it.
 */
/**
 * The most any Daytona sandbox can have (a GPU snapshot's). An organisation's own per-sandbox maxima are lower
 * (4 vCPU, 8 GiB, 10 GiB by default) and set per tier: the API says so, and limits.ts names it for the user.
 */
export const PER_SANDBOX_MAX = { cpu: 16, memory: 192, disk: 512 } as const

const FORMS = {
  target: 'must be a region name of lowercase letters, digits and dashes, e.g. us or eu',
  snapshot: 'must be a snapshot name such as my-snapshot:1.0',
  repository: 'must be owner/name, e.g. octo-org/octo-repo',
  ref: 'must be a branch, tag or 40-character commit SHA',
  fullRef: 'must be a branch, tag or commit SHA: only refs/heads/<branch> and refs/tags/<tag> can be cloned',
  snapshotPrefix:
    'must be at most 40 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  cpu: `must be a whole number of vCPUs from 1 to ${PER_SANDBOX_MAX.cpu} (your organisation's limit, 4 by default, applies too)`,
  memory: `must be a whole number of GiB from 1 to ${PER_SANDBOX_MAX.memory} (your organisation's limit, 8 by default, applies too)`,
  disk: `must be a whole number of GiB from 3 to ${PER_SANDBOX_MAX.disk} (your organisation's limit, 10 by default, applies too)`,
  cloneDepth: 'must be a whole number, 0 or more (0 = full history)',
  keepMinutes: 'must be a whole number of minutes from 1 to 1440',
  keepSnapshots: 'must be a whole number of snapshots from 1 to 100',
  capacityTimeout: 'must be a duration such as 0s, 10m or 1h (or plain seconds), at most 24h',
  pruneAfter: 'must be a duration such as 0s, 10m or 1h (or plain seconds), at most 24h',
}

/**
 * Reads and validates every input. `get` defaults to core.getInput's behaviour against `env`.
 * The API key and token reach `setSecret` the moment they are read, before anything can throw.
 * Only the process env is consulted for fallbacks, never a dotenv file in the (untrusted) workspace.
 */
export function readInputs(
  get?: InputReader,
  env: NodeJS.ProcessEnv = process.env,
  setSecret: (secret: string) => void = coreSetSecret,
): Config {
  const read = get ?? ((name: string) => inputFromEnv(env, name))
  const apiKey = read(INPUTS.apiKey) || (env.DAYTONA_API_KEY ?? '').trim()
  const token = read(INPUTS.token)
  // Both are masked before either is checked, so no later error can print them.
  mask(apiKey, setSecret)
  mask(token, setSecret)
  checkSecret(INPUTS.apiKey, apiKey)
  checkSecret(INPUTS.token, token)
  if (!apiKey) throw new InputError(INPUTS.apiKey, `${missingApiKeyReason(env)}.`)
  const mode = oneOf(read, INPUTS.mode, MODES, 'run')

  const image = optional(read(INPUTS.image), (value) => imageReference(INPUTS.image, value))
  const snapshot = matching(read, INPUTS.snapshot, SNAPSHOT_NAME, FORMS.snapshot)
  const dockerfileRaw = read(INPUTS.dockerfile)
  const dockerfile = dockerfileRaw
    ? relativePath(INPUTS.dockerfile, dockerfileRaw, 'the workspace')
    : DEFAULT_DOCKERFILE
  if (!dockerfile) fail(INPUTS.dockerfile, 'must name a file relative to the workspace', dockerfileRaw)
  const contextRaw = read(INPUTS.context)
  const resources = {
    cpu: wholeNumber(read, INPUTS.cpu, { min: 1, max: PER_SANDBOX_MAX.cpu }, FORMS.cpu),
    memory: wholeNumber(read, INPUTS.memory, { min: 1, max: PER_SANDBOX_MAX.memory }, FORMS.memory),
    disk: wholeNumber(read, INPUTS.disk, { min: 3, max: PER_SANDBOX_MAX.disk }, FORMS.disk),
  }
  const sources = {
    image,
    snapshot,
    dockerfile,
    dockerfileExplicit: dockerfile !== DEFAULT_DOCKERFILE,
    // '' means "the Dockerfile's folder"; '.' is the workspace root.
    context: contextRaw ? relativePath(INPUTS.context, contextRaw, 'the workspace') || '.' : undefined,
    resources: Object.fromEntries(Object.entries(resources).filter(([, value]) => value !== undefined)),
    rebuildSnapshot: bool(read, INPUTS.rebuildSnapshot, false),
  }
  checkSources(sources)
  const envValues = keyValueLines(INPUTS.env, read(INPUTS.env), checkEnvEntry, false)
  const maskEnv = maskedEnvNames(read(INPUTS.maskEnv), envValues)
  for (const value of secretEnvValues(envValues, maskEnv)) setSecret(value)

  return deepFreeze({
    apiKey,
    apiUrl: apiUrl(read(INPUTS.apiUrl), env),
    target: matching(
      (name) => read(name) || (env.DAYTONA_TARGET ?? '').trim(),
      INPUTS.target,
      TARGET,
      FORMS.target,
    ),
    // A sweep runs no commands: its `run` may be empty.
    run: mode === 'cleanup' ? read(INPUTS.run) : script(INPUTS.run, read(INPUTS.run)),
    source: oneOf(read, INPUTS.source, SOURCE_KINDS, 'git'),
    shell: shell(read(INPUTS.shell)),
    workingDirectory: relativePath(INPUTS.workingDirectory, read(INPUTS.workingDirectory), 'the repository'),
    env: envValues,
    timeoutMs: duration(read, INPUTS.timeout, '30m'),
    failFast: bool(read, INPUTS.failFast, true),
    ...sources,
    repository: matching(read, INPUTS.repository, REPOSITORY, FORMS.repository),
    ref: gitRef(read(INPUTS.ref)),
    token,
    cloneDepth: wholeNumber(read, INPUTS.cloneDepth, { min: 0, max: 1e9 }, FORMS.cloneDepth) ?? 1,
    keepSandbox: oneOf(read, INPUTS.keepSandbox, KEEP_SANDBOX_MODES, 'never'),
    keepMinutes: wholeNumber(read, INPUTS.keepMinutes, { min: 1, max: 1440 }, FORMS.keepMinutes) ?? 60,
    labels: keyValueLines(INPUTS.labels, read(INPUTS.labels), checkLabelEntry, true),
    summary: bool(read, INPUTS.summary, true),
    snapshotPrefix: matching(read, INPUTS.snapshotPrefix, SNAPSHOT_PREFIX, FORMS.snapshotPrefix),
    snapshotTimeoutMs: duration(read, INPUTS.snapshotTimeout, '30m'),
    pruneSnapshots: bool(read, INPUTS.pruneSnapshots, true),
    keepSnapshots: wholeNumber(read, INPUTS.keepSnapshots, { min: 1, max: 100 }, FORMS.keepSnapshots) ?? 3,
    pruneAfterMs: durationOrZero(read(INPUTS.pruneAfter) || '10m', INPUTS.pruneAfter, FORMS.pruneAfter),
    allowFork: bool(read, INPUTS.allowFork, false),
    maskEnv,
    capacityTimeoutMs: durationOrZero(
      read(INPUTS.capacityTimeout) || '10m',
      INPUTS.capacityTimeout,
      FORMS.capacityTimeout,
    ),
    mode,
    olderThanMs: duration(read, INPUTS.olderThan, '2h'),
    dryRun: bool(read, INPUTS.dryRun, true),
    ...readResultsInputs(read, env),
    ...readCacheInputs(read),
  })
}

/** The config with secrets and env values hidden, safe for debug logs and the summary. */
export function redactConfig(config: Config): Record<string, unknown> {
  const hide = (value: string) => (value ? '***' : '')
  const env = Object.fromEntries(Object.keys(config.env).map((key) => [key, '***']))
  return { ...config, apiKey: hide(config.apiKey), token: hide(config.token), env }
}

/**
 * The env values the run treats as secrets: those of names that look like one (API_TOKEN, DB_PASSWORD…),
 * 4 characters or more, and those of the names `mask-env` lists, whatever they look like. The live log masks
 * them and the report redacts them; other values stay readable.
 */
export function secretEnvValues(
  env: Readonly<Record<string, string>>,
  // Stryker disable next-line ArrayDeclaration: a stand-in name has a space, which no env entry's name can have
  maskEnv: readonly string[] = [],
): string[] {
  return Object.entries(env)
    .filter(
      ([key, value]) =>
        (maskEnv.includes(key) && value !== '') ||
        (SECRET_ENV_NAME.test(key) && value.length >= MIN_SECRET_ENV_LENGTH),
    )
    .map(([, value]) => value)
}

/** `mask-env`: env names, separated by commas, spaces or lines; each must be one that `env` sets. */
function maskedEnvNames(raw: string, env: Readonly<Record<string, string>>): string[] {
  // Stryker disable next-line Regex: split one separator at a time, the empty names between are filtered out
  const names = raw.split(/[\s,]+/).filter(Boolean)
  for (const name of names) {
    if (!Object.hasOwn(env, name)) {
      throw new InputError(
        INPUTS.maskEnv,
        `Input 'mask-env' names ${name}, which 'env' does not set: list names of env entries.`,
      )
    }
  }
  return [...new Set(names)]
}

function mask(value: string, setSecret: (secret: string) => void): void {
  if (!value) return
  setSecret(value)
  // A pasted secret with a stray line break: mask each line as well as the whole.
  for (const line of value.split(/\r?\n/)) if (line.trim() && line !== value) setSecret(line.trim())
}

function checkSecret(name: string, value: string): void {
  const form = 'must be a single token without spaces or line breaks (check the secret for a stray newline)'
  if (/\s/.test(value)) fail(name, form)
}

function missingApiKeyReason(env: NodeJS.ProcessEnv): string {
  const event = env.GITHUB_EVENT_NAME ?? ''
  const fork =
    (event === 'pull_request' || event.startsWith('pull_request_review')) &&
    forkOfPullRequest(readEventPayload(env), env.GITHUB_REPOSITORY ?? '')
  if (fork) {
    return (
      `Input 'api-key' is empty because GitHub does not pass secrets to workflows triggered by pull requests ` +
      `from forks (this one comes from ${fork}). To test fork pull requests, run the job on pull_request_target ` +
      `behind an environment with required reviewers and set 'allow-fork: true', or run it on push`
    )
  }
  if (env.GITHUB_ACTOR === 'dependabot[bot]') {
    return (
      `Input 'api-key' is empty: runs triggered by Dependabot only receive Dependabot secrets; ` +
      `add DAYTONA_API_KEY under Settings > Secrets and variables > Dependabot`
    )
  }
  return `Input 'api-key' is required: set 'api-key: \${{ secrets.DAYTONA_API_KEY }}' or the DAYTONA_API_KEY environment variable`
}

function apiUrl(fromInput: string, env: NodeJS.ProcessEnv): string {
  const raw = fromInput || (env.DAYTONA_API_URL ?? '').trim() || DEFAULT_API_URL
  const subject = fromInput ? undefined : `Input '${INPUTS.apiUrl}' (from DAYTONA_API_URL)`
  const form = `must be an http(s) URL such as ${DEFAULT_API_URL}`
  // The value is never echoed: a pasted URL may carry a key in its user info or its query.
  const url = URL.parse(raw)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    fail(INPUTS.apiUrl, form, undefined, subject)
  if (url.username || url.password) {
    fail(INPUTS.apiUrl, `${form}, without credentials (put the key in 'api-key')`, undefined, subject)
  }
  if (url.search || url.hash) {
    fail(INPUTS.apiUrl, `${form}; it must not contain a query or fragment`, undefined, subject)
  }
  return raw.replace(/\/+$/, '')
}

/** The raw `run` block: it must hold something; whether it parses is checked by script.ts. */
function script(name: string, text: string): string {
  if (!text) fail(name, 'is required: the commands to run, as in a workflow step')
  return text
}

/** GitHub's \`shell\` keywords for Linux runners, or a custom command with {0} for the script file. */
const SHELL_TEMPLATES: Record<string, string> = { python: 'python {0}', pwsh: `pwsh -command ". '{0}'"` }

function shell(value: string): Shell {
  if (!value) return { kind: 'bash-default' }
  if (value === 'bash' || value === 'sh') return { kind: value }
  const template = SHELL_TEMPLATES[value] ?? value
  const form =
    "must be bash, sh, python, pwsh, or a command that runs the script file named by {0}, e.g. 'perl {0}'"
  check(template.includes('{0}') && !/[\r\n]/.test(template), INPUTS.shell, form, value)
  return { kind: 'custom', template }
}

/** A branch, tag or SHA; of full refs only refs/heads/… and refs/tags/… (refs/pull/… cannot be cloned). */
function gitRef(value: string): string | undefined {
  if (!value) return undefined
  check(GIT_REF.test(value), INPUTS.ref, FORMS.ref, value)
  if (value.startsWith('refs/')) check(/^refs\/(heads|tags)\/./.test(value), INPUTS.ref, FORMS.fullRef, value)
  return value
}

function checkEnvEntry(key: string, _value: string, line: number): void {
  check(ENV_KEY.test(key), INPUTS.env, `line ${line} has an invalid name; names match ${ENV_KEY.source}`, key)
}

function checkLabelEntry(key: string, value: string, line: number): void {
  const keyForm = `line ${line} has an invalid key; label keys are 1-63 letters, digits, '.', '-', '_' or '/'`
  check(LABEL_KEY.test(key), INPUTS.labels, keyForm, key)
  const reserved = `line ${line} sets a ${LABEL_PREFIX}* key; those labels belong to the action`
  check(!key.toLowerCase().startsWith(LABEL_PREFIX), INPUTS.labels, reserved, key)
  check(value.length <= 255, INPUTS.labels, `line ${line} has a value longer than 255 characters`)
}

/** Rules that span inputs: one source for the sandbox, and what only makes sense with a Dockerfile. */
function checkSources(given: {
  image?: string
  snapshot?: string
  dockerfileExplicit: boolean
  context?: string
  resources: { cpu?: number; memory?: number; disk?: number }
  rebuildSnapshot: boolean
}): void {
  const { image, snapshot } = given
  const sources = (['image', 'snapshot', 'dockerfile'] as const).filter((source) =>
    source === 'dockerfile' ? given.dockerfileExplicit : given[source],
  )
  if (sources.length > 1) {
    const subject = `Inputs ${sources.map((source) => `'${source}'`).join(' and ')}`
    fail(
      sources[0]!,
      'cannot be used together: choose one of image, snapshot or dockerfile',
      undefined,
      subject,
    )
  }
  if (given.context && (image || snapshot)) {
    fail(INPUTS.context, `only applies to a Dockerfile build, not with '${image ? 'image' : 'snapshot'}'`)
  }
  if (!snapshot) return
  const sized = (['cpu', 'memory', 'disk'] as const).filter((key) => given.resources[key] !== undefined)
  if (sized.length > 0) {
    const subject = `${sized.length > 1 ? 'Inputs' : 'Input'} ${sized.map((key) => `'${key}'`).join(', ')}`
    fail(sized[0]!, "cannot be used with 'snapshot': resources come from the snapshot", undefined, subject)
  }
  if (given.rebuildSnapshot) {
    fail(INPUTS.rebuildSnapshot, "cannot be used with 'snapshot': only Dockerfile snapshots are rebuilt")
  }
}

function optional(value: string, validate: (value: string) => unknown): string | undefined {
  if (!value) return undefined
  validate(value)
  return value
}

/** A duration where 0 is allowed ("at once"), at most 24h. */
function durationOrZero(value: string, name: string, form: string): number {
  const ms = parseDuration(value)
  check(ms !== undefined && ms <= 24 * 60 * 60_000, name, form, value)
  return ms
}
