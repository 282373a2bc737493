// Snapshot routes (§3.1): create (image pull or Dockerfile build), list (page-based), get, delete (UUID
// only), activate, deactivate and the build-logs URL.
import { randomUUID } from 'node:crypto'
import { HttpError, readJson, sendEmpty, sendJson } from '../http.ts'
import { type SnapshotRecord, toSnapshotDto } from '../store.ts'
import { buildSnapshotRef } from './builds.ts'
import type { ApiContext } from './context.ts'
import { checkPerSandbox, checkSnapshotQuota } from './quotas.ts'
import type { Route, RouteRequest } from './router.ts'
import { badRequest, isUuid, optionalInt, optionalString } from './validate.ts'

const NAME = /^[a-zA-Z0-9_.\-:]+(\/[a-zA-Z0-9_.\-:]+)*$/
const IMAGE = /^[a-zA-Z0-9_.\-:]+(\/[a-zA-Z0-9_.\-:]+)*(@sha256:[a-f0-9]{64})?$/

/** The real API's image name rules: a tag or digest is required, and `:latest` is refused. */
function imageNameProblem(name: string): string | undefined {
  if (name.includes('@sha256:')) {
    const [image, digest] = name.split('@sha256:')
    if (!image || !digest || !/^[a-f0-9]{64}$/.test(digest)) {
      return 'Invalid digest format. Must be image@sha256:64_hex_characters'
    }
    return undefined
  }
  if (!name.includes(':') || /:\s*$/.test(name)) {
    return 'Image name must include a tag (e.g., ubuntu:22.04) or digest (@sha256:...)'
  }
  if (name.endsWith(':latest')) return 'Images with tag ":latest" are not allowed'
  if (!IMAGE.test(name) || name !== name.toLowerCase()) {
    return 'Invalid image name format. Must be lowercase, may contain digits, dots, dashes, and single slashes between components'
  }
  return undefined
}

function find(ctx: ApiContext, idOrName: string): SnapshotRecord {
  const snap = ctx.store.findSnapshot(idOrName)
  if (!snap) throw new HttpError(404, `Snapshot with name ${idOrName} not found`)
  return snap
}

async function create(r: RouteRequest): Promise<void> {
  const { ctx } = r
  const body = await readJson(r.req)
  const name = optionalString(body, 'name')
  if (!name) throw badRequest('name should not be empty')
  const imageName = optionalString(body, 'imageName')
  const buildInfo = body.buildInfo as { dockerfileContent?: unknown; contextHashes?: unknown } | undefined
  const entrypoint = body.entrypoint
  if (buildInfo) {
    if (imageName) throw badRequest('Cannot specify an image name when using a build info entry')
    if (entrypoint) throw badRequest('Cannot specify an entrypoint when using a build info entry')
    if (typeof buildInfo.dockerfileContent !== 'string') {
      throw badRequest('buildInfo.dockerfileContent must be a string')
    }
  } else if (!imageName) {
    throw badRequest('Must specify an image name when not using a build info entry')
  }
  if (!NAME.test(name)) {
    throw badRequest('Invalid snapshot name format. May contain letters, digits, dots, colons, and dashes')
  }
  const problem = imageName ? imageNameProblem(imageName) : undefined
  if (problem) throw badRequest(problem)
  if (
    entrypoint !== undefined &&
    !(Array.isArray(entrypoint) && entrypoint.every((e) => typeof e === 'string'))
  ) {
    throw badRequest('entrypoint must be an array of strings')
  }
  const cpu = optionalInt(body, 'cpu') ?? 1
  const memory = optionalInt(body, 'memory') ?? 1
  const disk = optionalInt(body, 'disk') ?? 3
  checkPerSandbox(ctx.limits, { cpu, memory, disk })
  const regionId = optionalString(body, 'regionId') ?? 'us'
  if (!ctx.store.regions.some((reg) => reg.id === regionId)) throw new HttpError(404, 'Region not found')
  // v0.190 snapshot.service.ts: the quota is checked before the insert, whose unique name gives the 409
  checkSnapshotQuota(ctx.store, ctx.limits)
  if ([...ctx.store.snapshots.values()].some((s) => !s.general && s.name === name)) {
    throw new HttpError(409, `Snapshot with name "${name}" already exists for this organization`)
  }
  const hashes = Array.isArray(buildInfo?.contextHashes) ? (buildInfo.contextHashes as string[]) : []
  const now = Date.now()
  const dockerfile = buildInfo?.dockerfileContent as string | undefined
  const snap: SnapshotRecord = {
    id: randomUUID(),
    name,
    general: false,
    imageName,
    state: 'pending',
    entrypoint: (entrypoint as string[] | undefined)?.filter((e) => e.trim()) ?? null,
    cpu,
    gpu: optionalInt(body, 'gpu') ?? 0,
    mem: memory,
    disk,
    errorReason: null,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    buildInfo:
      dockerfile === undefined
        ? undefined
        : {
            dockerfileContent: dockerfile,
            contextHashes: hashes,
            createdAt: new Date(now).toISOString(),
            updatedAt: new Date(now).toISOString(),
            snapshotRef: buildSnapshotRef(dockerfile, hashes),
          },
    regionIds: [regionId],
    ref: dockerfile === undefined ? (imageName as string) : buildSnapshotRef(dockerfile, hashes),
    image: { env: {} },
    epoch: 0,
  }
  if (snap.entrypoint?.length === 0) snap.entrypoint = null
  ctx.store.snapshots.set(snap.id, snap)
  if (dockerfile === undefined) ctx.snapshots.pull(snap)
  else ctx.snapshots.build(snap, dockerfile, hashes)
  sendJson(r.res, 200, toSnapshotDto(snap))
}

async function list(r: RouteRequest): Promise<void> {
  const q = r.url.searchParams
  const page = Number(q.get('page') ?? 1)
  const limit = Number(q.get('limit') ?? 100)
  if (!Number.isInteger(page) || page < 1) throw badRequest('page must not be less than 1')
  if (!Number.isInteger(limit) || limit < 1) throw badRequest('limit must not be less than 1')
  if (limit > 200) throw badRequest('limit must not be greater than 200')
  const name = q.get('name')?.toLowerCase()
  const sort = q.get('sort') ?? 'lastUsedAt'
  if (!['name', 'state', 'lastUsedAt', 'createdAt'].includes(sort)) {
    throw badRequest('sort must be one of the following values: name, state, lastUsedAt, createdAt')
  }
  const direction = (q.get('order') ?? 'desc') === 'asc' ? 1 : -1
  const value = (s: SnapshotRecord) => s[sort as 'name' | 'state' | 'lastUsedAt' | 'createdAt']
  const all = [...r.ctx.store.snapshots.values()]
    .filter((s) => !name || s.name.toLowerCase().includes(name))
    .sort((a, b) => {
      // general snapshots last, then the sort field (nulls last), then newest first
      if (a.general !== b.general) return a.general ? 1 : -1
      const va = value(a)
      const vb = value(b)
      if (va !== vb) {
        if (va === null) return 1
        if (vb === null) return -1
        return (va < vb ? -1 : 1) * direction
      }
      return b.createdAt - a.createdAt
    })
  sendJson(r.res, 200, {
    items: all.slice((page - 1) * limit, page * limit).map(toSnapshotDto),
    total: all.length,
    page,
    totalPages: Math.ceil(all.length / limit),
  })
}

async function remove(r: RouteRequest): Promise<void> {
  if (!isUuid(r.params.id)) throw badRequest('Validation failed (uuid is expected)')
  const snap = r.ctx.store.snapshots.get(r.params.id)
  if (!snap) throw new HttpError(404, `Snapshot ${r.params.id} not found`)
  if (snap.general) throw new HttpError(403, 'You cannot delete a general snapshot')
  r.ctx.snapshots.remove(snap)
  sendEmpty(r.res, 200)
}

/** v0.190 snapshot.service.ts activateSnapshot: a deactivation is still "in progress" for 10 minutes. */
const ACTIVATION_COOLDOWN_MINUTES = 10

async function activate(r: RouteRequest): Promise<void> {
  const snap = find(r.ctx, r.params.id)
  if (snap.state === 'active') throw badRequest(`Snapshot ${snap.id} is already active`)
  if (snap.state !== 'inactive') {
    throw badRequest(`Snapshot ${snap.id} cannot be activated - it is in ${snap.state} state`)
  }
  if (Date.now() - snap.updatedAt < ACTIVATION_COOLDOWN_MINUTES * r.ctx.delays.minuteMs) {
    throw badRequest('Snapshot deactivation is still in progress. Please try again in a few minutes.')
  }
  checkSnapshotQuota(r.ctx.store, r.ctx.limits)
  r.ctx.snapshots.activate(snap)
  sendJson(r.res, 200, toSnapshotDto(snap))
}

/** Polls until the snapshot leaves `pending` (a runner took it) or `ms` pass; false on timeout. */
async function waitForBuildRunner(ctx: ApiContext, snap: SnapshotRecord, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (snap.state === 'pending') {
    const left = deadline - Date.now()
    if (left <= 0 || ctx.timers.isClosed) return false
    await ctx.timers.sleep(Math.min(25, left))
  }
  return true
}

/** v0.190 snapshot.controller.ts: while no build runner is assigned yet (`pending`) the API waits, then 404s. */
async function buildLogsUrl(r: RouteRequest): Promise<void> {
  const snap = find(r.ctx, r.params.id)
  if (!(await waitForBuildRunner(r.ctx, snap, r.ctx.delays.buildRunnerWaitMs))) {
    throw new HttpError(404, `Timeout waiting for build runner assignment for snapshot ${snap.id}`)
  }
  sendJson(r.res, 200, { url: `${r.ctx.proxyUrl}/snapshots/${snap.id}/build-logs` })
}

export const snapshotRoutes: Route[] = [
  { method: 'POST', template: '/api/snapshots', throttler: 'authenticated', handle: create },
  { method: 'GET', template: '/api/snapshots', throttler: 'authenticated', handle: list },
  {
    method: 'GET',
    template: '/api/snapshots/{idOrName}',
    throttler: 'authenticated',
    async handle(r) {
      sendJson(r.res, 200, toSnapshotDto(find(r.ctx, r.params.idOrName)))
    },
  },
  { method: 'DELETE', template: '/api/snapshots/{id}', throttler: 'authenticated', handle: remove },
  { method: 'POST', template: '/api/snapshots/{id}/activate', throttler: 'authenticated', handle: activate },
  {
    method: 'POST',
    template: '/api/snapshots/{id}/deactivate',
    throttler: 'authenticated',
    async handle(r) {
      r.ctx.snapshots.deactivate(find(r.ctx, r.params.id))
      sendEmpty(r.res, 204)
    },
  },
  {
    method: 'GET',
    template: '/api/snapshots/{id}/build-logs-url',
    throttler: 'authenticated',
    handle: buildLogsUrl,
  },
]
