// Sandbox lifecycle on the main API (daytona-api.md §2).
import { DeadlineError, StateError } from './errors.ts'
import type { HttpClient } from './http.ts'
import type { CreateSandbox, ListSandboxesResponse, Sandbox, SandboxListItem } from './types.ts'
import { pollUntil, type WaitOptions } from './wait.ts'

export interface SandboxFilter {
  /** containment: every pair must match */
  labels?: Record<string, string>
  /** prefix match */
  name?: string
  states?: string[]
  /** created from one of these snapshots (by name) */
  snapshots?: string[]
  /** page size (1–200) */
  limit?: number
}

/** States a sandbox does not leave by itself on its way to `started`. */
const START_FAILED = new Set(['error', 'build_failed', 'destroyed', 'destroying'])

export class Sandboxes {
  readonly #http: HttpClient
  readonly #base: string

  constructor(http: HttpClient, apiUrl: string) {
    this.#http = http
    this.#base = `${apiUrl}/sandbox`
  }

  /**
   * Not retried on 5xx or a reset connection (it may have created the sandbox already): only on
   * connect-phase failures and 429. From a snapshot the server waits up to 30 s for `started`.
   */
  create(body: CreateSandbox, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Sandbox> {
    return this.#http.request<Sandbox>({ method: 'POST', url: this.#base, body, idempotent: false, ...opts })
  }

  get(idOrName: string, opts: { signal?: AbortSignal } = {}): Promise<Sandbox> {
    return this.#http.request<Sandbox>({ method: 'GET', url: this.#url(idOrName), ...opts })
  }

  /** Every sandbox matching the filter, following `nextCursor`. Listing is eventually consistent. */
  async *list(filter: SandboxFilter = {}): AsyncGenerator<SandboxListItem> {
    let cursor: string | undefined
    do {
      const page = await this.#http.request<ListSandboxesResponse>({
        method: 'GET',
        url: this.#base,
        query: {
          labels: filter.labels,
          name: filter.name,
          states: filter.states,
          snapshots: filter.snapshots,
          limit: filter.limit,
          cursor,
        },
      })
      yield* page.items
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  }

  /** Retries 409 "state change in progress"; a 404 is thrown as NotFoundError (the caller decides). */
  async delete(idOrName: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    await this.#http.request({ method: 'DELETE', url: this.#url(idOrName), retry409: true, ...opts })
  }

  /** Polls until `started`; throws StateError on error/build_failed (with errorReason), DeadlineError on timeout. */
  waitUntilStarted(id: string, opts: WaitOptions): Promise<Sandbox> {
    const ctx = { method: 'GET', path: new URL(this.#url(id)).pathname }
    return pollUntil(
      {
        fetch: () => this.get(id, { signal: opts.signal }),
        stateOf: (s) => s.state ?? 'unknown',
        isDone: (state) => state === 'started',
        isFailed: (state) => START_FAILED.has(state),
        failure: (s, state) =>
          new StateError(ctx, { resource: 'sandbox', id, state, errorReason: s.errorReason }),
        timeout: (_s, state) =>
          new DeadlineError(
            ctx,
            opts.timeoutMs,
            `sandbox ${id} not started after ${opts.timeoutMs} ms (${state})`,
          ),
      },
      opts,
    )
  }

  setAutostop(id: string, minutes: number): Promise<void> {
    return this.#interval(id, 'autostop', minutes)
  }

  /** Re-anchors the wall-clock TTL from now. */
  setTtl(id: string, minutes: number): Promise<void> {
    return this.#interval(id, 'ttl', minutes)
  }

  async #interval(id: string, kind: string, minutes: number): Promise<void> {
    if (!Number.isInteger(minutes))
      throw new RangeError(`${kind} must be a whole number of minutes, got ${minutes}`)
    // setting an interval twice is harmless, so a reset connection may be retried
    await this.#http.request({ method: 'POST', url: `${this.#url(id)}/${kind}/${minutes}`, idempotent: true })
  }

  #url(idOrName: string): string {
    return `${this.#base}/${encodeURIComponent(idOrName)}`
  }
}
