// Per-sandbox maxima and organization totals (§2.7), with the real API's messages.
// Running sandboxes count CPU, memory and disk; stopped ones count disk only; archived and destroyed nothing.
import { HttpError } from '../http.ts'
import type { SandboxRecord, Store } from '../store.ts'
import type { Limits } from './context.ts'

const PER_SANDBOX_LIMIT_MESSAGE =
  'Need higher resource limits per-sandbox? Contact us at support@daytona.io and let us know about your use case.'
const UPGRADE_TIER_MESSAGE =
  "To increase concurrency limits, upgrade your organization's Tier by visiting https://app.daytona.io/dashboard/limits."
const ARCHIVE_SANDBOXES_MESSAGE = 'Consider archiving your unused Sandboxes to free up available storage.'

export interface Resources {
  cpu: number
  memory: number
  disk: number
}

/** The doc (§2.1, §5.2) reports these as 400s. */
const quotaError = (message: string) => new HttpError(400, message)

export function checkPerSandbox(limits: Limits, r: Resources): void {
  if (r.cpu > limits.maxCpu) {
    throw quotaError(
      `CPU request ${r.cpu} exceeds maximum allowed per sandbox (${limits.maxCpu}).\n${PER_SANDBOX_LIMIT_MESSAGE}`,
    )
  }
  if (r.memory > limits.maxMemory) {
    throw quotaError(
      `Memory request ${r.memory}GB exceeds maximum allowed per sandbox (${limits.maxMemory}GB).\n${PER_SANDBOX_LIMIT_MESSAGE}`,
    )
  }
  if (r.disk > limits.maxDisk) {
    throw quotaError(
      `Disk request ${r.disk}GB exceeds maximum allowed per sandbox (${limits.maxDisk}GB).\n${PER_SANDBOX_LIMIT_MESSAGE}`,
    )
  }
}

function usageOf(s: SandboxRecord): Resources {
  if (
    s.desiredState === 'destroyed' ||
    ['destroyed', 'archived', 'error', 'build_failed'].includes(s.state)
  ) {
    return { cpu: 0, memory: 0, disk: 0 }
  }
  if (s.state === 'stopped' && s.desiredState !== 'started') return { cpu: 0, memory: 0, disk: s.disk }
  return { cpu: s.cpu, memory: s.memory, disk: s.disk }
}

/** Checks that adding `r` in `region` keeps the org within its totals (`exclude`: the sandbox being started). */
export function checkTotals(
  store: Store,
  limits: Limits,
  region: string,
  r: Resources,
  exclude?: string,
): void {
  const used = { cpu: 0, memory: 0, disk: 0 }
  for (const s of store.sandboxes.values()) {
    if (s.target !== region || s.id === exclude) continue
    const u = usageOf(s)
    used.cpu += u.cpu
    used.memory += u.memory
    used.disk += u.disk
  }
  if (used.cpu + r.cpu > limits.totalCpu) {
    throw quotaError(
      `Total CPU limit exceeded. Maximum allowed: ${limits.totalCpu}.\n${UPGRADE_TIER_MESSAGE}`,
    )
  }
  if (used.memory + r.memory > limits.totalMemory) {
    throw quotaError(
      `Total memory limit exceeded. Maximum allowed: ${limits.totalMemory}GiB.\n${UPGRADE_TIER_MESSAGE}`,
    )
  }
  if (used.disk + r.disk > limits.totalDisk) {
    throw quotaError(
      `Total disk limit exceeded. Maximum allowed: ${limits.totalDisk}GiB.\n${ARCHIVE_SANDBOXES_MESSAGE}\n${UPGRADE_TIER_MESSAGE}`,
    )
  }
}

/**
 * The snapshot states that count against the organization's snapshot quota (v0.190
 * `organization/constants/snapshot-states-consuming-resources.constant.ts`). General snapshots belong to no
 * organization and never count.
 */
export const SNAPSHOT_STATES_CONSUMING_QUOTA: ReadonlySet<string> = new Set([
  'building',
  'pending',
  'pulling',
  'active',
])

export function snapshotUsage(store: Store): number {
  let used = 0
  for (const s of store.snapshots.values()) {
    if (!s.general && SNAPSHOT_STATES_CONSUMING_QUOTA.has(s.state)) used++
  }
  return used
}

/**
 * Before a create or an activation (v0.190 `snapshot.service.ts` validateOrganizationQuotas): the server adds
 * the new snapshots to a pending count first, then refuses when current + pending exceeds the quota. The
 * emulator's handlers insert without awaiting in between, so nothing else is ever pending here.
 */
export function checkSnapshotQuota(store: Store, limits: Limits, adding = 1): void {
  if (snapshotUsage(store) + adding > limits.snapshotQuota) {
    throw quotaError(`Snapshot quota exceeded. Maximum allowed: ${limits.snapshotQuota}`)
  }
}

/** The per-region figures of GET /organizations/{id}/usage: current usage against the totals. */
export function regionUsage(store: Store, region: string): Resources {
  const used = { cpu: 0, memory: 0, disk: 0 }
  for (const s of store.sandboxes.values()) {
    if (s.target !== region) continue
    const u = usageOf(s)
    used.cpu += u.cpu
    used.memory += u.memory
    used.disk += u.disk
  }
  return used
}
