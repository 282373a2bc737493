// Typed errors for every way a Daytona call can fail. Messages read `METHOD path → status code: message`
// and carry only the URL path: never a query string, a header or a request body (so never a key or token).

import { printable } from '../printable.ts'

export interface ErrorContext {
  method: string
  /** URL path only */
  path: string
  status?: number
  code?: string
  serverMessage?: string
}

export class DaytonaError extends Error {
  readonly status?: number
  readonly code?: string
  readonly method: string
  readonly path: string
  readonly serverMessage?: string

  /** `message` overrides the standard `METHOD path → status code: message` text. */
  constructor(ctx: ErrorContext, message?: string, options?: { cause?: unknown }) {
    // the server's words, printed on our log lines: kept on one line (printable.ts)
    super(printable(message ?? formatMessage(ctx)), options)
    this.name = new.target.name
    this.method = ctx.method
    this.path = ctx.path
    if (ctx.status !== undefined) this.status = ctx.status
    if (ctx.code !== undefined) this.code = ctx.code
    if (ctx.serverMessage !== undefined) this.serverMessage = ctx.serverMessage
  }
}

export class BadRequestError extends DaytonaError {}
export class AuthenticationError extends DaytonaError {}
export class ForbiddenError extends DaytonaError {}
export class NotFoundError extends DaytonaError {}
/** 408 (toolbox execute timeout), 504 (gateway), and our own deadlines (DeadlineError). */
export class TimeoutError extends DaytonaError {}
export class ConflictError extends DaytonaError {}
export class GoneError extends DaytonaError {}
export class UnprocessableError extends DaytonaError {}
export class ServerError extends DaytonaError {}

export class RateLimitError extends DaytonaError {
  /** how long the server asked us to wait, if it said */
  readonly retryAfterMs?: number
  constructor(ctx: ErrorContext, retryAfterMs?: number) {
    super(ctx)
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs
  }
}

/** No HTTP response at all: refused, reset, DNS… `code` is the socket/undici error code (e.g. ECONNREFUSED). */
export class ConnectionError extends DaytonaError {
  constructor(ctx: ErrorContext & { code: string }, detail: string, cause?: unknown) {
    super(ctx, `${ctx.method} ${ctx.path} → connection failed (${ctx.code}): ${detail}`, { cause })
  }
}

/** Our own deadline passed: an HTTP request that got no (complete) answer in time, or a state wait. */
export class DeadlineError extends TimeoutError {
  readonly timeoutMs: number
  constructor(ctx: ErrorContext, timeoutMs: number, message?: string) {
    super(ctx, message ?? `${ctx.method} ${ctx.path} → no answer within ${timeoutMs} ms`)
    this.timeoutMs = timeoutMs
  }
}

/** A sandbox or snapshot reached a state it cannot start/activate from (error, build_failed, …). */
export class StateError extends DaytonaError {
  readonly resource: 'sandbox' | 'snapshot'
  readonly id: string
  readonly state: string
  readonly errorReason?: string
  constructor(
    ctx: ErrorContext,
    info: { resource: 'sandbox' | 'snapshot'; id: string; state: string; errorReason?: string },
  ) {
    const reason = info.errorReason ? `: ${info.errorReason}` : ''
    super(ctx, `${info.resource} ${info.id} is ${info.state}${reason}`)
    this.resource = info.resource
    this.id = info.id
    this.state = info.state
    if (info.errorReason !== undefined) this.errorReason = info.errorReason
  }
}

function formatMessage(ctx: ErrorContext): string {
  const head = [ctx.status, ctx.code].filter((p) => p !== undefined && p !== '').join(' ')
  const tail = ctx.serverMessage ? `: ${ctx.serverMessage}` : ''
  return `${ctx.method} ${ctx.path} → ${head || 'error'}${tail}`
}

/** The longest server message we keep: an HTML error page should not flood a log. */
const MAX_MESSAGE = 1000

/**
 * The message of an error body, which may be empty, API-shaped ({message, error}), daemon-shaped
 * ({message, code}) or anything else (plain text, HTML): `message ?? error ?? text`.
 */
export function extractMessage(bodyText: string): { message?: string; code?: string } {
  const text = bodyText.trim()
  if (!text) return {}
  let message: string | undefined
  let code: string | undefined
  try {
    const body = JSON.parse(text) as unknown
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>
      message = stringOf(b.message) ?? stringOf(b.error)
      code = typeof b.code === 'string' ? b.code : typeof b.error_code === 'string' ? b.error_code : undefined
    }
  } catch {
    // not JSON: the text itself is the message
  }
  message ??= text
  return { message: truncate(message), code }
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value
  // class-validator lists (older NestJS shapes) arrive as arrays
  if (Array.isArray(value) && value.length) return value.map(String).join(', ')
  return undefined
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text
}

/** Builds the error class matching an HTTP error status. */
export function errorForStatus(
  ctx: { method: string; path: string; status: number },
  bodyText: string,
  retryAfterMs?: number,
): DaytonaError {
  const { message, code } = extractMessage(bodyText)
  const full: ErrorContext = { ...ctx, code, serverMessage: message }
  switch (ctx.status) {
    case 400:
      return new BadRequestError(full)
    case 401:
      return new AuthenticationError(full)
    case 403:
      return new ForbiddenError(full)
    case 404:
      return new NotFoundError(full)
    case 408:
    case 504:
      return new TimeoutError(full)
    case 409:
      return new ConflictError(full)
    case 410:
      return new GoneError(full)
    case 422:
      return new UnprocessableError(full)
    case 429:
      return new RateLimitError(full, retryAfterMs)
  }
  if (ctx.status >= 500) return new ServerError(full)
  return new DaytonaError(full)
}
