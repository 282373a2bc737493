// Snapshot names derived from content: everything that makes the environment goes into the hash, and nothing
// else, so an unchanged environment keeps its name across runs, branches and matrix legs.
import { createHash } from 'node:crypto'
import type { Source } from '../github-context.ts'
import type { Config } from '../inputs.ts'

export interface EnvironmentKey {
  image?: string
  dockerfile?: string
  /** MD5s of the build context entries, as Daytona's SDK computes them */
  contextHashes?: readonly string[]
  /** a snapshot carries its resources: each size is a snapshot of its own */
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>
  /** snapshots are region-scoped */
  region?: string
}

/** Bump when the meaning of a key changes, so old snapshots are not mistaken for new ones. */
const KEY_VERSION = 1
const HASH_LENGTH = 16
const PREFIX_LENGTH = 40

export function snapshotName(prefix: string, key: EnvironmentKey): string {
  const canonical = JSON.stringify([
    KEY_VERSION,
    key.image ?? null,
    key.dockerfile ?? null,
    [...(key.contextHashes ?? [])].sort(),
    key.resources.cpu ?? null,
    key.resources.memory ?? null,
    key.resources.disk ?? null,
    key.region ?? null,
  ])
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, HASH_LENGTH)
  return `${readablePrefix(prefix)}-${hash}`
}

/** Daytona's snapshot names allow [a-zA-Z0-9_.-:] (and '/' between parts); keep to a plain lowercase subset. */
function readablePrefix(prefix: string): string {
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, PREFIX_LENGTH)
  return cleaned || 'daytona-action'
}

/** A readable start for snapshot names: the input, else the repository's name. */
export function prefixOf(
  config: Pick<Config, 'snapshotPrefix'>,
  source: Pick<Source, 'baseRepository'>,
): string {
  return config.snapshotPrefix ?? source.baseRepository.split('/').pop() ?? 'daytona-action'
}
