// Snapshots (daytona-api.md §3): create, look up, list, activate, delete, wait, build logs, the quota.
import { type FollowOptions, followLogUrl } from './build-logs.ts'
import { DeadlineError, NotFoundError, StateError } from './errors.ts'
import { abortableSleep, type HttpClient, type ResponseBody } from './http.ts'
import type { CreateSnapshot, PaginatedSnapshots, Snapshot } from './types.ts'
import { pollUntil, type WaitOptions } from './wait.ts'

const ACTIVATION_FAILED = new Set(['error', 'build_failed', 'removing'])
const BUILD_LOG_TERMINAL = new Set(['active', 'error', 'build_failed'])
/** The page size the list endpoint allows at most. */
const PAGE_LIMIT = 200

/** The snapshot figures of GET /organizations/{id}/usage. */
export interface SnapshotQuota {
  total: number
  used: number
}

export class Snapshots {
  readonly #http: HttpClient
  readonly #base: string

  constructor(http: HttpClient, apiUrl: string) {
    this.#http = http
    this.#base = `${apiUrl}/snapshots`
  }

  create(body: CreateSnapshot, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Snapshot> {
    return this.#http.request<Snapshot>({ method: 'POST', url: this.#base, body, idempotent: false, ...opts })
  }

  get(idOrName: string, opts: { signal?: AbortSignal } = {}): Promise<Snapshot> {
    return this.#http.request<Snapshot>({ method: 'GET', url: this.#url(idOrName), ...opts })
  }

  /** The snapshot with this name (or id), or undefined if there is none. */
  async find(name: string, opts: { signal?: AbortSignal } = {}): Promise<Snapshot | undefined> {
    try {
      return await this.get(name, opts)
    } catch (err) {
      if (err instanceof NotFoundError) return undefined
      throw err
    }
  }

  /** Every snapshot whose name contains `name` (the server matches case-insensitively), page after page. */
  async *list(name: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<Snapshot> {
    for (let page = 1; ; page++) {
      const res = await this.#http.request<PaginatedSnapshots>({
        method: 'GET',
        url: this.#base,
        query: { name, page, limit: PAGE_LIMIT },
        ...opts,
      })
      yield* res.items
      if (page >= res.totalPages || res.items.length === 0) return
    }
  }

  /** How many snapshots the organization may hold, and how many count now. */
  async quota(organizationId: string): Promise<SnapshotQuota> {
    const base = this.#base.slice(0, -'/snapshots'.length)
    const usage = await this.#http.request<{ totalSnapshotQuota: number; currentSnapshotUsage: number }>({
      method: 'GET',
      url: `${base}/organizations/${encodeURIComponent(organizationId)}/usage`,
    })
    return { total: usage.totalSnapshotQuota, used: usage.currentSnapshotUsage }
  }

  /** Re-activates an `inactive` snapshot (they go inactive after 14 unused days). */
  activate(id: string): Promise<Snapshot> {
    return this.#http.request<Snapshot>({ method: 'POST', url: `${this.#url(id)}/activate` })
  }

  /** Needs the UUID: the server rejects names here. */
  async delete(id: string): Promise<void> {
    await this.#http.request({ method: 'DELETE', url: this.#url(id) })
  }

  waitUntilActive(idOrName: string, opts: WaitOptions): Promise<Snapshot> {
    const ctx = { method: 'GET', path: new URL(this.#url(idOrName)).pathname }
    return pollUntil(
      {
        fetch: () => this.get(idOrName, { signal: opts.signal }),
        stateOf: (s) => s.state,
        isDone: (state) => state === 'active',
        isFailed: (state) => ACTIVATION_FAILED.has(state),
        failure: (s, state) =>
          new StateError(ctx, {
            resource: 'snapshot',
            id: idOrName,
            state,
            errorReason: s.errorReason ?? undefined,
          }),
        timeout: (_s, state) =>
          new DeadlineError(
            ctx,
            opts.timeoutMs,
            `snapshot ${idOrName} not active after ${opts.timeoutMs} ms (${state})`,
          ),
      },
      opts,
    )
  }

  /** The server waits up to 30 s for a build runner, then answers 404 (see followBuildLogs). */
  async buildLogsUrl(id: string, opts: { signal?: AbortSignal } = {}): Promise<string> {
    const res = await this.#http.request<{ url: string }>({
      method: 'GET',
      url: `${this.#url(id)}/build-logs-url`,
      ...opts,
    })
    return res.url
  }

  /**
   * Streams the build log line by line until the build is over (active/error/build_failed). In a busy region
   * no runner may take the build for longer than the server waits (404 "Timeout waiting for build runner
   * assignment"): the URL is asked for again while the snapshot is still `pending`. `onFollowing` is told
   * once the log is being read. Resolves without a line when the build ended before any runner served it.
   */
  async followBuildLogs(
    id: string,
    onLine: (line: string) => void,
    opts: FollowOptions & { onFollowing?: () => void } = {},
  ): Promise<void> {
    const url = await this.#buildLogsUrlOnceAssigned(id, opts.signal)
    if (!url) return
    opts.onFollowing?.()
    const owner = { state: async () => (await this.get(id)).state, terminal: BUILD_LOG_TERMINAL }
    await followLogUrl(this.#http, url, onLine, owner, opts)
  }

  async #buildLogsUrlOnceAssigned(id: string, signal?: AbortSignal): Promise<string | undefined> {
    for (;;) {
      try {
        return await this.buildLogsUrl(id, { signal })
      } catch (err) {
        if (!(err instanceof NotFoundError) || !/waiting for build runner/i.test(err.message)) throw err
        const state = (await this.get(id, { signal })).state
        if (BUILD_LOG_TERMINAL.has(state)) return undefined
        // the server itself waited; a short pause keeps a tight loop off it if it answers at once
        await abortableSleep(1000, signal)
      }
    }
  }

  /** The whole build log so far, without following. */
  async buildLogs(id: string): Promise<string> {
    const url = await this.buildLogsUrl(id)
    const body = await this.#http.request<ResponseBody>({ method: 'GET', url, raw: true })
    return body.text()
  }

  #url(idOrName: string): string {
    return `${this.#base}/${encodeURIComponent(idOrName)}`
  }
}
