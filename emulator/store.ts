// The emulator's state: sandbox and snapshot records as Daytona's database holds them (a DB state plus a
// desired state), and the mapping to the wire DTOs, where the reported state is synthesized like the real API.
import type { BuildInfo, Region, Sandbox, SandboxListItem, Snapshot } from '../src/daytona/types.ts'
import { DAEMON_VERSION } from './toolbox/index.ts'

/** The one organization every API key of the emulator belongs to. */
export const ORGANIZATION_ID = '5f3c1b2a-7d4e-4a6b-9c8d-0e1f2a3b4c5d'
export const DEFAULT_REGION = 'us'
/** Named like Daytona's default snapshot, so clients that print it look familiar. */
export const DEFAULT_SNAPSHOT_NAME = 'daytonaio/sandbox:0.4.3'

/** Every emulator sandbox is a plain container: no VM classes, hence no pause. */
export const SANDBOX_CLASS = 'container'

/** Spec fields the shared wire types leave out, answered as a container-class sandbox would. */
interface EmulatorFields {
  sandboxClass: typeof SANDBOX_CLASS
  /** always 0: containers cannot pause, so a non-zero auto-pause is refused at create */
  autoPauseInterval: number
}
export type SandboxListItemDto = SandboxListItem & EmulatorFields
export type SandboxDto = Sandbox & EmulatorFields

/** What a snapshot's Dockerfile tells a sandbox about its environment (applied to the toolbox). */
export interface ImageConfig {
  workDir?: string
  env: Record<string, string>
  user?: string
  entrypoint?: string[]
  /** the last stage's FROM, or the snapshot's image name: what the toolbox reads the image's tools off */
  base?: string
  /** packages the last stage's RUN lines install */
  installs?: string[]
}

export interface SandboxRecord {
  id: string
  name: string
  snapshot?: string
  user: string
  /** the create body named the user: the image's USER does not override it */
  userFromRequest: boolean
  env: Record<string, string>
  labels: Record<string, string>
  public: boolean
  networkBlockAll: boolean
  networkAllowList?: string
  domainAllowList?: string
  target: string
  cpu: number
  gpu: number
  memory: number
  disk: number
  /** the DB state; the reported one is derived by reportedState() */
  state: string
  desiredState: string
  /** a transition is under way: lifecycle calls answer 409 */
  pending: boolean
  errorReason?: string
  recoverable?: boolean
  autoStopInterval: number
  autoArchiveInterval: number
  autoDeleteInterval: number
  /** epoch ms; set by ttlMinutes / POST ttl */
  autoDestroyAt?: number
  buildInfo?: BuildInfo
  image: ImageConfig
  createdAt: number
  updatedAt: number
  lastActivityAt: number
  destroyedAt?: number
  /** epoch ms: destroyed because it waited longer than its queue timeout for a runner ([N220]) */
  queueTimedOutAt?: number
  /** the toolbox made this sandbox's directories (first start) */
  toolboxCreated: boolean
  /** bumped by every new transition so that stale timers do nothing */
  epoch: number
}

export interface SnapshotRecord {
  id: string
  name: string
  general: boolean
  imageName?: string
  state: string
  entrypoint: string[] | null
  cpu: number
  gpu: number
  mem: number
  disk: number
  errorReason: string | null
  createdAt: number
  updatedAt: number
  lastUsedAt: number | null
  buildInfo?: BuildInfo
  regionIds: string[]
  ref: string
  image: ImageConfig
  epoch: number
}

/** §2.3: the API reports a transition from the (state, desiredState) pair. */
export function reportedState(s: { state: string; desiredState: string }): string {
  const key = `${s.state}>${s.desiredState}`
  const derived: Record<string, string> = {
    'started>stopped': 'stopping',
    'started>destroyed': 'destroying',
    'stopped>started': 'starting',
    'stopped>destroyed': 'destroying',
    'stopped>archived': 'archiving',
    'unknown>started': 'creating',
  }
  return derived[key] ?? s.state
}

const iso = (ms: number) => new Date(ms).toISOString()
const QUEUE_TIMED_OUT_READABLE_MS = 24 * 60 * 60 * 1000

export function toListItem(s: SandboxRecord, toolboxProxyUrl: string): SandboxListItemDto {
  return {
    id: s.id,
    organizationId: ORGANIZATION_ID,
    name: s.name,
    ...(s.snapshot !== undefined ? { snapshot: s.snapshot } : {}),
    user: s.user,
    labels: { ...s.labels },
    public: s.public,
    networkBlockAll: s.networkBlockAll,
    ...(s.networkAllowList !== undefined ? { networkAllowList: s.networkAllowList } : {}),
    ...(s.domainAllowList !== undefined ? { domainAllowList: s.domainAllowList } : {}),
    target: s.target,
    cpu: s.cpu,
    gpu: s.gpu,
    memory: s.memory,
    disk: s.disk,
    state: reportedState(s),
    desiredState: s.desiredState as Sandbox['desiredState'],
    ...(s.errorReason !== undefined ? { errorReason: s.errorReason } : {}),
    ...(s.recoverable !== undefined ? { recoverable: s.recoverable } : {}),
    autoStopInterval: s.autoStopInterval,
    autoPauseInterval: 0,
    autoArchiveInterval: s.autoArchiveInterval,
    autoDeleteInterval: s.autoDeleteInterval,
    ...(s.autoDestroyAt !== undefined ? { autoDestroyAt: iso(s.autoDestroyAt) } : {}),
    ...(s.queueTimedOutAt !== undefined ? { queueTimedOutAt: iso(s.queueTimedOutAt) } : {}),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    lastActivityAt: iso(s.lastActivityAt),
    daemonVersion: DAEMON_VERSION,
    runnerId: 'emulator-runner',
    sandboxClass: SANDBOX_CLASS,
    toolboxProxyUrl,
  }
}

export function toSandboxDto(s: SandboxRecord, toolboxProxyUrl: string): SandboxDto {
  return {
    ...toListItem(s, toolboxProxyUrl),
    env: { ...s.env },
    ...(s.buildInfo ? { buildInfo: { ...s.buildInfo } } : {}),
  }
}

/** The spec requires `sourceSandboxId` (nullable) on every snapshot. */
export type SnapshotDto = Omit<Snapshot, 'sourceSandboxId'> & { sourceSandboxId: string | null }

export function toSnapshotDto(s: SnapshotRecord): SnapshotDto {
  return {
    id: s.id,
    organizationId: s.general ? undefined : ORGANIZATION_ID,
    general: s.general,
    name: s.name,
    ...(s.imageName !== undefined ? { imageName: s.imageName } : {}),
    state: s.state,
    size: s.state === 'active' ? 1.2 : null,
    entrypoint: s.entrypoint,
    cpu: s.cpu,
    gpu: s.gpu,
    mem: s.mem,
    disk: s.disk,
    errorReason: s.errorReason,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    lastUsedAt: s.lastUsedAt === null ? null : iso(s.lastUsedAt),
    ...(s.buildInfo ? { buildInfo: { ...s.buildInfo } } : {}),
    regionIds: [...s.regionIds],
    ref: s.ref,
    sourceSandboxId: null,
  }
}

export class Store {
  readonly sandboxes = new Map<string, SandboxRecord>()
  readonly snapshots = new Map<string, SnapshotRecord>()
  readonly regions: Region[]

  constructor() {
    const created = iso(Date.UTC(2025, 0, 1))
    this.regions = ['us', 'eu'].map((name) => ({
      id: name,
      name,
      organizationId: null,
      regionType: 'shared',
      createdAt: created,
      updatedAt: created,
    }))
  }

  /** Invisible to the API: destroyed, or errored with a pending delete (as the real findOne). */
  private isGone(s: SandboxRecord): boolean {
    if (s.state === 'destroyed') return true
    return (s.state === 'error' || s.state === 'build_failed') && s.desiredState === 'destroyed'
  }

  /** Looks up by id first, then by name, as the real API does for `{sandboxIdOrName}`. */
  findSandbox(idOrName: string): SandboxRecord | undefined {
    const byId = this.findSandboxById(idOrName)
    if (byId) return byId
    for (const s of this.sandboxes.values()) if (s.name === idOrName && !this.isGone(s)) return s
    return undefined
  }

  findSandboxById(id: string): SandboxRecord | undefined {
    const s = this.sandboxes.get(id)
    return s && !this.isGone(s) ? s : undefined
  }

  /** A sandbox destroyed by its queue timeout stays readable by id for a day (daytona-api.md §2.3, [N220]). */
  findQueueTimedOut(id: string): SandboxRecord | undefined {
    const s = this.sandboxes.get(id)
    if (s?.queueTimedOutAt === undefined) return undefined
    return Date.now() - s.queueTimedOutAt < QUEUE_TIMED_OUT_READABLE_MS ? s : undefined
  }

  liveSandboxes(): SandboxRecord[] {
    return [...this.sandboxes.values()].filter((s) => !this.isGone(s))
  }

  /** By id, then own snapshots by name, then general snapshots by name. */
  findSnapshot(idOrName: string): SnapshotRecord | undefined {
    const byId = this.snapshots.get(idOrName)
    if (byId) return byId
    const all = [...this.snapshots.values()]
    return (
      all.find((s) => !s.general && s.name === idOrName) ?? all.find((s) => s.general && s.name === idOrName)
    )
  }
}
