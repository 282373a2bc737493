// Which snapshots are older versions of the one a job uses: the same name up to the content hash that key.ts
// puts at its end (so the readable prefix and any fixed part before the hash must match), and the same size
// and region. Only such siblings are ever pruned; this file is the one place that knows the name's shape.
import type { Snapshot } from '../daytona/types.ts'

/** The hex content hash at the end of every name key.ts makes. */
const HASH_LENGTH = 16
const HASH = new RegExp(`^[0-9a-f]{${HASH_LENGTH}}$`)

/** A snapshot's size as the server stores it: a create without one gets 1 vCPU, 1 GiB memory, 3 GiB disk. */
const DEFAULT_SIZE = { cpu: 1, memory: 1, disk: 3 }

export interface SnapshotFamily {
  /** the name without its hash, e.g. `widgets-` */
  stem: string
  cpu: number
  memory: number
  disk: number
  /** the `target` input; without one the organization's default region, which the client cannot name */
  region?: string
}

/** The family of the snapshot this job names, or undefined for a name key.ts did not make. */
export function familyOf(
  name: string,
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>,
  region?: string,
): SnapshotFamily | undefined {
  const stem = name.slice(0, -HASH_LENGTH)
  if (!stem || !HASH.test(name.slice(-HASH_LENGTH))) return undefined
  return {
    stem,
    cpu: resources.cpu ?? DEFAULT_SIZE.cpu,
    memory: resources.memory ?? DEFAULT_SIZE.memory,
    disk: resources.disk ?? DEFAULT_SIZE.disk,
    region,
  }
}

export function isInFamily(family: SnapshotFamily, snapshot: Snapshot): boolean {
  const { name } = snapshot
  return (
    !snapshot.general &&
    name.length === family.stem.length + HASH_LENGTH &&
    name.startsWith(family.stem) &&
    HASH.test(name.slice(family.stem.length)) &&
    snapshot.cpu === family.cpu &&
    snapshot.mem === family.memory &&
    snapshot.disk === family.disk &&
    (family.region === undefined || (snapshot.regionIds ?? []).includes(family.region))
  )
}
