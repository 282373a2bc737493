// When the organisation's snapshot quota is full (400 "Snapshot quota exceeded. Maximum allowed: <n>"): make
// room by pruning this action's superseded snapshots at once, and if none can go, fail with the figures of
// GET /organizations/{id}/usage and what the user can do.
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { type PruneSettings, pruneFamily } from './prune.ts'
import type { QuotaHandler } from './snapshot.ts'
import type { SnapshotFamily } from './snapshot-family.ts'

export function quotaHandler(
  client: Daytona,
  own: string,
  family: SnapshotFamily | undefined,
  settings: PruneSettings,
): QuotaHandler {
  let organizationId: string | undefined
  return {
    async makeRoom() {
      if (!settings.pruneSnapshots || !family) return false
      const result = await pruneFamily(client, own, family, settings, { urgent: true })
      organizationId = result.organizationId
      if (result.deleted.length > 0) {
        core.info(
          `The snapshot quota is full: deleted this environment's older snapshots ${result.deleted.join(', ')}.`,
        )
      }
      return result.deleted.length > 0
    },
    async explain(err, name) {
      const figures = await usage(client, organizationId, family).catch(() => undefined)
      const count = figures ? `${figures.used} of ${figures.total} snapshots count` : 'every snapshot counts'
      const pruning = settings.pruneSnapshots
        ? 'This action deletes only its own superseded snapshots (same prefix and size), and none could go now.'
        : 'prune-snapshots is false, so this action deletes none of its older snapshots.'
      return new Error(
        `Daytona's snapshot quota is full (${count}: those building, pending, pulling or active), so snapshot ` +
          `${name} cannot be made ready. ${pruning} Delete snapshots you no longer need in the Daytona ` +
          'dashboard (inactive ones do not count), lower keep-snapshots, or ask Daytona for a higher quota. ' +
          `(${err.message})`,
      )
    },
  }
}

async function usage(client: Daytona, known: string | undefined, family: SnapshotFamily | undefined) {
  let organizationId = known
  if (!organizationId && family) {
    for await (const snapshot of client.snapshots.list(family.stem)) {
      organizationId = snapshot.organizationId
      if (organizationId) break
    }
  }
  return organizationId ? client.snapshots.quota(organizationId) : undefined
}
