// Snapshot names derived from content: everything that makes the environment goes into the hash, and nothing
// else, so an unchanged environment keeps its name across runs, branches and matrix legs.
//
// THE NAME FORMAT (the one place it is defined; pruning and anything else that reads names relies on it):
//   <prefix>-<trust>-<hash>
//   - prefix: readablePrefix() of the `snapshot-prefix` input or the repository's name: [a-z0-9_.-], at most
//     40 characters, never empty; always first, so `<prefix>-` finds every snapshot of a repository;
//   - trust: `trusted` (built from the base repository's own files) or `untrusted` (a fork's, or another
//     repository's, let in with allow-fork): an untrusted build can never take the name a trusted run reuses;
//   - hash: 16 hex characters of SHA-256 over KEY_VERSION and the EnvironmentKey (trust included).
import { createHash } from 'node:crypto'
import type { Source } from '../github-context.ts'
import type { Config } from '../inputs.ts'

export type Trust = 'trusted' | 'untrusted'

export interface EnvironmentKey {
  image?: string
  dockerfile?: string
  /** our unambiguous digests of the build context entries (ContextEntry.key), not the SDK's hashes */
  contextKeys?: readonly string[]
  /** a snapshot carries its resources: each size is a snapshot of its own */
  resources: Readonly<{ cpu?: number; memory?: number; disk?: number }>
  /** snapshots are region-scoped */
  region?: string
  trust: Trust
}

/** Bump when the meaning of a key changes, so old snapshots are not mistaken for new ones. */
const KEY_VERSION = 2
const HASH_LENGTH = 16
const PREFIX_LENGTH = 40

export function snapshotName(prefix: string, key: EnvironmentKey): string {
  const canonical = JSON.stringify([
    KEY_VERSION,
    key.trust,
    key.image ?? null,
    key.dockerfile ?? null,
    [...(key.contextKeys ?? [])].sort(),
    key.resources.cpu ?? null,
    key.resources.memory ?? null,
    key.resources.disk ?? null,
    key.region ?? null,
  ])
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, HASH_LENGTH)
  return `${readablePrefix(prefix)}-${key.trust}-${hash}`
}

/** Untrusted: the code is not the base repository's, or the event is about a fork's (its checkout may be around). */
export function trustOf(source: Pick<Source, 'isFork' | 'eventFork'>): Trust {
  return source.isFork || source.eventFork ? 'untrusted' : 'trusted'
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
