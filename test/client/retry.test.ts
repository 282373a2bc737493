import { describe, expect, it } from 'vitest'
import { buildUrl } from '../../src/daytona/http.ts'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfter,
  type RetryContext,
  retryAfterFromHeaders,
} from '../../src/daytona/retry.ts'

const get: RetryContext = { retries: 0, waitedMs: 0, idempotent: true, retry409: false, replayable: true }
const post: RetryContext = { ...get, idempotent: false }
const half = () => 0.5

describe('decideRetry', () => {
  it('retries connect-phase failures for any method', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(decideRetry({ errorCode: code }, post).retry).toBe(true)
    }
  })

  it('retries resets only for idempotent requests', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']) {
      expect(decideRetry({ errorCode: code }, get).retry).toBe(true)
      expect(decideRetry({ errorCode: code }, post).retry).toBe(false)
    }
  })

  it('retries 502/503/504 only for idempotent requests', () => {
    for (const status of [502, 503, 504]) {
      expect(decideRetry({ status }, get).retry).toBe(true)
      expect(decideRetry({ status }, post).retry).toBe(false)
    }
    expect(decideRetry({ status: 500 }, get).retry).toBe(false)
  })

  it('retries a request that got no answer within its deadline only when idempotent and replayable', () => {
    expect(decideRetry({ deadline: true }, get)).toMatchObject({
      retry: true,
      reason: 'no answer within the deadline',
    })
    expect(decideRetry({ deadline: true }, post).retry).toBe(false)
    expect(decideRetry({ deadline: true }, { ...get, replayable: false }).retry).toBe(false)
    expect(decideRetry({ deadline: true }, { ...get, retries: DEFAULT_RETRY_POLICY.maxRetries }).retry).toBe(
      false,
    )
  })

  it('never retries a 401, nor other client errors', () => {
    for (const status of [400, 401, 403, 404, 408, 410, 422])
      expect(decideRetry({ status }, get).retry).toBe(false)
  })

  it('retries 429 for any method, waiting what the server asked plus a little jitter', () => {
    const d = decideRetry({ status: 429, retryAfterMs: 3000 }, post, DEFAULT_RETRY_POLICY, half)
    expect(d).toEqual({ retry: true, delayMs: 3050, reason: 'rate limited (429)' })
  })

  it('falls back to backoff for a 429 without Retry-After', () => {
    const d = decideRetry({ status: 429 }, { ...post, retries: 2 }, DEFAULT_RETRY_POLICY, () => 0)
    expect(d).toMatchObject({ retry: true, delayMs: 500 })
  })

  it('gives up on a Retry-After longer than the policy allows', () => {
    expect(decideRetry({ status: 429, retryAfterMs: 3_600_000 }, post).retry).toBe(false)
  })

  it('retries 409 "state change in progress" only when asked, and no other 409', () => {
    const inProgress = { status: 409, message: 'Sandbox state change in progress' }
    expect(decideRetry(inProgress, get).retry).toBe(false)
    expect(decideRetry(inProgress, { ...get, retry409: true }).retry).toBe(true)
    expect(decideRetry({ status: 409, message: 'already exists' }, { ...get, retry409: true }).retry).toBe(
      false,
    )
  })

  it('never replays a streamed body', () => {
    expect(decideRetry({ errorCode: 'ECONNREFUSED' }, { ...get, replayable: false }).retry).toBe(false)
    expect(decideRetry({ status: 429 }, { ...get, replayable: false }).retry).toBe(false)
  })

  it('stops after maxRetries, and when the total wait would exceed the budget', () => {
    expect(decideRetry({ status: 503 }, { ...get, retries: 3 }).retry).toBe(true)
    expect(decideRetry({ status: 503 }, { ...get, retries: 4 }).retry).toBe(false)
    const inProgress = { status: 409, message: 'state change in progress' }
    expect(decideRetry(inProgress, { ...get, retry409: true, retries: 7 }).retry).toBe(true)
    expect(decideRetry(inProgress, { ...get, retry409: true, retries: 8 }).retry).toBe(false)
    expect(decideRetry({ status: 503 }, { ...get, waitedMs: 59_900 }).retry).toBe(false)
  })
})

describe('decideRetry at its edges', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 10_000 }

  it('waits the backoff for a 503, not a Retry-After it was not given', () => {
    expect(decideRetry({ status: 503 }, get, DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: true,
      delayMs: 188,
      reason: 'server unavailable (503)',
    })
  })

  it("keeps to the backoff for a 503 even if it carries a wait: only a 429's Retry-After is honoured", () => {
    expect(decideRetry({ status: 503, retryAfterMs: 30_000 }, get, DEFAULT_RETRY_POLICY, half)).toMatchObject(
      {
        retry: true,
        delayMs: 188,
      },
    )
  })

  it('honours a Retry-After of exactly the longest it accepts, and gives up one millisecond beyond', () => {
    expect(decideRetry({ status: 429, retryAfterMs: 10_000 }, post, policy, () => 0)).toMatchObject({
      retry: true,
      delayMs: 10_000,
    })
    expect(decideRetry({ status: 429, retryAfterMs: 10_001 }, post, policy, () => 0).retry).toBe(false)
  })

  it('spends the whole wait budget, and not a millisecond more', () => {
    const first = backoffDelay(0, DEFAULT_RETRY_POLICY, () => 0)
    const budget = DEFAULT_RETRY_POLICY.maxTotalWaitMs
    expect(
      decideRetry({ status: 503 }, { ...get, waitedMs: budget - first }, DEFAULT_RETRY_POLICY, () => 0).retry,
    ).toBe(true)
    expect(
      decideRetry({ status: 503 }, { ...get, waitedMs: budget - first + 1 }, DEFAULT_RETRY_POLICY, () => 0)
        .retry,
    ).toBe(false)
  })

  it('retries only a 409 for "state change in progress", not another status saying so', () => {
    const lifecycle = { ...get, retry409: true }
    expect(decideRetry({ status: 400, message: 'state change in progress' }, lifecycle).retry).toBe(false)
    expect(decideRetry({ status: 409 }, lifecycle).retry).toBe(false)
  })
})

describe('backoffDelay', () => {
  it('grows exponentially from the base to the cap, with jitter in the upper half', () => {
    const lo = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, DEFAULT_RETRY_POLICY, () => 0))
    const hi = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, DEFAULT_RETRY_POLICY, () => 1))
    expect(lo).toEqual([125, 250, 500, 1000, 2000, 2500, 2500])
    expect(hi).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })
})

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('0.5')).toBe(500)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000)
    expect(parseRetryAfter('soon')).toBeUndefined()
  })

  it('reads seconds around spaces and with several decimals, and nothing that only ends or starts with a number', () => {
    expect(parseRetryAfter(' 2 ')).toBe(2000)
    expect(parseRetryAfter('0.25')).toBe(250)
    expect(parseRetryAfter('x2')).toBeUndefined()
    expect(parseRetryAfter('2x')).toBeUndefined()
  })

  it('takes the largest throttler whatever the order, the first of repeated headers, and skips unreadable ones', () => {
    expect(
      retryAfterFromHeaders({ 'retry-after-authenticated': '4', 'retry-after-sandbox-create': '1' }),
    ).toBe(4000)
    expect(retryAfterFromHeaders({ 'retry-after-sandbox-create': ['3', '1'] })).toBe(3000)
    expect(
      retryAfterFromHeaders({ 'retry-after-a': undefined, 'retry-after-b': 'soon', 'retry-after': '2' }),
    ).toBe(2000)
  })

  it('prefers the largest Retry-After-<throttler>, then plain Retry-After', () => {
    expect(
      retryAfterFromHeaders({
        'retry-after-sandbox-create': '1',
        'retry-after-authenticated': '4',
        'retry-after': '9',
      }),
    ).toBe(4000)
    expect(retryAfterFromHeaders({ 'retry-after': '9' })).toBe(9000)
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset-sandbox-create': '5' })).toBeUndefined()
  })
})

describe('buildUrl', () => {
  it('encodes labels as JSON, arrays as repeated keys, and skips undefined', () => {
    const url = buildUrl('http://h/api/sandbox', {
      labels: { 'ci-run': '123' },
      states: ['started', 'stopped'],
      limit: 2,
      cursor: undefined,
      recursive: true,
    })
    expect(url).toBe(
      `http://h/api/sandbox?labels=${encodeURIComponent('{"ci-run":"123"}')}&states=started&states=stopped&limit=2&recursive=true`,
    )
    expect(buildUrl('http://h/x?follow=true', { a: 'b c' })).toBe('http://h/x?follow=true&a=b%20c')
  })
})
