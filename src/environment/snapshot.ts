// Look a snapshot up once, then reuse, wait for, reactivate or build it. Concurrent jobs of a matrix race to
// build the same name: the first create wins, the others get 409 and wait for the winner's build.
import { setTimeout } from 'node:timers/promises'
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { ConflictError, NotFoundError } from '../daytona/errors.ts'
import type { CreateBuildInfo, Snapshot } from '../daytona/types.ts'
import { formatDuration } from '../duration.ts'
import { printable } from '../printable.ts'
import { withUntrustedOutput } from '../untrusted-output.ts'

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
      await waitUsable(client, existing, settings.snapshotTimeoutMs, settings.rebuildSnapshot)
      return { name: spec.name, cacheHit: true }
    }
    // Gone, or the name already points at another job's new build: look again, to reuse or wait for it.
  }
}

/** The `snapshot` input: someone else's snapshot, used as it is. */
export async function useExistingSnapshot(client: Daytona, name: string, timeoutMs: number): Promise<void> {
  const snapshot = await client.snapshots.find(name)
  if (!snapshot) throw new Error(`Input 'snapshot' names ${name}, which does not exist in this organisation.`)
  await waitUsable(client, snapshot, timeoutMs, false)
}

async function waitUsable(
  client: Daytona,
  snapshot: Snapshot,
  timeoutMs: number,
  rebuildOn: boolean,
): Promise<void> {
  if (snapshot.state === 'active') {
    core.info(`Reusing snapshot ${printable(snapshot.name)}.`)
    return
  }
  if (FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot, rebuildOn)
  if (snapshot.state === 'inactive') {
    core.info(`Snapshot ${printable(snapshot.name)} was deactivated after going unused: activating it…`)
    await client.snapshots.activate(snapshot.id)
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
    await waitActive(client, spec.name, settings.snapshotTimeoutMs, settings.rebuildSnapshot)
    return { name: spec.name, cacheHit: true }
  }
  let logError: unknown
  // The build log is the Dockerfile's (the pull request's) output: shown, never obeyed as workflow commands.
  await core.group(`Building snapshot ${spec.name}`, () =>
    withUntrustedOutput(async (write) => {
      const stopLogs = new AbortController()
      const logs = client.snapshots
        .followBuildLogs(created.id, (line) => write(`${line}\n`), { signal: stopLogs.signal })
        .catch((err: unknown) => {
          logError = err
        })
      try {
        await waitActive(client, created.id, settings.snapshotTimeoutMs, settings.rebuildSnapshot)
      } finally {
        stopLogs.abort()
        await logs
      }
    }),
  )
  // after the fence: a workflow command of ours again
  if (logError) core.debug(`Build log stream ended: ${logError}`)
  const buildMs = Date.now() - started
  core.info(`Snapshot ${spec.name} built in ${formatDuration(buildMs)}.`)
  return { name: spec.name, cacheHit: false, buildMs }
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
