// Look a snapshot up once, then reuse, wait for, reactivate or build it. Concurrent jobs of a matrix race to
// build the same name: the first create wins, the others get 409 and wait for the winner's build.
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { ConflictError, NotFoundError } from '../daytona/errors.ts'
import type { CreateBuildInfo, Snapshot } from '../daytona/types.ts'
import { formatDuration } from '../duration.ts'

export interface SnapshotSpec {
  name: string
  imageName?: string
  buildInfo?: CreateBuildInfo
  /** puts the build context in object storage; run only when this job builds */
  upload?: () => Promise<void>
}

export interface SnapshotSettings {
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>
  target?: string
  rebuildSnapshot: boolean
  snapshotTimeoutMs: number
}

export interface SnapshotOutcome {
  name: string
  /** true when it existed (built earlier or by another job of this run) */
  cacheHit: boolean
  buildMs?: number
}

const FAILED = new Set(['error', 'build_failed'])
const LOG_TAIL_LINES = 30

export async function ensureSnapshot(
  client: Daytona,
  spec: SnapshotSpec,
  settings: SnapshotSettings,
): Promise<SnapshotOutcome> {
  const existing = await client.snapshots.find(spec.name)
  if (existing && FAILED.has(existing.state) && settings.rebuildSnapshot) {
    core.info(`Snapshot ${spec.name} is ${existing.state}: deleting it to rebuild, as rebuild-snapshot asks.`)
    // another job of a matrix may be deleting it too
    await client.snapshots.delete(existing.id).catch((err: unknown) => {
      if (!(err instanceof NotFoundError)) throw err
    })
    await waitUntilGone(client, spec.name, settings.snapshotTimeoutMs)
  } else if (existing?.state === 'removing') {
    core.info(`Snapshot ${spec.name} is being removed: waiting to build it again…`)
    await waitUntilGone(client, spec.name, settings.snapshotTimeoutMs)
  } else if (existing) {
    await waitUsable(client, existing, settings.snapshotTimeoutMs)
    return { name: spec.name, cacheHit: true }
  }
  return build(client, spec, settings)
}

/** The `snapshot` input: someone else's snapshot, used as it is. */
export async function useExistingSnapshot(client: Daytona, name: string, timeoutMs: number): Promise<void> {
  const snapshot = await client.snapshots.find(name)
  if (!snapshot) throw new Error(`Input 'snapshot' names ${name}, which does not exist in this organisation.`)
  await waitUsable(client, snapshot, timeoutMs)
}

async function waitUsable(client: Daytona, snapshot: Snapshot, timeoutMs: number): Promise<void> {
  if (snapshot.state === 'active') {
    core.info(`Reusing snapshot ${snapshot.name}.`)
    return
  }
  if (FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot)
  if (snapshot.state === 'inactive') {
    core.info(`Snapshot ${snapshot.name} was deactivated after going unused: activating it…`)
    await client.snapshots.activate(snapshot.id)
  } else {
    core.info(`Snapshot ${snapshot.name} is ${snapshot.state} (another job is building it): waiting…`)
  }
  await waitActive(client, snapshot.name, timeoutMs)
}

async function build(
  client: Daytona,
  spec: SnapshotSpec,
  settings: SnapshotSettings,
): Promise<SnapshotOutcome> {
  const started = Date.now()
  await spec.upload?.()
  let created: Snapshot
  try {
    created = await client.snapshots.create({
      name: spec.name,
      imageName: spec.imageName,
      buildInfo: spec.buildInfo,
      ...settings.resources,
      regionId: settings.target,
    })
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err
    core.info(`Another job started building snapshot ${spec.name}: waiting for it…`)
    await waitActive(client, spec.name, settings.snapshotTimeoutMs)
    return { name: spec.name, cacheHit: true }
  }
  await core.group(`Building snapshot ${spec.name}`, async () => {
    const stopLogs = new AbortController()
    const logs = client.snapshots
      .followBuildLogs(created.id, (line) => core.info(line), { signal: stopLogs.signal })
      .catch((err) => core.debug(`Build log stream ended: ${err}`))
    try {
      await waitActive(client, created.id, settings.snapshotTimeoutMs)
    } finally {
      stopLogs.abort()
      await logs
    }
  })
  const buildMs = Date.now() - started
  core.info(`Snapshot ${spec.name} built in ${formatDuration(buildMs)}.`)
  return { name: spec.name, cacheHit: false, buildMs }
}

async function waitActive(client: Daytona, idOrName: string, timeoutMs: number): Promise<Snapshot> {
  try {
    return await client.snapshots.waitUntilActive(idOrName, { timeoutMs })
  } catch (err) {
    const snapshot = await client.snapshots.find(idOrName).catch(() => undefined)
    if (snapshot && FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot)
    throw err
  }
}

async function waitUntilGone(client: Daytona, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (await client.snapshots.find(name)) {
    if (Date.now() > deadline)
      throw new Error(`Snapshot ${name} was not removed within ${formatDuration(timeoutMs)}.`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

async function buildFailure(client: Daytona, snapshot: Snapshot): Promise<Error> {
  const log = await client.snapshots.buildLogs(snapshot.id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return ''
    return `(the build log could not be read: ${(err as Error).message})`
  })
  const tail = log.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n')
  return new Error(
    `Snapshot ${snapshot.name} is ${snapshot.state}: ${snapshot.errorReason ?? 'no reason given'}. ` +
      `Fix the environment, or set rebuild-snapshot: true to delete and rebuild it.` +
      (tail ? `\nLast lines of its build log:\n${tail}` : ''),
  )
}
