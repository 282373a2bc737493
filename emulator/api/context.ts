// What every API route and engine of the emulator shares.
import type { ObjectStorageServer } from '../s3.ts'
import type { Store } from '../store.ts'
import type { Toolbox } from '../toolbox/index.ts'
import type { Builds, ContextStore } from './builds.ts'
import type { Lifecycle } from './lifecycle.ts'
import type { SnapshotEngine } from './snapshot-engine.ts'
import type { Timers } from './timers.ts'

export interface Delays {
  /** creating → started */
  createMs: number
  /** destroying → destroyed; removing → gone for snapshots */
  destroyMs: number
  /** starting → started (also restoring from archive) */
  startMs: number
  /** stopping → stopped (also archiving) */
  stopMs: number
  /** snapshot pending → pulling/building, sandbox pending_build → building_snapshot */
  snapshotPendingMs: number
  /** one Dockerfile instruction of a fake build */
  buildStepMs: number
  /** the server-side wait of POST /sandbox (and start) for `started`; the real API waits 30 s */
  createWaitMs: number
  /**
   * how long GET /snapshots/{id}/build-logs-url waits for a `pending` snapshot to get a build runner
   * before 404 "Timeout waiting for build runner assignment"; the real API waits 30 s
   */
  buildRunnerWaitMs: number
  /**
   * extra time a new snapshot stays `pending` before a runner takes it (a busy region); with
   * buildRunnerWaitMs below it exercises the build-logs-url 404 path. Default 0.
   */
  runnerAssignMs: number
  /** snapshot pulling → active, inactive → active after activate */
  pullMs: number
  /** how long an emulated "minute" lasts for auto-stop/archive/delete and TTL (real: 60000) */
  minuteMs: number
}

export interface Limits {
  /** per-sandbox maxima (vCPU, GiB, GiB) */
  maxCpu: number
  maxMemory: number
  maxDisk: number
  /** organization totals over running (and, for disk, stopped) sandboxes */
  totalCpu: number
  totalMemory: number
  totalDisk: number
  /** snapshots in building/pending/pulling/active the organization may hold (DEFAULT_ORG_QUOTA_SNAPSHOT_QUOTA: 30) */
  snapshotQuota: number
}

export interface ApiContext {
  store: Store
  toolbox: Toolbox
  builds: Builds
  contexts: ContextStore
  /** S3-compatible storage for build contexts (`${origin}/s3`), with the credentials it accepts */
  objectStorage: ObjectStorageServer
  lifecycle: Lifecycle
  snapshots: SnapshotEngine
  timers: Timers
  delays: Delays
  limits: Limits
  /** http://127.0.0.1:PORT */
  origin: string
  /** `${origin}/toolbox`, handed out as toolboxProxyUrl */
  toolboxProxyUrl: string
  /** `${origin}/proxy`, the region's proxyUrl: where `{proxyUrl}/{sandboxes|snapshots}/{id}/build-logs` live */
  proxyUrl: string
  /** open toolbox requests and WebSockets per sandbox: they count as activity (keep auto-stop away) */
  openConnections: Map<string, number>
  log: (line: string) => void
}
