// Wire types of Daytona's main API and toolbox, as the action uses them.
// Shared with the emulator (type-only): both sides speak exactly these shapes.
// Fields the action does not read are left out; unknown fields are tolerated everywhere.

export const SANDBOX_STATES = [
  'creating',
  'restoring',
  'destroyed',
  'destroying',
  'started',
  'stopped',
  'starting',
  'stopping',
  'error',
  'build_failed',
  'pending_build',
  'building_snapshot',
  'unknown',
  'pulling_snapshot',
  'archived',
  'archiving',
  'resizing',
  'snapshotting',
  'forking',
  'pausing',
  'paused',
  'resuming',
] as const
/** A state the server may add later is a plain string: treat it as transitional. */
export type SandboxState = (typeof SANDBOX_STATES)[number] | (string & {})

export type SandboxDesiredState = 'destroyed' | 'started' | 'stopped' | 'resized' | 'archived' | 'paused'

export interface BuildInfo {
  dockerfileContent?: string
  contextHashes?: string[]
  createdAt: string
  updatedAt: string
  snapshotRef: string
}

export interface CreateBuildInfo {
  dockerfileContent: string
  contextHashes?: string[]
}

export interface Sandbox {
  id: string
  organizationId: string
  name: string
  snapshot?: string
  user: string
  env: Record<string, string>
  labels: Record<string, string>
  public: boolean
  networkBlockAll: boolean
  target: string
  cpu: number
  gpu: number
  memory: number
  disk: number
  state?: SandboxState
  desiredState?: SandboxDesiredState
  errorReason?: string
  recoverable?: boolean
  autoStopInterval?: number
  autoArchiveInterval?: number
  autoDeleteInterval?: number
  autoDestroyAt?: string
  /** [N220] set when Daytona destroyed it for waiting longer than its queueTimeout for a runner */
  queueTimedOutAt?: string
  buildInfo?: BuildInfo
  createdAt?: string
  updatedAt?: string
  lastActivityAt?: string
  daemonVersion?: string
  runnerId?: string
  toolboxProxyUrl: string
}

/** The list endpoint's item omits env, volumes, buildInfo and a few others. */
export type SandboxListItem = Omit<Sandbox, 'env' | 'buildInfo'>

export interface ListSandboxesResponse {
  items: SandboxListItem[]
  nextCursor: string | null
}

export interface CreateSandbox {
  name?: string
  snapshot?: string
  user?: string
  env?: Record<string, string>
  labels?: Record<string, string>
  public?: boolean
  networkBlockAll?: boolean
  target?: string
  cpu?: number
  gpu?: number
  memory?: number
  disk?: number
  /** minutes; 0 disables */
  autoStopInterval?: number
  /** minutes; 0 = server maximum */
  autoArchiveInterval?: number
  /** minutes; -1 disabled, 0 = delete on stop */
  autoDeleteInterval?: number
  /** minutes of wall-clock life; 0 = off */
  ttlMinutes?: number
  buildInfo?: CreateBuildInfo
}

export const SNAPSHOT_STATES = [
  'building',
  'pending',
  'pulling',
  'snapshotting',
  'active',
  'inactive',
  'error',
  'build_failed',
  'removing',
] as const
export type SnapshotState = (typeof SNAPSHOT_STATES)[number] | (string & {})

export interface Snapshot {
  id: string
  organizationId?: string
  general: boolean
  name: string
  imageName?: string
  state: SnapshotState
  size: number | null
  entrypoint: string[] | null
  cpu: number
  gpu: number
  /** GiB; `mem` here but `memory` in the create body */
  mem: number
  disk: number
  errorReason: string | null
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
  buildInfo?: BuildInfo
  regionIds?: string[]
  ref?: string
  sourceSandboxId?: string
}

export interface PaginatedSnapshots {
  items: Snapshot[]
  total: number
  page: number
  totalPages: number
}

export interface CreateSnapshot {
  name: string
  imageName?: string
  entrypoint?: string[]
  cpu?: number
  gpu?: number
  memory?: number
  disk?: number
  buildInfo?: CreateBuildInfo
  regionId?: string
}

export interface StorageAccess {
  accessKey: string
  secret: string
  sessionToken: string
  storageUrl: string
  organizationId: string
  bucket: string
  region: string
}

export interface Region {
  id: string
  name: string
  organizationId?: string | null
  regionType?: string
  createdAt?: string
  updatedAt?: string
}

/** Main API error body (NestJS filter); newer servers add `code` and `source`. */
export interface ApiErrorBody {
  statusCode: number
  message: string
  error?: string
  path?: string
  timestamp?: string
  code?: string
  source?: string
}

/** Toolbox (daemon and proxy) error body. */
export interface DaemonErrorBody {
  statusCode: number
  message: string
  code: string
  timestamp?: string
  path?: string
  method?: string
  source?: string
}

// ---- toolbox -------------------------------------------------------------

export interface ExecuteRequest {
  command: string
  cwd?: string
  /** keys must match ^[A-Za-z_][A-Za-z0-9_]*$ */
  envs?: Record<string, string>
  /** seconds */
  timeout?: number
}

export interface ExecuteResponse {
  exitCode: number
  result: string
}

export interface CreateSessionRequest {
  sessionId: string
}

export interface SessionCommand {
  id: string
  command: string
  /** absent while the command runs */
  exitCode?: number
}

export interface Session {
  sessionId: string
  commands: SessionCommand[] | null
}

export interface SessionExecuteRequest {
  command: string
  runAsync?: boolean
  /** legacy alias of runAsync */
  async?: boolean
  suppressInputEcho?: boolean
}

export interface SessionExecuteResponse {
  cmdId: string
  output?: string
  stdout?: string
  stderr?: string
  exitCode?: number
}

export interface SessionCommandLogs {
  /** the raw log, stdout/stderr markers included */
  output: string
  stdout: string
  stderr: string
}

export interface FileInfo {
  name: string
  path?: string
  isDir: boolean
  size: number
  mode: string
  permissions: string
  owner: string
  group: string
  modTime?: string
  modifiedAt?: string
}

export interface UploadResult {
  files: { path: string; bytes: number }[]
  /** one line per failed part, e.g. "file[0]: missing .path metadata" */
  errors?: string[]
}

export interface GitCloneRequest {
  url: string
  path: string
  branch?: string
  commit_id?: string
  username?: string
  password?: string
  depth?: number
  insecure_skip_tls?: boolean
}

/** GET /git/history: one commit, newest first */
export interface GitCommitInfo {
  hash: string
  author: string
  email: string
  message: string
  timestamp: string
}

export interface DirResponse {
  dir: string
}
