// POST /api/sandbox (§2.1): from a snapshot (waits server-side for `started`) or from buildInfo (answers
// at once, in pending_build). Validation, quotas and messages follow the real API.
import { randomUUID } from 'node:crypto'
import { isIP } from 'node:net'
import { HttpError, readJson, sendJson } from '../http.ts'
import {
  DEFAULT_SNAPSHOT_NAME,
  SANDBOX_CLASS,
  type SandboxRecord,
  type SnapshotRecord,
  toSandboxDto,
} from '../store.ts'
import { buildSnapshotRef } from './builds.ts'
import type { ApiContext } from './context.ts'
import { checkPerSandbox, checkTotals, type Resources } from './quotas.ts'
import type { RouteRequest } from './router.ts'
import { badRequest, optionalBool, optionalInt, optionalString, optionalStringMap } from './validate.ts'

/** The server maximum that autoArchiveInterval 0 means (default config: 30 days). */
export const MAX_AUTO_ARCHIVE_MINUTES = 43_200

export function resolveAutoArchive(minutes: number): number {
  if (minutes < 0) throw badRequest('Auto-archive interval must be non-negative')
  return minutes === 0 ? MAX_AUTO_ARCHIVE_MINUTES : Math.min(minutes, MAX_AUTO_ARCHIVE_MINUTES)
}

export function resolveAutoStop(minutes: number): number {
  if (minutes < 0) throw badRequest('Auto-stop interval must be non-negative')
  return minutes
}

/**
 * Auto-pause needs a pause-capable (VM) class; every emulator sandbox is a container. As the SDK and server
 * do, a non-zero auto-stop together with a non-zero auto-pause is refused first.
 */
export function checkAutoPause(minutes: number, autoStop: number | undefined): void {
  if (minutes < 0) throw badRequest('Auto-pause interval must be non-negative')
  if (minutes === 0) return
  if (autoStop !== undefined && autoStop !== 0) {
    throw badRequest(
      'autoStopInterval and autoPauseInterval are mutually exclusive. Set at most one of them to a non-zero value',
    )
  }
  throw badRequest(`Auto-pause is not supported for sandbox class ${SANDBOX_CLASS}`)
}

/** `networkAllowList`: comma-separated CIDRs (IPv4 or IPv6); empty entries are skipped as the server does. */
export function checkNetworkAllowList(list: string | undefined): void {
  for (const entry of (list ?? '').split(',').map((e) => e.trim())) {
    if (!entry) continue
    const [address, prefix, extra] = entry.split('/')
    const version = isIP(address ?? '')
    const bits = version === 4 ? 32 : 128
    const prefixOk = prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits
    if (!version || !prefixOk || extra !== undefined) {
      throw badRequest(
        `Invalid network format: ${entry}. networkAllowList must be a comma-separated list of CIDRs (e.g. "192.168.1.0/16,10.0.0.0/24")`,
      )
    }
  }
}

export function resolveRegion(ctx: ApiContext, target: string | undefined): string {
  const wanted = target?.trim()
  if (!wanted) return 'us'
  const region =
    ctx.store.regions.find((r) => r.name === wanted) ?? ctx.store.regions.find((r) => r.id === wanted)
  if (!region) throw new HttpError(404, 'Region not found')
  return region.id
}

function checkName(ctx: ApiContext, name: string | undefined): void {
  if (name === undefined) return
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
  if (name.trim() === '' || /<[^>]*>|https?:\/\/|[\u0000-\u001f\u007f]/.test(name)) {
    throw badRequest('Sandbox name must not be empty or contain HTML tags, URLs or control characters')
  }
  for (const s of ctx.store.sandboxes.values()) {
    if (s.name === name && s.state !== 'destroyed')
      throw new HttpError(409, `Sandbox with name ${name} already exists`)
  }
}

async function failAfterCreate(r: RouteRequest, sb: SandboxRecord, reason: string): Promise<never> {
  r.ctx.lifecycle.fail(sb, reason)
  throw badRequest(`Sandbox failed to start: ${reason}`)
}

export async function createSandbox(r: RouteRequest): Promise<void> {
  const { ctx } = r
  const body = await readJson(r.req)
  const name = optionalString(body, 'name')
  const snapshotRef = optionalString(body, 'snapshot')
  const user = optionalString(body, 'user')
  const env = optionalStringMap(body, 'env') ?? {}
  const labels = optionalStringMap(body, 'labels') ?? {}
  const requested: Resources & { gpu: number } = {
    cpu: optionalInt(body, 'cpu') ?? 0,
    memory: optionalInt(body, 'memory') ?? 0,
    disk: optionalInt(body, 'disk') ?? 0,
    gpu: optionalInt(body, 'gpu') ?? 0,
  }
  const autoStopRequested = optionalInt(body, 'autoStopInterval')
  const autoStop = resolveAutoStop(autoStopRequested ?? 15)
  checkAutoPause(optionalInt(body, 'autoPauseInterval') ?? 0, autoStopRequested)
  const networkAllowList = optionalString(body, 'networkAllowList')
  checkNetworkAllowList(networkAllowList)
  const autoArchive = resolveAutoArchive(optionalInt(body, 'autoArchiveInterval') ?? 10_080)
  const autoDelete = optionalInt(body, 'autoDeleteInterval') ?? -1
  const ttlMinutes = optionalInt(body, 'ttlMinutes') ?? 0
  if (ttlMinutes < 0) throw badRequest('ttlMinutes must not be less than 0')
  const buildInfo = body.buildInfo as { dockerfileContent?: unknown; contextHashes?: unknown } | undefined
  if (buildInfo !== undefined && (buildInfo === null || typeof buildInfo !== 'object')) {
    throw badRequest('buildInfo must be an object')
  }

  let snapshotName: string | undefined
  let usedSnapshot: SnapshotRecord | undefined
  let resources: Resources & { gpu: number }
  let image: SandboxRecord['image'] = { env: {} }
  const region = resolveRegion(ctx, optionalString(body, 'target'))
  if (buildInfo) {
    if (snapshotRef) throw badRequest('Cannot specify a snapshot when using a build info entry')
    if (typeof buildInfo.dockerfileContent !== 'string') {
      throw badRequest('buildInfo.dockerfileContent must be a string')
    }
    const hashes = buildInfo.contextHashes ?? []
    if (!Array.isArray(hashes) || hashes.some((h) => typeof h !== 'string')) {
      throw badRequest('buildInfo.contextHashes must be an array of strings')
    }
    resources = {
      cpu: requested.cpu || 1,
      memory: requested.memory || 1,
      disk: requested.disk || 3,
      gpu: requested.gpu || 0,
    }
  } else {
    if (requested.cpu || requested.gpu || requested.memory || requested.disk || body.gpuType) {
      throw badRequest('Cannot specify Sandbox resources when using a snapshot')
    }
    const wanted = snapshotRef?.trim() ? snapshotRef : DEFAULT_SNAPSHOT_NAME
    const snapshot = ctx.store.findSnapshot(wanted)
    if (!snapshot)
      throw badRequest(`Snapshot ${wanted} not found. Did you add it through the Daytona Dashboard?`)
    if (!snapshot.regionIds.includes(region)) {
      throw badRequest(`Snapshot ${wanted} is not available in region ${region}`)
    }
    if (snapshot.state !== 'active') throw badRequest(`Snapshot ${wanted} is ${snapshot.state}`)
    snapshotName = snapshot.name
    usedSnapshot = snapshot
    image = { ...snapshot.image, base: snapshot.image.base ?? snapshot.imageName }
    resources = { cpu: snapshot.cpu, memory: snapshot.mem, disk: snapshot.disk, gpu: snapshot.gpu }
  }
  if (resources.gpu > 0)
    throw badRequest(`GPU request ${resources.gpu} exceeds maximum allowed per sandbox (0)`)
  checkPerSandbox(ctx.limits, resources)
  checkTotals(ctx.store, ctx.limits, region, resources)
  checkName(ctx, name)

  const id = randomUUID()
  const now = Date.now()
  // the server sets lastUsedAt to the new sandbox's creation time
  if (usedSnapshot) ctx.snapshots.markUsed(usedSnapshot, now)
  const contextHashes = (buildInfo?.contextHashes as string[] | undefined) ?? []
  const sb: SandboxRecord = {
    id,
    name: name ?? id,
    snapshot: snapshotName,
    user: user || image.user || 'daytona',
    userFromRequest: Boolean(user),
    env,
    labels,
    public: optionalBool(body, 'public') ?? false,
    networkBlockAll: optionalBool(body, 'networkBlockAll') ?? false,
    networkAllowList,
    domainAllowList: optionalString(body, 'domainAllowList'),
    target: region,
    ...resources,
    state: 'unknown',
    desiredState: 'started',
    pending: true,
    autoStopInterval: autoStop,
    autoArchiveInterval: autoArchive,
    autoDeleteInterval: autoDelete,
    autoDestroyAt: ttlMinutes > 0 ? now + ttlMinutes * ctx.delays.minuteMs : undefined,
    buildInfo: buildInfo
      ? {
          dockerfileContent: buildInfo.dockerfileContent as string,
          contextHashes,
          createdAt: new Date(now).toISOString(),
          updatedAt: new Date(now).toISOString(),
          snapshotRef: buildSnapshotRef(buildInfo.dockerfileContent as string, contextHashes),
        }
      : undefined,
    image: { ...image, env: { ...image.env } },
    createdAt: now,
    updatedAt: now,
    lastActivityAt: now,
    toolboxCreated: false,
    epoch: 0,
  }
  ctx.store.sandboxes.set(id, sb)

  if (r.forceStartFailure) {
    await failAfterCreate(r, sb, 'Failed to create sandbox: injected runner failure')
  }
  if (sb.buildInfo) {
    const built = ctx.builds.get(sb.buildInfo.snapshotRef)
    if (built?.status === 'built' && built.image) {
      // §3.3: a runner already has this image: no pending_build, no building_snapshot
      sb.image = { ...built.image, env: { ...built.image.env } }
      if (!user && built.image.user) sb.user = built.image.user
      ctx.lifecycle.provisionFromImage(sb)
    } else {
      ctx.lifecycle.provisionFromBuild(sb, sb.buildInfo.dockerfileContent ?? '', contextHashes)
    }
    sendJson(r.res, 200, toSandboxDto(sb, ctx.toolboxProxyUrl))
    return
  }
  ctx.lifecycle.provisionFromImage(sb)
  const state = await ctx.lifecycle.waitSettled(sb, ctx.delays.createWaitMs)
  if (state === 'error' || state === 'build_failed') {
    throw badRequest(`Sandbox failed to start: ${sb.errorReason ?? 'unknown error'}`)
  }
  sendJson(r.res, 200, toSandboxDto(sb, ctx.toolboxProxyUrl))
}
