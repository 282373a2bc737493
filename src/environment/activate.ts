// Activating an inactive snapshot when a whole matrix meets it at once. The server serializes activations
// and refuses all but one (daytona-api.md §3; v0.190 snapshot.service.ts activateSnapshot) with a 400:
//   "Snapshot <id> is already active"                     → another job won: use it;
//   "… cannot be activated - it is in <state> state"       → another job's activation is under way: wait;
//   "Snapshot deactivation is still in progress. …"        → within 10 minutes of a deactivation: try later.
import { setTimeout } from 'node:timers/promises'
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { BadRequestError } from '../daytona/errors.ts'
import type { Snapshot } from '../daytona/types.ts'
import { formatDuration } from '../duration.ts'

const TAKEN_BY_ANOTHER = /is already active|cannot be activated - it is in \S+ state/i
const STILL_DEACTIVATING = /deactivation is still in progress/i
const QUOTA_EXCEEDED = /snapshot quota exceeded/i
const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 15_000

export function isQuotaExceeded(err: unknown): err is BadRequestError {
  return err instanceof BadRequestError && QUOTA_EXCEEDED.test(err.message)
}

/**
 * Asks for the activation until the server takes it or says another job's is under way; the caller then
 * waits for `active`. `makeRoom` frees quota when the activation would exceed it (true if it freed any).
 */
export async function activateSnapshot(
  client: Daytona,
  snapshot: Snapshot,
  opts: { deadline: number; timeoutMs: number; makeRoom: () => Promise<boolean> },
): Promise<void> {
  let delay = FIRST_RETRY_MS
  let madeRoom = false
  let toldCooldown = false
  for (;;) {
    try {
      await client.snapshots.activate(snapshot.id)
      return
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err
      if (TAKEN_BY_ANOTHER.test(err.message)) {
        core.info(`Snapshot ${snapshot.name} is being activated by another job: waiting for it…`)
        return
      }
      if (isQuotaExceeded(err) && !madeRoom) {
        madeRoom = true
        if (await opts.makeRoom()) continue
      }
      if (!STILL_DEACTIVATING.test(err.message)) throw err
      if (!toldCooldown) {
        core.info(
          `Daytona is still deactivating snapshot ${snapshot.name} (it refuses to activate it for ~10 minutes after): trying again…`,
        )
        toldCooldown = true
      }
      if (Date.now() + delay > opts.deadline) {
        throw new Error(
          `Snapshot ${snapshot.name} could not be activated within ${formatDuration(opts.timeoutMs)}: Daytona ` +
            'was still deactivating it. Run the job again in a few minutes, or raise snapshot-timeout.',
        )
      }
      await setTimeout(delay)
      delay = Math.min(MAX_RETRY_MS, delay * 2)
    }
  }
}
