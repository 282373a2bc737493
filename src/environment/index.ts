// Step 2: what the sandbox is made from. An existing snapshot is used as is; an image or the repository's
// Dockerfile becomes a snapshot named by its content, so an unchanged environment is never built twice and
// a matrix builds it once; with none of them, Daytona's default snapshot.
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import type { CreateSandbox } from '../daytona/types.ts'
import type { Source } from '../github-context.ts'
import type { Config } from '../inputs.ts'
import { findDockerfile, prepareDockerfile } from './dockerfile.ts'
import { prefixOf, snapshotName, trustOf } from './key.ts'
import { pruneAfterUse } from './prune.ts'
import { quotaHandler } from './quota.ts'
import { ensureSnapshot, type SnapshotSpec, useExistingSnapshot } from './snapshot.ts'
import { familyOf } from './snapshot-family.ts'

/** Daytona's default sandbox image: the base when only a size is asked for (a size needs a snapshot of its own). */
export const DEFAULT_IMAGE = 'daytonaio/sandbox:0.4.3'

export interface Environment {
  kind: 'image' | 'snapshot' | 'dockerfile' | 'default'
  /** the image or Dockerfile path it comes from, for people */
  origin?: string
  /** the snapshot sandboxes are created from; undefined = the server's default */
  snapshot?: string
  cacheHit?: boolean
  buildMs?: number
  createParams: Pick<CreateSandbox, 'snapshot'>
}

export async function prepareEnvironment(
  client: Daytona,
  config: Config,
  source: Source,
  workspace: string,
): Promise<Environment> {
  if (config.snapshot) {
    await useExistingSnapshot(client, config.snapshot, config.snapshotTimeoutMs)
    return { kind: 'snapshot', snapshot: config.snapshot, createParams: { snapshot: config.snapshot } }
  }
  if (!config.image) {
    // the workspace's Dockerfile, else the one at the commit under test (GitHub API), else none; what
    // building it needs (parser, tar, glob) is loaded only then
    const dockerfile = await findDockerfile(config, source, workspace)
    if (dockerfile) {
      const build = await prepareDockerfile(client, config, source, workspace, dockerfile)
      return fromSnapshot('dockerfile', config.dockerfile, await ensureBounded(client, build, config))
    }
  }
  const hasSize = Object.values(config.resources).some((value) => value !== undefined)
  if (!config.image && !hasSize) {
    core.notice('No image, snapshot or Dockerfile given: the sandbox uses Daytona’s default snapshot.')
    return { kind: 'default', createParams: {} }
  }
  const image = config.image ?? DEFAULT_IMAGE
  const name = snapshotName(prefixOf(config, source), {
    image,
    resources: config.resources,
    region: config.target,
    trust: trustOf(source),
  })
  const built = await ensureBounded(client, { name, imageName: image }, config)
  return fromSnapshot(config.image ? 'image' : 'default', image, built)
}

/**
 * The snapshot, ready; then this action's superseded snapshots of the same family go (prune.ts), so a busy
 * repository's footprint stays at about keep-snapshots per size whatever its commit rate.
 */
async function ensureBounded(client: Daytona, spec: SnapshotSpec, config: Config) {
  const family = familyOf(spec.name, config.resources, config.target)
  const quota = quotaHandler(client, spec.name, family, config)
  const built = await ensureSnapshot(client, spec, { ...config, quota })
  await pruneAfterUse(client, spec.name, family, config)
  return built
}

function fromSnapshot(
  kind: Environment['kind'],
  origin: string,
  built: { name: string; cacheHit: boolean; buildMs?: number },
): Environment {
  return {
    kind,
    origin,
    snapshot: built.name,
    cacheHit: built.cacheHit,
    buildMs: built.buildMs,
    createParams: { snapshot: built.name },
  }
}
