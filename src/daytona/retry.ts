// The retry policy, as pure functions so it can be unit-tested without a network.
// What is retried, and why:
// - connect-phase failures (nothing reached the server): any method;
// - resets / "socket hang up" (stale keep-alive sockets after a load-balancer rollout): idempotent only;
// - 502/503/504: idempotent only (a POST /sandbox may have created the sandbox);
// - no answer within the attempt's deadline (a black-holed request): idempotent only, for the same reason;
// - 429: any method (the throttler answered before doing anything), after the server's Retry-After-<name>;
// - 409 "state change in progress": only lifecycle calls that ask for it;
// - 401: never (Daytona locks an IP out after repeated 401s, which would break every job on a shared runner).

export interface RetryPolicy {
  baseMs: number
  factor: number
  capMs: number
  maxRetries: number
  /** a pending transition (409) can take longer than a flaky network: give it more attempts */
  maxRetries409: number
  /** total time we are willing to spend sleeping between attempts of one request */
  maxTotalWaitMs: number
  /** the longest single Retry-After we honour; longer asks are given up on */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 250,
  factor: 2,
  capMs: 5000,
  maxRetries: 4,
  maxRetries409: 8,
  maxTotalWaitMs: 60_000,
  maxRetryAfterMs: 60_000,
}

/** Errors raised before the request reached the server: safe to retry for any method. */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** The connection broke after the request may have been sent: retry only if repeating is harmless. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED'])

export function isConnectPhaseCode(code: string): boolean {
  return CONNECT_PHASE_CODES.has(code)
}

export function isResetCode(code: string): boolean {
  return RESET_CODES.has(code)
}

/** Full-jitter-ish exponential backoff: attempt 0 → around baseMs, doubling up to capMs. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.capMs, policy.baseMs * policy.factor ** attempt)
  // half fixed, half random: spreads concurrent clients without ever retrying instantly
  return Math.round(exp / 2 + (exp / 2) * random())
}

type HeaderValue = string | string[] | undefined

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Seconds or an HTTP date, as Retry-After allows. */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * How long a 429 asks us to wait: the largest `Retry-After-<throttler>` (Daytona's per-throttler headers,
 * e.g. retry-after-sandbox-create), else a plain `Retry-After` (the failed-auth lockout sends that).
 * Header names must be lower-cased, as undici delivers them.
 */
export function retryAfterFromHeaders(headers: Record<string, HeaderValue>): number | undefined {
  let largest: number | undefined
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('retry-after-')) continue
    const raw = first(value)
    const ms = raw === undefined ? undefined : parseRetryAfter(raw)
    if (ms !== undefined) largest = Math.max(largest ?? 0, ms)
  }
  if (largest !== undefined) return largest
  const plain = first(headers['retry-after'])
  return plain === undefined ? undefined : parseRetryAfter(plain)
}

export interface AttemptOutcome {
  /** HTTP status, when a response arrived */
  status?: number
  /** error code of a failed connection (no response) */
  errorCode?: string
  /** no answer within the attempt's deadline */
  deadline?: boolean
  /** for 429: what the server asked for */
  retryAfterMs?: number
  /** for 409: the server message, to recognise "state change in progress" */
  message?: string
}

export interface RetryContext {
  /** retries already made (0 on the first failure) */
  retries: number
  /** ms already spent sleeping for this request */
  waitedMs: number
  idempotent: boolean
  retry409: boolean
  /** a streamed body cannot be sent twice */
  replayable: boolean
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: string }

export function decideRetry(
  outcome: AttemptOutcome,
  ctx: RetryContext,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  const no: RetryDecision = { retry: false }
  if (!ctx.replayable) return no
  const reason = retryReason(outcome, ctx)
  if (!reason) return no
  const limit = outcome.status === 409 ? policy.maxRetries409 : policy.maxRetries
  if (ctx.retries >= limit) return no
  let delayMs = backoffDelay(ctx.retries, policy, random)
  if (outcome.status === 429 && outcome.retryAfterMs !== undefined) {
    if (outcome.retryAfterMs > policy.maxRetryAfterMs) return no
    // a little jitter on top, so a fleet of runners does not come back in the same millisecond
    delayMs = outcome.retryAfterMs + Math.round(100 * random())
  }
  if (ctx.waitedMs + delayMs > policy.maxTotalWaitMs) return no
  return { retry: true, delayMs, reason }
}

function retryReason(outcome: AttemptOutcome, ctx: RetryContext): string | undefined {
  const { status, errorCode } = outcome
  if (outcome.deadline) return ctx.idempotent ? 'no answer within the deadline' : undefined
  if (status === undefined) {
    // Stryker disable next-line ConditionalExpression: neither code set holds undefined; the line says so
    if (errorCode === undefined) return undefined
    if (isConnectPhaseCode(errorCode)) return `connection failed (${errorCode})`
    if (ctx.idempotent && isResetCode(errorCode)) return `connection reset (${errorCode})`
    return undefined
  }
  // Stryker disable next-line ConditionalExpression: no rule below takes a 401 either; this one says never, whatever is added below
  if (status === 401) return undefined
  if (status === 429) return 'rate limited (429)'
  if (ctx.idempotent && (status === 502 || status === 503 || status === 504))
    return `server unavailable (${status})`
  // Stryker disable next-line StringLiteral: any stand-in for a missing message fails the pattern the same
  if (status === 409 && ctx.retry409 && /state change in progress/i.test(outcome.message ?? '')) {
    return 'state change in progress (409)'
  }
  return undefined
}
