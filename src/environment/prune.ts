// Keeping a repository's snapshots bounded. Every environment change (with `COPY . .`, every commit) and every
// size of a matrix is a snapshot of its own, and each counts against the organisation's snapshot quota (30 by
// default). After a job has its snapshot, it deletes this action's superseded ones of the same family
// (snapshot-family.ts): all but the newest `keep`, and only those unused for `pruneAfterMs`, settled (not
// building: someone waits for those) and not the snapshot of any sandbox that still exists.
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { NotFoundError } from '../daytona/errors.ts'
import type { Snapshot } from '../daytona/types.ts'
import { formatDuration } from '../duration.ts'
import { isInFamily, type SnapshotFamily } from './snapshot-family.ts'

export interface PruneSettings {
  pruneSnapshots: boolean
  /** how many of a family survive, newest first (the job's own snapshot is always kept as well) */
  keepSnapshots: number
  /** a superseded snapshot used (or created) more recently than this is left for now */
  pruneAfterMs: number
}

export interface PruneResult {
  deleted: string[]
  /** of any snapshot listed: where GET /organizations/{id}/usage answers */
  organizationId?: string
}

/** States in which nobody waits on the snapshot; building/pending/pulling ones belong to a running build. */
const SETTLED = new Set(['active', 'inactive', 'error', 'build_failed'])
const GONE = new Set(['destroyed', 'destroying'])
/** When the quota is full, even recent siblings go, but not one touched within the last minute. */
const URGENT_PRUNE_AFTER_MS = 60_000

export async function pruneFamily(
  client: Daytona,
  own: string,
  family: SnapshotFamily,
  settings: PruneSettings,
  opts: { urgent?: boolean } = {},
): Promise<PruneResult> {
  const listed: Snapshot[] = []
  for await (const snapshot of client.snapshots.list(family.stem)) listed.push(snapshot)
  const organizationId = listed.find((s) => s.organizationId)?.organizationId
  const keep = opts.urgent ? 1 : settings.keepSnapshots
  const pruneAfterMs = opts.urgent
    ? Math.min(settings.pruneAfterMs, URGENT_PRUNE_AFTER_MS)
    : settings.pruneAfterMs
  const now = Date.now()
  const siblings = listed
    .filter((s) => s.name !== own && isInFamily(family, s))
    .sort((a, b) => lastTouched(b) - lastTouched(a))
  // the job's own snapshot is one of the `keep` newest
  const candidates = siblings
    .slice(Math.max(0, keep - 1))
    .filter((s) => SETTLED.has(s.state) && now - lastTouched(s) >= pruneAfterMs)
  if (candidates.length === 0) return { deleted: [], organizationId }

  const inUse = new Set<string>()
  for await (const sandbox of client.sandboxes.list({ snapshots: candidates.map((s) => s.name) })) {
    if (sandbox.snapshot && !GONE.has(sandbox.state ?? '')) inUse.add(sandbox.snapshot)
  }
  const deleted: string[] = []
  for (const snapshot of candidates) {
    if (inUse.has(snapshot.name)) continue
    try {
      await client.snapshots.delete(snapshot.id)
      deleted.push(snapshot.name)
    } catch (err) {
      // another job of the matrix may have deleted it first
      if (!(err instanceof NotFoundError)) {
        core.warning(`Could not delete the superseded snapshot ${snapshot.name}: ${(err as Error).message}`)
      }
    }
  }
  return { deleted, organizationId }
}

/** After the job has its snapshot: prune, and say what went. Never fails the run. */
export async function pruneAfterUse(
  client: Daytona,
  own: string,
  family: SnapshotFamily | undefined,
  settings: PruneSettings,
): Promise<void> {
  if (!settings.pruneSnapshots || !family) return
  try {
    const { deleted } = await pruneFamily(client, own, family, settings)
    if (deleted.length > 0) {
      core.info(
        `Deleted ${deleted.length} superseded snapshot${deleted.length === 1 ? '' : 's'} of this environment ` +
          `(keeping the newest ${settings.keepSnapshots}, unused for ${formatDuration(settings.pruneAfterMs)} or more): ` +
          deleted.join(', '),
      )
    }
  } catch (err) {
    core.warning(`Pruning superseded snapshots failed: ${(err as Error).message}`)
  }
}

/** The later of its creation and its last use: what "newest" and "unused" are measured by. */
function lastTouched(snapshot: Snapshot): number {
  const created = Date.parse(snapshot.createdAt)
  const used = snapshot.lastUsedAt ? Date.parse(snapshot.lastUsedAt) : 0
  return Math.max(Number.isNaN(created) ? 0 : created, Number.isNaN(used) ? 0 : used)
}
