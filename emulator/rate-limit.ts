// Daytona's throttlers (§5.3): per-organization fixed windows named `authenticated`, `sandbox-create` and
// `sandbox-lifecycle`, and the per-IP failed-auth lockout that answers 429 even to valid keys.

export type ThrottlerName = 'authenticated' | 'sandbox-create' | 'sandbox-lifecycle'

export interface RateLimitOptions {
  authenticated: number
  'sandbox-create': number
  'sandbox-lifecycle': number
  /** window of the three throttlers */
  windowMs: number
  /** 401s from one IP within failedAuthWindowMs before every request from it gets 429 */
  'failed-auth': number
  failedAuthWindowMs: number
}

/** Tier 1 limits per minute. */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  authenticated: 10_000,
  'sandbox-create': 300,
  'sandbox-lifecycle': 10_000,
  windowMs: 60_000,
  'failed-auth': 20,
  failedAuthWindowMs: 60_000,
}

export interface ThrottleResult {
  blocked: boolean
  headers: Record<string, string>
}

interface Window {
  start: number
  hits: number
}

export class RateLimiter {
  private readonly opts: RateLimitOptions
  private readonly windows = new Map<string, Window>()
  private readonly failedAuth = new Map<string, Window>()

  constructor(opts: RateLimitOptions) {
    this.opts = opts
  }

  private window(map: Map<string, Window>, key: string, windowMs: number, now: number): Window {
    let w = map.get(key)
    if (!w || now - w.start >= windowMs) {
      w = { start: now, hits: 0 }
      map.set(key, w)
    }
    return w
  }

  /** Counts one request against `name`; the headers go on the response whether or not it is blocked. */
  hit(name: ThrottlerName, now = Date.now()): ThrottleResult {
    const limit = this.opts[name]
    const w = this.window(this.windows, name, this.opts.windowMs, now)
    w.hits++
    const resetSeconds = Math.max(1, Math.ceil((w.start + this.opts.windowMs - now) / 1000))
    const blocked = w.hits > limit
    const headers: Record<string, string> = {
      [`X-RateLimit-Limit-${name}`]: String(limit),
      [`X-RateLimit-Remaining-${name}`]: String(Math.max(0, limit - w.hits)),
      [`X-RateLimit-Reset-${name}`]: String(resetSeconds),
    }
    if (blocked) headers[`Retry-After-${name}`] = String(resetSeconds)
    return { blocked, headers }
  }

  /** The failed-auth lockout: checked before authentication, per client IP. */
  lockout(ip: string, now = Date.now()): ThrottleResult {
    const w = this.failedAuth.get(ip)
    const limit = this.opts['failed-auth']
    if (!w || now - w.start >= this.opts.failedAuthWindowMs || w.hits < limit)
      return { blocked: false, headers: {} }
    const retryAfter = String(Math.max(1, Math.ceil((w.start + this.opts.failedAuthWindowMs - now) / 1000)))
    return {
      blocked: true,
      headers: {
        'Retry-After': retryAfter,
        'X-RateLimit-Limit-failed-auth': String(limit),
        'X-RateLimit-Remaining-failed-auth': '0',
        'X-RateLimit-Reset-failed-auth': retryAfter,
      },
    }
  }

  recordAuthFailure(ip: string, now = Date.now()): void {
    this.window(this.failedAuth, ip, this.opts.failedAuthWindowMs, now).hits++
  }
}
