// The one HTTP path for every Daytona call (main API, toolbox, build logs): a keep-alive pool, a deadline
// per attempt, deliberate retries (see retry.ts) and typed errors (see errors.ts).
import { Readable } from 'node:stream'
import { Agent, type Dispatcher } from 'undici'
import { VERSION } from '../version.ts'
import { ConnectionError, DaytonaError, DeadlineError, errorForStatus } from './errors.ts'
import {
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RetryPolicy,
  retryAfterFromHeaders,
} from './retry.ts'

/**
 * The daemon picks its session-output format from this header: from 0.167.0 on it answers JSON with
 * stdout and stderr separated (older values give raw or combined text). Deliberately a current SDK version.
 */
export const SDK_VERSION_HEADER_VALUE = '0.218.0'
export const SOURCE_HEADER_VALUE = 'daytona-action'

export const DEFAULT_TIMEOUT_MS = 60_000

export type QueryScalar = string | number | boolean
/** Arrays become repeated keys; objects are JSON-encoded (Daytona's `labels` filter). */
export type QueryValue = QueryScalar | readonly QueryScalar[] | Record<string, string> | null | undefined

/** The body stream of a `raw` response (undici's BodyReadable: also has .text(), .arrayBuffer()). */
export type ResponseBody = Dispatcher.ResponseData['body']

export interface RequestOptions {
  method: string
  /** absolute URL */
  url: string
  query?: Record<string, QueryValue>
  /** JSON-encoded unless FormData, a Readable stream or bytes */
  body?: unknown
  headers?: Record<string, string>
  /** defaults to true for GET, HEAD, PUT, DELETE, OPTIONS */
  idempotent?: boolean
  /** lifecycle calls: retry 409 "state change in progress" */
  retry409?: boolean
  /** deadline of one attempt, in ms (until the whole body is read, or until headers for raw) */
  timeoutMs?: number
  /** raw only: the longest silence between body chunks; 0 = none (log follows) */
  idleTimeoutMs?: number
  signal?: AbortSignal
  /** resolve with the response body stream instead of parsed JSON */
  raw?: boolean
}

export interface RetryInfo {
  method: string
  path: string
  /** 1 for the first retry */
  retry: number
  delayMs: number
  reason: string
}

export interface HttpClientOptions {
  apiKey: string
  userAgent?: string
  /** default deadline of one attempt */
  timeoutMs?: number
  /** told about every retry, with a ready-to-log line (so `core.debug` fits) and the details */
  onRetry?: (message: string, info: RetryInfo) => void
  retryPolicy?: Partial<RetryPolicy>
  /** injectable for unit tests */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

export class HttpClient {
  readonly dispatcher: Agent
  readonly #headers: Record<string, string>
  readonly #timeoutMs: number
  readonly #policy: RetryPolicy
  readonly #onRetry: ((message: string, info: RetryInfo) => void) | undefined
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #random: () => number

  constructor(opts: HttpClientOptions) {
    // Keep idle sockets for less than the Daytona proxy's 70 s idle timeout, so we rarely pick a stale one.
    this.dispatcher = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
      connect: { timeout: 10_000 },
    })
    this.#headers = {
      authorization: `Bearer ${opts.apiKey}`,
      'x-daytona-source': SOURCE_HEADER_VALUE,
      'x-daytona-sdk-version': SDK_VERSION_HEADER_VALUE,
      'user-agent': opts.userAgent ?? `daytona-action/${VERSION}`,
    }
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy }
    this.#onRetry = opts.onRetry
    this.#sleep = opts.sleep ?? abortableSleep
    this.#random = opts.random ?? Math.random
  }

  /** The headers every request carries; the WebSocket upgrade needs them too. */
  commonHeaders(): Record<string, string> {
    return { ...this.#headers }
  }

  async request<T = unknown>(opts: RequestOptions): Promise<T> {
    const method = opts.method.toUpperCase()
    const url = buildUrl(opts.url, opts.query)
    const path = new URL(url).pathname
    const idempotent = opts.idempotent ?? IDEMPOTENT_METHODS.has(method)
    const replayable = !isStream(opts.body)
    let retries = 0
    let waitedMs = 0
    for (;;) {
      const result = await this.#attempt<T>(opts, method, url, path)
      if (result.ok) return result.value
      const decision = decideRetry(
        result.outcome,
        { retries, waitedMs, idempotent, retry409: opts.retry409 ?? false, replayable },
        this.#policy,
        this.#random,
      )
      if (!decision.retry) throw result.error
      retries++
      waitedMs += decision.delayMs
      const info = { method, path, retry: retries, delayMs: decision.delayMs, reason: decision.reason }
      this.#onRetry?.(`${method} ${path}: ${info.reason}; retry ${retries} in ${info.delayMs} ms`, info)
      await this.#sleep(decision.delayMs, opts.signal)
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close()
  }

  async #attempt<T>(
    opts: RequestOptions,
    method: string,
    url: string,
    path: string,
  ): Promise<{ ok: true; value: T } | { ok: false; error: DaytonaError; outcome: AttemptOutcome }> {
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), timeoutMs)
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal
    const { body, contentType } = encodeBody(opts.body)
    const headers = {
      ...this.#headers,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...opts.headers,
    }
    try {
      const res = await requestAt(this.dispatcher, url, {
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body as Dispatcher.DispatchOptions['body'],
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: opts.raw ? (opts.idleTimeoutMs ?? timeoutMs) : timeoutMs,
      })
      if (res.statusCode >= 200 && res.statusCode < 300) {
        if (opts.raw) {
          clearTimeout(timer)
          return { ok: true, value: res.body as T }
        }
        const text = await res.body.text()
        return { ok: true, value: parseBody(text, res.headers['content-type']) as T }
      }
      const text = await res.body.text().catch(() => '')
      const retryAfterMs = res.statusCode === 429 ? retryAfterFromHeaders(res.headers) : undefined
      const error = errorForStatus({ method, path, status: res.statusCode }, text, retryAfterMs)
      return {
        ok: false,
        error,
        outcome: { status: res.statusCode, retryAfterMs, message: error.serverMessage },
      }
    } catch (err) {
      if (err instanceof DaytonaError) throw err
      const code = errorCode(err)
      if (deadline.signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        // the caller's own abort is not ours to retry
        if (opts.signal?.aborted) throw opts.signal.reason
        return {
          ok: false,
          error: new DeadlineError({ method, path }, timeoutMs),
          outcome: { deadline: true },
        }
      }
      if (opts.signal?.aborted) throw opts.signal.reason
      if (!code) throw err
      const error = new ConnectionError({ method, path, code }, errorMessage(err), err)
      return { ok: false, error, outcome: { errorCode: code } }
    } finally {
      clearTimeout(timer)
    }
  }
}

export function buildUrl(base: string, query?: Record<string, QueryValue>): string {
  if (!query) return base
  const parts: string[] = []
  const add = (key: string, value: QueryScalar) =>
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const v of value as QueryScalar[]) add(key, v)
    else if (typeof value === 'object') add(key, JSON.stringify(value))
    else add(key, value as QueryScalar)
  }
  if (!parts.length) return base
  return `${base}${base.includes('?') ? '&' : '?'}${parts.join('&')}`
}

function isStream(body: unknown): boolean {
  return (
    body instanceof Readable || (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  )
}

function encodeBody(body: unknown): { body: unknown; contentType?: string } {
  if (body === undefined) return { body: undefined }
  // undici sets the multipart boundary itself, for its FormData and Node's global one alike. By tag, not
  // instanceof, so that a JSON body does not load either.
  if (Object.prototype.toString.call(body) === '[object FormData]') return { body }
  if (isStream(body)) return { body, contentType: 'application/octet-stream' }
  if (body instanceof Uint8Array) return { body, contentType: 'application/octet-stream' }
  return { body: JSON.stringify(body), contentType: 'application/json' }
}

/** Any 2xx is success; an empty one is undefined; JSON when labelled (or unlabelled and parseable), else text. */
function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text === '') return undefined
  const type = String(contentType ?? '')
  if (type && !/json/i.test(type)) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The system or undici error code of a failed request (ECONNRESET, UND_ERR_SOCKET…), looking into causes. */
/** `dispatcher.request` at an absolute URL, as undici's top-level `request()` does without its whole index. */
export function requestAt(
  dispatcher: Dispatcher,
  url: string,
  opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>,
): Promise<Dispatcher.ResponseData> {
  const { origin, pathname, search } = new URL(url)
  return dispatcher.request({ ...opts, origin, path: pathname + search })
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') return code
  return errorCode((err as { cause?: unknown }).cause)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
