// The run's outcome as the reporting code sees it. The lead's pipeline builds these; src/report only reads them.

export interface CommandResult {
  command: string
  /** null when skipped */
  exitCode: number | null
  durationMs: number
  timedOut: boolean
  skipped: boolean
  /** last lines of the command's combined output (stdout+stderr), kept for failed commands only */
  tail?: string
}

export interface RunReport {
  /** e.g. the job name + matrix identity, so parallel jobs' summaries differ */
  title?: string
  source: {
    repository: string
    sha: string
    ref?: string
    prNumber?: number
    serverUrl: string
    eventName: string
  }
  environment: {
    kind: 'image' | 'snapshot' | 'dockerfile' | 'default'
    /** image ref or snapshot name */
    name?: string
    snapshotCacheHit?: boolean
    snapshotBuildMs?: number
    /** as the sandbox reports them: vCPUs, GiB, GiB */
    cpu?: number
    memory?: number
    disk?: number
    region?: string
  }
  sandbox?: { id: string; name: string; createdAt?: number; deletedAt?: number; kept?: { until: string } }
  results: CommandResult[]
  durationMs: number
  /** a failure before/around commands (e.g. clone failed), already secret-free */
  error?: string
  /** the `download` input's files, when it was set */
  downloads?: { path: string; files: number; bytes: number; failed: number }
  /** the `test-results` reports, when that input was set */
  tests?: TestsReport
}

/** Counts and failures read from the JUnit reports; every string in it comes from the pull request. */
export interface TestsReport {
  passed: number
  failed: number
  skipped: number
  total: number
  failures: readonly { name: string; message: string; file?: string; line?: number }[]
  unreadable: readonly { path: string; reason: string }[]
}

/** Replaces secrets (api key, token, forwarded env values) in free text with ***. */
export type Redact = (text: string) => string
