// The entry point: one HTTP pool for the process, and the API areas the action uses.
import { HttpClient, type RetryInfo } from './http.ts'
import { ObjectStorage } from './object-storage.ts'
import type { RetryPolicy } from './retry.ts'
import { Sandboxes } from './sandboxes.ts'
import { Snapshots } from './snapshots.ts'
import { Toolbox } from './toolbox/index.ts'
import type { Sandbox } from './types.ts'

export interface DaytonaOptions {
  /** the main API base, including `/api` (e.g. https://app.daytona.io/api) */
  apiUrl: string
  apiKey: string
  userAgent?: string
  /** told about every retry (the action logs the message with core.debug) */
  onRetry?: (message: string, info: RetryInfo) => void
  /** default deadline of one HTTP attempt */
  timeoutMs?: number
  retryPolicy?: Partial<RetryPolicy>
}

export class Daytona {
  readonly http: HttpClient
  readonly sandboxes: Sandboxes
  readonly snapshots: Snapshots
  readonly objectStorage: ObjectStorage

  constructor(opts: DaytonaOptions) {
    const apiUrl = opts.apiUrl.replace(/\/+$/, '')
    this.http = new HttpClient({
      apiKey: opts.apiKey,
      userAgent: opts.userAgent,
      onRetry: opts.onRetry,
      timeoutMs: opts.timeoutMs,
      retryPolicy: opts.retryPolicy,
    })
    this.sandboxes = new Sandboxes(this.http, apiUrl)
    this.snapshots = new Snapshots(this.http, apiUrl)
    this.objectStorage = new ObjectStorage(this.http, apiUrl)
  }

  toolbox(sandbox: Pick<Sandbox, 'id' | 'toolboxProxyUrl'>): Toolbox {
    return new Toolbox(this.http, sandbox)
  }

  /** Closes the connection pool (waits for requests in flight). */
  close(): Promise<void> {
    return this.http.close()
  }
}
