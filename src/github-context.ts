// What to clone into the sandbox, decided from the workflow event the way actions/checkout does,
// plus the labels and name that let cleanup find the sandbox again.
// Pure functions; `fromEnvironment` is the only place that touches process.env and the event file.

import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** Label keys under this prefix belong to the action; users may not set them. */
export const LABEL_PREFIX = 'daytona-action/'

/** The parts of the workflow run this module reads (the fields of @actions/github's `context`). */
export interface EventInfo {
  eventName: string
  payload: Record<string, unknown>
  sha: string
  ref: string
  repository: string // owner/name of the workflow's repository (GITHUB_REPOSITORY)
  serverUrl: string
  runId: string
  runAttempt: number
  job: string
  workflow?: string
}

export interface Source {
  eventName: string
  repository: string // owner/name to clone
  baseRepository: string // the workflow's repository
  sha: string // exact commit expected at HEAD; '' = take the clone's HEAD as is
  ref?: string // branch or tag name to clone (PR head branch name for PRs)
  /** what `ref` names; absent = a branch. Daytona clones branches only: a tag is reached another way. */
  refType?: 'branch' | 'tag'
  prNumber?: number
  /** what is cloned is not the base repository (a fork's head, or whatever the inputs named) */
  isFork: boolean
  /** the event is about a fork's code (its head), whatever the inputs say: the workspace may hold its checkout */
  eventFork?: string
  /** the event runs with the base repository's secrets: every event but a fork's pull_request */
  privileged: boolean
  cloneUrl: string
  serverUrl: string
}

/** Which job leg a sandbox belongs to. An EventInfo is one (without the matrix). */
export interface JobIdentity {
  runId: string | number
  runAttempt: string | number
  job: string
  /** the matrix leg, e.g. `${{ toJSON(matrix) }}`; keeps parallel legs' names apart */
  matrix?: string
}

/** Thrown by assertTrusted; the message is one line and says how to opt in. */
export class UntrustedForkError extends Error {
  override name = 'UntrustedForkError'
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
])
/**
 * The only runs GitHub gives no secrets (and a read-only token): these events from a fork. Every other event,
 * and these from the base repository itself, run with the base repository's secrets.
 */
const UNPRIVILEGED_FROM_FORK = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment'])
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i

/** Reads the run from the runner's environment, as @actions/github's Context does (without loading Octokit). */
export function fromEnvironment(env: NodeJS.ProcessEnv = process.env): EventInfo {
  const payload = readEventPayload(env)
  const payloadRepo = (record(payload.repository)?.full_name as string | undefined) ?? ''
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    repository: env.GITHUB_REPOSITORY || payloadRepo,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '1', 10) || 1,
    job: env.GITHUB_JOB ?? '',
    workflow: env.GITHUB_WORKFLOW,
  }
}

/** The event payload at GITHUB_EVENT_PATH, or {} when there is none or it cannot be read. */
export function readEventPayload(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return record(JSON.parse(readFileSync(path, 'utf8'))) ?? {}
  } catch {
    return {}
  }
}

/** owner/name of a pull request's head repository when it differs from the base; undefined otherwise. */
export function forkOfPullRequest(payload: Record<string, unknown>, baseRepository = ''): string | undefined {
  const head = headRepository(payload)
  const base = baseRepository || record(record(record(payload.pull_request)?.base)?.repo)?.full_name
  return head && typeof base === 'string' && !sameRepository(head, base) ? head : undefined
}

export function resolveSource(event: EventInfo, overrides: { repository?: string; ref?: string }): Source {
  const serverUrl = event.serverUrl.replace(/\/+$/, '')
  const baseRepository = event.repository
  let source = fromEvent(event, baseRepository)
  const eventFork = source.isFork ? source.repository : undefined

  if (overrides.repository && !sameRepository(overrides.repository, source.repository)) {
    // Another repository: the event's commit means nothing there, so clone its default branch.
    // Stryker disable next-line BooleanLiteral: isFork is decided again below from what is cloned
    source = { repository: overrides.repository, sha: '', isFork: false }
  }
  if (overrides.ref) source = { ...source, ...refOverride(overrides.ref, event, source) }
  return {
    eventName: event.eventName,
    baseRepository,
    serverUrl,
    cloneUrl: `${serverUrl}/${source.repository}.git`,
    ...source,
    // trust follows what is cloned, not what the inputs call it
    isFork: !sameRepository(source.repository, baseRepository),
    ...(eventFork && { eventFork }),
    privileged: !(eventFork && UNPRIVILEGED_FROM_FORK.has(event.eventName)),
  }
}

type Picked = Pick<Source, 'repository' | 'sha' | 'ref' | 'refType' | 'prNumber' | 'isFork'>

/** What the `ref` input changes: the commit expected, and the branch or tag that leads to it. */
function refOverride(ref: string, event: EventInfo, source: Picked): Pick<Source, 'sha' | 'ref' | 'refType'> {
  // The branch stays: a single-branch clone reaches the commit through it (another repository: its default).
  if (FULL_SHA.test(ref)) return { sha: ref.toLowerCase(), ref: source.ref, refType: source.refType }
  const named = refName(ref)
  if (!named) {
    throw new Error(
      `Input 'ref' is ${JSON.stringify(ref)}, which cannot be cloned: use a branch, a tag (refs/tags/<tag>) or a commit SHA.`,
    )
  }
  // A tag of the event itself (a tag push or release) is the event's commit; any other is found in the clone.
  const ownTag =
    named.refType === 'tag' && ref === event.ref && sameRepository(source.repository, event.repository)
  return { ...named, sha: ownTag ? event.sha : '' }
}

function fromEvent(event: EventInfo, baseRepository: string): Picked {
  const { payload } = event
  if (PULL_REQUEST_EVENTS.has(event.eventName)) {
    const pr = record(payload.pull_request)
    const head = record(pr?.head)
    const repository = headRepository(payload)
    if (!pr || !head || typeof head.sha !== 'string') {
      throw new Error(
        `The ${event.eventName} event payload has no pull_request.head; cannot tell what to clone.`,
      )
    }
    if (!repository) {
      throw new Error(
        `The head repository of pull request #${pr.number} no longer exists (the fork was deleted); nothing to clone.`,
      )
    }
    return {
      repository,
      sha: head.sha,
      ...(typeof head.ref === 'string' && { ref: head.ref, refType: 'branch' as const }),
      prNumber: typeof pr.number === 'number' ? pr.number : undefined,
      isFork: !sameRepository(repository, baseRepository),
    }
  }
  if (event.eventName === 'workflow_run') {
    // The triggering run's head, which is what a workflow_run "test the PR" pipeline wants.
    const run = record(payload.workflow_run)
    const repository = record(run?.head_repository)?.full_name
    if (run && typeof repository === 'string' && typeof run.head_sha === 'string') {
      const prs = Array.isArray(run.pull_requests) ? run.pull_requests : []
      const prNumber = record(prs[0])?.number
      return {
        repository,
        sha: run.head_sha,
        ...(typeof run.head_branch === 'string' && { ref: run.head_branch, refType: 'branch' as const }),
        prNumber: typeof prNumber === 'number' ? prNumber : undefined,
        isFork: !sameRepository(repository, baseRepository),
      }
    }
  }
  return { repository: baseRepository, sha: event.sha, ...refName(event.ref), isFork: false }
}

/**
 * Outside a workflow run (no GITHUB_REPOSITORY, no event payload naming one) there is nothing to clone by
 * default and nothing to label the sandbox with, so cleanup could never find it: fail before anything is made.
 */
export function assertWorkflowRun(event: EventInfo): void {
  if (event.repository) return
  throw new WorkflowContextError(
    "Input 'repository' has nothing to default to: GITHUB_REPOSITORY is not set and there is no event " +
      'payload (GITHUB_EVENT_PATH), so this is not a GitHub Actions workflow run. Run the action as a step of ' +
      'a workflow job.',
  )
}

/** Thrown by assertWorkflowRun; one line. */
export class WorkflowContextError extends Error {
  override name = 'WorkflowContextError'
}

/** Refuses to clone anything but the base repository under an event that carries its secrets, unless allow-fork. */
export function assertTrusted(source: Source, allowFork: boolean): void {
  if (!source.isFork || allowFork || !source.privileged) return
  const what =
    // Stryker disable next-line StringLiteral: no repository is named like any stand-in for a missing fork
    source.prNumber && sameRepository(source.repository, source.eventFork ?? '')
      ? `pull request #${source.prNumber} from fork ${source.repository}`
      : source.repository
  throw new UntrustedForkError(`Refusing to run code from ${what} under ${source.eventName}: ${risk(source)}`)
}

/**
 * Refuses the workspace's files (the Dockerfile and its build context) under an event that carries secrets
 * and is about a fork's code: the workflow may have checked the fork out, whatever `repository` says.
 */
export function assertWorkspaceTrusted(
  source: Pick<Source, 'eventFork' | 'privileged' | 'eventName' | 'baseRepository'>,
  allowFork: boolean,
  what: string,
): void {
  if (!source.eventFork || allowFork || !source.privileged) return
  throw new UntrustedForkError(
    `Refusing to build ${what} from the workspace under ${source.eventName} for ${source.eventFork}: the workspace ` +
      `may hold the fork's checkout, and a snapshot built from it would be reused by trusted runs; ${risk(source)}`,
  )
}

function risk(source: Pick<Source, 'baseRepository'>): string {
  return (
    `this event runs with ${source.baseRepository}'s secrets and a write token, so running a fork's code is a ` +
    `"pwn request" risk. Review the change first and set 'allow-fork: true' (ideally behind an environment ` +
    'with required reviewers), or use the pull_request event, which runs fork code without secrets.'
  )
}

export function sandboxLabels(source: Source, run: JobIdentity): Record<string, string> {
  const labels: Record<string, string> = {
    [`${LABEL_PREFIX}repository`]: source.baseRepository,
    [`${LABEL_PREFIX}run-id`]: String(run.runId),
    [`${LABEL_PREFIX}run-attempt`]: String(run.runAttempt),
    [`${LABEL_PREFIX}job`]: run.job,
  }
  if (source.sha) labels[`${LABEL_PREFIX}sha`] = source.sha
  if (source.prNumber !== undefined) labels[`${LABEL_PREFIX}pr`] = String(source.prNumber)
  if (run.matrix) labels[`${LABEL_PREFIX}matrix`] = `${slug(run.matrix, 56)}-${shortHash(run.matrix)}`
  return labels
}

const NAME_MAX = 63

/**
 * `<repo>-<run id>-<attempt>-<job>[-<matrix>-<hash>]-<random>`, lowercase [a-z0-9-], at most 63 characters.
 * The readable part tells a human which job owns the sandbox; the matrix hash keeps legs apart even when
 * their hints slug to the same text; the random part makes a retried create never collide with a leftover.
 */
export function sandboxName(
  source: Source,
  run: JobIdentity,
  matrixHint = run.matrix,
  suffix = randomSuffix(),
): string {
  const repoName = source.baseRepository.split('/').pop() ?? ''
  const tail = [
    ...(matrixHint ? [slug(matrixHint, 10), shortHash(matrixHint)] : []),
    slug(suffix, 6) || randomSuffix(),
  ]
    .filter(Boolean)
    .join('-')
  const head = [
    slug(repoName, 14) || 'run',
    slug(String(run.runId), 20),
    slug(String(run.runAttempt), 3),
    slug(run.job, 12),
  ]
    .filter(Boolean)
    .join('-')
  // Long run ids eat into the job name rather than into the parts that keep names apart.
  return `${head.slice(0, NAME_MAX - tail.length - 1).replace(/-+$/, '')}-${tail}`
}

function randomSuffix(): string {
  return randomBytes(6).readUIntBE(0, 6).toString(36).padStart(6, '0').slice(-6)
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 4)
}

function slug(text: string, max: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '')
}

/**
 * `refs/heads/x` → branch x, `refs/tags/v1` → tag v1, a plain name → branch, '' → no ref; other refs
 * (refs/pull/…) name neither: undefined.
 */
function refName(ref: string): Pick<Source, 'ref' | 'refType'> | undefined {
  if (!ref) return {}
  const match = /^refs\/(heads|tags)\/(.+)$/.exec(ref)
  if (match) return { ref: match[2], refType: match[1] === 'tags' ? 'tag' : 'branch' }
  return ref.startsWith('refs/') ? undefined : { ref, refType: 'branch' }
}

function headRepository(payload: Record<string, unknown>): string | undefined {
  const name = record(record(record(payload.pull_request)?.head)?.repo)?.full_name
  return typeof name === 'string' ? name : undefined
}

// GitHub owner and repository names are case-insensitive.
function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function record(value: unknown): Record<string, unknown> | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: on parsed JSON, a field read on null, a primitive or an array finds nothing either; the check documents intent
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
