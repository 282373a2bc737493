// The retry policy over real HTTP against the emulator: injected faults, and the emulator's per-route
// request counters as the witness of how many attempts were made.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import { ConnectionError, DeadlineError, RateLimitError, ServerError } from '../../src/daytona/errors.ts'
import { HttpClient, type RetryInfo } from '../../src/daytona/http.ts'
import { API_KEY, CREATE, caught, FAST, GET_ONE, useClientFixture } from './fixture.ts'

const f = useClientFixture()

describe('retries', () => {
  it('retries a GET through two 503s: 3 requests, then success', async () => {
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 503, times: 2 })
    const sb = await f.client.sandboxes.get(f.sandboxId)
    expect(sb.id).toBe(f.sandboxId)
    expect(await f.count(GET_ONE)).toBe(3)
    expect(f.retries.map((r) => r.reason)).toEqual(['server unavailable (503)', 'server unavailable (503)'])
  })

  it('waits for Retry-After-sandbox-create on a 429 and then creates', async () => {
    await f.h.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 429,
      throttler: 'sandbox-create',
      retryAfterSeconds: 1,
      times: 1,
    })
    const sb = await f.client.sandboxes.create({})
    expect(sb.state).toBe('started')
    expect(await f.count(CREATE)).toBe(2)
    expect(f.retries).toHaveLength(1)
    expect(f.retries[0].delayMs).toBeGreaterThanOrEqual(1000)
  })

  it('gives up at once on a 429 asking for longer than the policy allows, exposing retryAfterMs', async () => {
    await f.h.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 429,
      throttler: 'sandbox-create',
      retryAfterSeconds: 3600,
      times: 1,
    })
    const err = await caught(f.client.sandboxes.create({}))
    expect(err).toBeInstanceOf(RateLimitError)
    expect((err as RateLimitError).retryAfterMs).toBe(3_600_000)
    expect(await f.count(CREATE)).toBe(1)
  })

  it('retries a GET whose connection was dropped', async () => {
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', drop: true, times: 1 })
    expect((await f.client.sandboxes.get(f.sandboxId)).id).toBe(f.sandboxId)
    expect(await f.count(GET_ONE)).toBe(2)
  })

  it('does NOT retry POST /sandbox on a 503 or a dropped connection (it may have created one)', async () => {
    await f.h.admin.faults({ method: 'POST', path: '^/api/sandbox$', status: 503, times: 1 })
    expect(await caught(f.client.sandboxes.create({}))).toBeInstanceOf(ServerError)
    expect(await f.count(CREATE)).toBe(1)

    await f.h.admin.faults({ method: 'POST', path: '^/api/sandbox$', drop: true, times: 1 })
    const err = await caught(f.client.sandboxes.create({}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(await f.count(CREATE)).toBe(2)
    expect(f.retries).toEqual([])
  })

  it('retries a GET that got no answer within its deadline: the second attempt answers', async () => {
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', latencyMs: 3000, times: 1 })
    const { quick, seen } = impatientClient()
    try {
      expect((await quick.sandboxes.get(f.sandboxId)).id).toBe(f.sandboxId)
      expect(await f.count(GET_ONE)).toBe(2)
      expect(seen.map((r) => r.reason)).toEqual(['no answer within the deadline'])
    } finally {
      await quick.close()
    }
  })

  it('does NOT retry a POST /sandbox that got no answer within its deadline (it may have created one)', async () => {
    await f.h.admin.faults({ method: 'POST', path: '^/api/sandbox$', latencyMs: 3000, times: 1 })
    const { quick, seen } = impatientClient()
    try {
      expect(await caught(quick.sandboxes.create({}))).toBeInstanceOf(DeadlineError)
      expect(await f.count(CREATE)).toBe(1)
      expect(seen).toEqual([])
    } finally {
      await quick.close()
    }
  })

  it('retries toolbox GETs too (the proxy answers 502 with an empty body)', async () => {
    const sb = await f.client.sandboxes.get(f.sandboxId)
    await f.h.admin.faults({ method: 'GET', path: '/work-dir$', status: 502, emptyBody: true, times: 1 })
    expect(await f.client.toolbox(sb).workDir()).toMatch(/^\//)
    expect(await f.count('GET /toolbox/{sandboxId}/work-dir')).toBe(2)
  })
})

describe('retry mechanics', () => {
  it('waits what Retry-After-<throttler> or plain Retry-After says, through the injectable sleep', async () => {
    const asked: number[] = []
    // the sleep is injectable (a unit-test seam): no need to wait 30 s for real
    const http = new HttpClient({
      apiKey: API_KEY,
      sleep: async (ms) => void asked.push(ms),
      random: () => 0,
    })
    try {
      await f.h.admin.faults({
        method: 'GET',
        path: '^/api/sandbox/[^/]+$',
        status: 429,
        throttler: 'sandbox-lifecycle',
        retryAfterSeconds: 30,
        times: 1,
      })
      await f.h.admin.faults({
        method: 'GET',
        path: '^/api/sandbox/[^/]+$',
        status: 429,
        retryAfterSeconds: 7,
        times: 1,
      })
      const sb = await http.request<{ id: string }>({
        method: 'GET',
        url: `${f.h.apiUrl}/sandbox/${f.sandboxId}`,
      })
      expect(sb.id).toBe(f.sandboxId)
      expect(asked).toEqual([30_000, 7000])
      expect(await f.count(GET_ONE)).toBe(3)
    } finally {
      await http.close()
    }
  })

  it('never replays a streamed request body', async () => {
    await f.h.admin.faults({ method: 'PUT', path: '/labels$', status: 503, times: 1 })
    const err = await caught(
      f.client.http.request({
        method: 'PUT',
        url: `${f.h.apiUrl}/sandbox/${f.sandboxId}/labels`,
        body: Readable.from([JSON.stringify({ labels: { a: 'b' } })]),
      }),
    )
    expect(err).toBeInstanceOf(ServerError)
    expect(await f.count('PUT /api/sandbox/{idOrName}/labels')).toBe(1)
  })
})

/** A client whose requests give up after 300 ms, recording its retries. */
function impatientClient(): { quick: Daytona; seen: RetryInfo[] } {
  const seen: RetryInfo[] = []
  const quick = new Daytona({
    apiUrl: f.h.apiUrl,
    apiKey: API_KEY,
    timeoutMs: 300,
    retryPolicy: FAST,
    onRetry: (_m, info) => seen.push(info),
  })
  return { quick, seen }
}
