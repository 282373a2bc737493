// Look a snapshot up once, then reuse, wait for, reactivate or build it. Concurrent jobs of a matrix race to
// build the same name: the first create wins, the others get 409 (or, at a full quota, the quota's 400, which
// the server checks first) and wait for the winner's build. A full quota is met by pruning (quota.ts).
import { setTimeout } from 'node:timers/promises'
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { ConflictError, NotFoundError } from '../daytona/errors.ts'
import type { CreateBuildInfo, Snapshot } from '../daytona/types.ts'
import { formatDuration } from '../duration.ts'
import { printable } from '../printable.ts'
import { withUntrustedOutput } from '../untrusted-output.ts'
import { activateSnapshot, isQuotaExceeded } from './activate.ts'

export interface SnapshotSpec {
  name: string
  imageName?: string
  /** run only when this job builds: puts the build context in object storage and answers the buildInfo */
  prepareBuild?: () => Promise<CreateBuildInfo>
}

export interface SnapshotSettings {
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>
  target?: string
  rebuildSnapshot: boolean
  snapshotTimeoutMs: number
  /** what to do when the organisation's snapshot quota is full (quota.ts) */
  quota?: QuotaHandler
}

export interface QuotaHandler {
  /** frees room by pruning; true when something was deleted */
  makeRoom(): Promise<boolean>
  /** the error to fail with when there is no room */
  explain(err: Error, name: string): Promise<Error>
}

const NO_QUOTA_HANDLER: QuotaHandler = {
  makeRoom: async () => false,
  explain: async (err) => err,
}

export interface SnapshotOutcome {
  name: string
  /** true when it existed (built earlier or by another job of this run) */
  cacheHit: boolean
  buildMs?: number
}

const FAILED = new Set(['error', 'build_failed'])
const LOG_TAIL_LINES = 30
/** After the build, how long a log stream still being read may take to end by itself. */
const LOG_DRAIN_MS = 3000
/** Creates tried at a full quota (pruning in between), QUOTA_RETRY_MS apart when nothing could go. */
const QUOTA_ATTEMPTS = 3
const QUOTA_RETRY_MS = 2000

export async function ensureSnapshot(
  client: Daytona,
  spec: SnapshotSpec,
  settings: SnapshotSettings,
): Promise<SnapshotOutcome> {
  const deadline = Date.now() + settings.snapshotTimeoutMs
  // One failed build is deleted, once: a rebuild by this run that fails too is reported, not retried forever.
  let mayRebuild = settings.rebuildSnapshot
  for (;;) {
    const existing = await client.snapshots.find(spec.name)
    if (!existing) return build(client, spec, settings)
    if (FAILED.has(existing.state) && mayRebuild) {
      mayRebuild = false
      core.info(
        `Snapshot ${spec.name} is ${printable(existing.state)}: deleting it to rebuild, as rebuild-snapshot asks.`,
      )
      // another job of a matrix may be deleting it too
      await client.snapshots.delete(existing.id).catch((err: unknown) => {
        if (!(err instanceof NotFoundError)) throw err
      })
      await waitUntilGone(client, existing, deadline, settings.snapshotTimeoutMs)
    } else if (existing.state === 'removing') {
      core.info(`Snapshot ${spec.name} is being removed: waiting to build it again…`)
      await waitUntilGone(client, existing, deadline, settings.snapshotTimeoutMs)
    } else {
      await waitUsable(client, existing, settings)
      return { name: spec.name, cacheHit: true }
    }
    // Gone, or the name already points at another job's new build: look again, to reuse or wait for it.
  }
}

/** The `snapshot` input: someone else's snapshot, used as it is. */
export async function useExistingSnapshot(client: Daytona, name: string, timeoutMs: number): Promise<void> {
  const snapshot = await client.snapshots.find(name)
  if (!snapshot) throw new Error(`Input 'snapshot' names ${name}, which does not exist in this organisation.`)
  await waitUsable(client, snapshot, { snapshotTimeoutMs: timeoutMs, rebuildSnapshot: false })
}

async function waitUsable(
  client: Daytona,
  snapshot: Snapshot,
  settings: Pick<SnapshotSettings, 'snapshotTimeoutMs' | 'rebuildSnapshot' | 'quota'>,
): Promise<void> {
  const { snapshotTimeoutMs: timeoutMs, rebuildSnapshot: rebuildOn } = settings
  if (snapshot.state === 'active') {
    core.info(`Reusing snapshot ${printable(snapshot.name)}.`)
    return
  }
  if (FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot, rebuildOn)
  if (snapshot.state === 'inactive') {
    core.info(`Snapshot ${printable(snapshot.name)} was deactivated after going unused: activating it…`)
    const quota = settings.quota ?? NO_QUOTA_HANDLER
    try {
      await activateSnapshot(client, snapshot, {
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        makeRoom: () => quota.makeRoom(),
      })
    } catch (err) {
      if (isQuotaExceeded(err)) throw await quota.explain(err, snapshot.name)
      throw err
    }
  } else {
    core.info(
      printable(`Snapshot ${snapshot.name} is ${snapshot.state} (another job is building it): waiting…`),
    )
  }
  await waitActive(client, snapshot.name, timeoutMs, rebuildOn)
}

async function build(
  client: Daytona,
  spec: SnapshotSpec,
  settings: SnapshotSettings,
): Promise<SnapshotOutcome> {
  const started = Date.now()
  const buildInfo = await spec.prepareBuild?.()
  let created: Snapshot | 'taken'
  try {
    created = await createWithinQuota(client, { ...spec, buildInfo }, settings)
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err
    created = 'taken'
  }
  if (created === 'taken') {
    core.info(`Another job started building snapshot ${spec.name}: waiting for it…`)
    await waitActive(client, spec.name, settings.snapshotTimeoutMs, settings.rebuildSnapshot)
    return { name: spec.name, cacheHit: true }
  }
  const snapshot = created
  // The build log is the Dockerfile's (the pull request's) output: shown, never obeyed as workflow commands.
  const logError = await core.group(`Building snapshot ${spec.name}`, () =>
    withUntrustedOutput((write) => showBuild(client, snapshot, settings, write)),
  )
  // after the fence: a workflow command of ours again
  if (logError) core.debug(`Build log stream ended: ${logError}`)
  const buildMs = Date.now() - started
  core.info(`Snapshot ${spec.name} built in ${formatDuration(buildMs)}.`)
  return { name: spec.name, cacheHit: false, buildMs }
}

/**
 * A full quota is met by pruning this action's superseded snapshots, then another try; a few tries, as the
 * legs of a matrix free and take room at the same moments. 'taken': another job's create of this name won (the
 * server checks the quota before the name).
 */
async function createWithinQuota(
  client: Daytona,
  spec: SnapshotSpec & { buildInfo?: CreateBuildInfo },
  settings: SnapshotSettings,
): Promise<Snapshot | 'taken'> {
  const quota = settings.quota ?? NO_QUOTA_HANDLER
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.snapshots.create({
        name: spec.name,
        imageName: spec.imageName,
        buildInfo: spec.buildInfo,
        ...settings.resources,
        regionId: settings.target,
      })
    } catch (err) {
      if (!isQuotaExceeded(err)) throw err
      if (await client.snapshots.find(spec.name)) return 'taken'
      const freed = await quota.makeRoom()
      if (attempt >= QUOTA_ATTEMPTS) throw await quota.explain(err, spec.name)
      if (!freed) await setTimeout(QUOTA_RETRY_MS)
    }
  }
}

/**
 * Waits for the build while its log streams. In a busy region the log may only be readable once a runner
 * took the build (followBuildLogs retries until then); if the build ended before the stream began, the whole
 * log is shown instead. Resolves with the stream's error, if any (the build's outcome is what counts).
 */
async function showBuild(
  client: Daytona,
  created: Snapshot,
  settings: SnapshotSettings,
  write: (text: string) => void,
): Promise<unknown> {
  let logError: unknown
  let following = false
  const stopLogs = new AbortController()
  const logs = client.snapshots
    .followBuildLogs(created.id, (line) => write(`${line}\n`), {
      signal: stopLogs.signal,
      onFollowing: () => {
        following = true
      },
    })
    .then(
      () => true,
      (err: unknown) => {
        if (!stopLogs.signal.aborted) logError = err
        return true
      },
    )
  try {
    await waitActive(client, created.id, settings.snapshotTimeoutMs, settings.rebuildSnapshot)
    // a successful build's stream ends by itself: let it finish printing
    if (following) await Promise.race([logs, setTimeout(LOG_DRAIN_MS)])
  } finally {
    stopLogs.abort()
    await logs
  }
  if (!following) {
    const whole = await client.snapshots.buildLogs(created.id).catch((err: unknown) => {
      logError ??= err
      return ''
    })
    if (whole) write(whole.endsWith('\n') ? whole : `${whole}\n`)
  }
  return logError
}

async function waitActive(
  client: Daytona,
  idOrName: string,
  timeoutMs: number,
  rebuildOn: boolean,
): Promise<Snapshot> {
  try {
    return await client.snapshots.waitUntilActive(idOrName, { timeoutMs })
  } catch (err) {
    const snapshot = await client.snapshots.find(idOrName).catch(() => undefined)
    if (snapshot && FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot, rebuildOn)
    throw err
  }
}

/**
 * Until this snapshot (this id) is gone. Another job's new build under the same name ends the wait too:
 * waiting for the name to be free would wait for that build, and it for ours.
 */
async function waitUntilGone(
  client: Daytona,
  snapshot: Snapshot,
  deadline: number,
  timeoutMs: number,
): Promise<void> {
  while ((await client.snapshots.find(snapshot.name))?.id === snapshot.id) {
    if (Date.now() > deadline)
      throw new Error(`Snapshot ${snapshot.name} was not removed within ${formatDuration(timeoutMs)}.`)
    await setTimeout(1000)
  }
}

async function buildFailure(client: Daytona, snapshot: Snapshot, rebuildOn: boolean): Promise<Error> {
  const log = await client.snapshots.buildLogs(snapshot.id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return ''
    return `(the build log could not be read: ${(err as Error).message})`
  })
  const tail = log.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n')
  return new Error(
    `Snapshot ${snapshot.name} is ${snapshot.state}: ${snapshot.errorReason ?? 'no reason given'}. ` +
      (rebuildOn
        ? 'Fix the environment; with rebuild-snapshot: true the next run builds it again.'
        : 'Fix the environment, or set rebuild-snapshot: true to delete and rebuild it.') +
      (tail ? `\nLast lines of its build log:\n${tail}` : ''),
  )
}
