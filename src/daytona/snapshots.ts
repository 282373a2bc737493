// Snapshots (daytona-api.md §3): create, look up, activate, delete, wait, build logs.
import { type FollowOptions, followLogUrl } from './build-logs.ts'
import { DeadlineError, NotFoundError, StateError } from './errors.ts'
import type { HttpClient, ResponseBody } from './http.ts'
import type { CreateSnapshot, Snapshot } from './types.ts'
import { pollUntil, type WaitOptions } from './wait.ts'

const ACTIVATION_FAILED = new Set(['error', 'build_failed', 'removing'])
const BUILD_LOG_TERMINAL = new Set(['active', 'error', 'build_failed'])

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

  async buildLogsUrl(id: string): Promise<string> {
    const res = await this.#http.request<{ url: string }>({
      method: 'GET',
      url: `${this.#url(id)}/build-logs-url`,
    })
    return res.url
  }

  /** Streams the build log line by line until the build is over (active/error/build_failed). */
  async followBuildLogs(id: string, onLine: (line: string) => void, opts: FollowOptions = {}): Promise<void> {
    const url = await this.buildLogsUrl(id)
    const owner = { state: async () => (await this.get(id)).state, terminal: BUILD_LOG_TERMINAL }
    await followLogUrl(this.#http, url, onLine, owner, opts)
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
