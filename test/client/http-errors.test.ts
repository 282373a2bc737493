// Every error class and the retry policy, over real HTTP against the emulator, with injected faults and
// the emulator's per-route request counters as the witness of how many attempts were made.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  DaytonaError,
  DeadlineError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableError,
} from '../../src/daytona/errors.ts'
import type { RetryInfo } from '../../src/daytona/http.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

// A key that is easy to spot anywhere it should not be.
const API_KEY = `dtn_${randomUUID().replaceAll('-', '')}`
// Small but real backoff, so retry tests stay quick.
const FAST = { baseMs: 20, capMs: 200 }

let h: EmulatorHarness
let client: Daytona
let retries: RetryInfo[] = []
let sandboxId: string

beforeAll(async () => {
  h = await withEmulator({ apiKey: API_KEY })
  client = new Daytona({
    apiUrl: h.apiUrl,
    apiKey: API_KEY,
    retryPolicy: FAST,
    onRetry: (_m, info) => retries.push(info),
  })
  sandboxId = (await client.sandboxes.create({})).id
})

afterAll(async () => {
  await client?.close()
  await h?.close()
})

beforeEach(async () => {
  await h.admin.clearFaults()
  await h.admin.resetRequests()
  retries = []
})

const GET_ONE = 'GET /api/sandbox/{idOrName}'
const CREATE = 'POST /api/sandbox'
const count = async (route: string) => (await h.admin.requests()).routes[route] ?? 0
const caught = <T>(p: Promise<T>) => p.then(
  () => {
    throw new Error('expected a rejection')
  },
  (e: unknown) => e as DaytonaError,
)

describe('error classes', () => {
  it('400 → BadRequestError with the server message', async () => {
    const err = await caught(client.sandboxes.create({ autoStopInterval: 1.5 }))
    expect(err).toBeInstanceOf(BadRequestError)
    expect(err.status).toBe(400)
    expect(err.method).toBe('POST')
    expect(err.path).toBe('/api/sandbox')
    expect(err.message).toMatch(/^POST \/api\/sandbox → 400: .*autoStopInterval/)
  })

  it('401 → AuthenticationError, tried exactly once', async () => {
    const wrong = new Daytona({ apiUrl: h.apiUrl, apiKey: 'dtn_wrong', retryPolicy: FAST })
    try {
      const err = await caught(wrong.sandboxes.get(sandboxId))
      expect(err).toBeInstanceOf(AuthenticationError)
      expect(err.status).toBe(401)
      expect(await count(GET_ONE)).toBe(1)
    } finally {
      await wrong.close()
    }
  })

  it('403, 410, 422 → ForbiddenError, GoneError, UnprocessableError (not retried)', async () => {
    const cases = [
      [403, ForbiddenError],
      [410, GoneError],
      [422, UnprocessableError],
    ] as const
    for (const [status, cls] of cases) {
      await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status, times: 1 })
      const err = await caught(client.sandboxes.get(sandboxId))
      expect(err).toBeInstanceOf(cls)
      expect(err.status).toBe(status)
    }
    expect(await count(GET_ONE)).toBe(3)
    expect(retries).toEqual([])
  })

  it('404 → NotFoundError, from the API and from the toolbox', async () => {
    const missing = randomUUID()
    const err = await caught(client.sandboxes.get(missing))
    expect(err).toBeInstanceOf(NotFoundError)
    expect(err.serverMessage).toContain(missing)

    const sb = await client.sandboxes.get(sandboxId)
    const fileErr = await caught(client.toolbox(sb).files.download('missing.txt'))
    expect(fileErr).toBeInstanceOf(NotFoundError)
    // the daemon answers this one with an empty body (gin AbortWithError): the path says what failed
    expect(fileErr.message).toBe(`GET /toolbox/${sandboxId}/files/download → 404`)
  })

  it('409 → ConflictError for a duplicate name, not retried', async () => {
    const name = `dup-${randomUUID()}`
    await client.sandboxes.create({ name })
    await h.admin.resetRequests()
    const err = await caught(client.sandboxes.create({ name }))
    expect(err).toBeInstanceOf(ConflictError)
    expect(err.serverMessage).toContain('already exists')
    expect(await count(CREATE)).toBe(1)
  })

  it('5xx → ServerError; an empty 502 body still gives a clear message', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 500, times: 1 })
    const err = await caught(client.sandboxes.get(sandboxId))
    expect(err).toBeInstanceOf(ServerError)
    expect(await count(GET_ONE)).toBe(1)

    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 502, emptyBody: true })
    const bad = await caught(client.sandboxes.get(sandboxId))
    expect(bad).toBeInstanceOf(ServerError)
    expect(bad.message).toBe(`GET /api/sandbox/${sandboxId} → 502`)
    // 1 + maxRetries (4)
    expect(await count(GET_ONE)).toBe(1 + 5)
  })

  it('connection refused → ConnectionError with the socket code, after retries', async () => {
    const port = await closedPort()
    const seen: RetryInfo[] = []
    const dead = new Daytona({
      apiUrl: `http://127.0.0.1:${port}/api`,
      apiKey: API_KEY,
      retryPolicy: FAST,
      onRetry: (_m, i) => seen.push(i),
    })
    try {
      const err = await caught(dead.sandboxes.create({}))
      expect(err).toBeInstanceOf(ConnectionError)
      expect(err.code).toBe('ECONNREFUSED')
      // connect-phase: retried even for the POST that creates
      expect(seen.length).toBe(4)
      expect(seen[0].reason).toContain('ECONNREFUSED')
    } finally {
      await dead.close()
    }
  })

  it('our own deadline → DeadlineError, which is a TimeoutError', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', latencyMs: 1500, times: 1 })
    const quick = new Daytona({ apiUrl: h.apiUrl, apiKey: API_KEY, timeoutMs: 200 })
    try {
      const err = await caught(quick.sandboxes.get(sandboxId))
      expect(err).toBeInstanceOf(DeadlineError)
      expect(err).toBeInstanceOf(TimeoutError)
      expect(err.message).toBe(`GET /api/sandbox/${sandboxId} → no answer within 200 ms`)
    } finally {
      await quick.close()
    }
  })
})

describe('retries', () => {
  it('retries a GET through two 503s: 3 requests, then success', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 503, times: 2 })
    const sb = await client.sandboxes.get(sandboxId)
    expect(sb.id).toBe(sandboxId)
    expect(await count(GET_ONE)).toBe(3)
    expect(retries.map((r) => r.reason)).toEqual(['server unavailable (503)', 'server unavailable (503)'])
  })

  it('waits for Retry-After-sandbox-create on a 429 and then creates', async () => {
    await h.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 429,
      throttler: 'sandbox-create',
      retryAfterSeconds: 1,
      times: 1,
    })
    const sb = await client.sandboxes.create({})
    expect(sb.state).toBe('started')
    expect(await count(CREATE)).toBe(2)
    expect(retries).toHaveLength(1)
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(1000)
  })

  it('gives up at once on a 429 asking for longer than the policy allows, exposing retryAfterMs', async () => {
    await h.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 429,
      throttler: 'sandbox-create',
      retryAfterSeconds: 3600,
      times: 1,
    })
    const err = await caught(client.sandboxes.create({}))
    expect(err).toBeInstanceOf(RateLimitError)
    expect((err as RateLimitError).retryAfterMs).toBe(3_600_000)
    expect(await count(CREATE)).toBe(1)
  })

  it('retries a GET whose connection was dropped', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', drop: true, times: 1 })
    expect((await client.sandboxes.get(sandboxId)).id).toBe(sandboxId)
    expect(await count(GET_ONE)).toBe(2)
  })

  it('does NOT retry POST /sandbox on a 503 or a dropped connection (it may have created one)', async () => {
    await h.admin.faults({ method: 'POST', path: '^/api/sandbox$', status: 503, times: 1 })
    expect(await caught(client.sandboxes.create({}))).toBeInstanceOf(ServerError)
    expect(await count(CREATE)).toBe(1)

    await h.admin.faults({ method: 'POST', path: '^/api/sandbox$', drop: true, times: 1 })
    const err = await caught(client.sandboxes.create({}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(await count(CREATE)).toBe(2)
    expect(retries).toEqual([])
  })

  it('retries toolbox GETs too (the proxy answers 502 with an empty body)', async () => {
    const sb = await client.sandboxes.get(sandboxId)
    await h.admin.faults({ method: 'GET', path: '/work-dir$', status: 502, emptyBody: true, times: 1 })
    expect(await client.toolbox(sb).workDir()).toMatch(/^\//)
    expect(await count('GET /toolbox/{sandboxId}/work-dir')).toBe(2)
  })
})

describe('secrets', () => {
  it('never puts the API key in an error message, its JSON, its stack or its inspection', async () => {
    const errors: unknown[] = []
    const wrong = new Daytona({ apiUrl: h.apiUrl, apiKey: `${API_KEY}x`, retryPolicy: FAST })
    errors.push(await caught(wrong.sandboxes.get(sandboxId)))
    await wrong.close()
    errors.push(await caught(client.sandboxes.get(randomUUID())))
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 503 })
    errors.push(await caught(client.sandboxes.get(sandboxId)))
    await h.admin.clearFaults()
    const dead = new Daytona({ apiUrl: `http://127.0.0.1:${await closedPort()}/api`, apiKey: API_KEY, retryPolicy: FAST })
    errors.push(await caught(dead.sandboxes.list({ labels: { a: 'b' } }).next()))
    await dead.close()
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', latencyMs: 500, times: 1 })
    const quick = new Daytona({ apiUrl: h.apiUrl, apiKey: API_KEY, timeoutMs: 100 })
    errors.push(await caught(quick.sandboxes.get(sandboxId)))
    await quick.close()

    expect(errors.map((e) => (e as Error).constructor.name)).toEqual([
      'AuthenticationError',
      'NotFoundError',
      'ServerError',
      'ConnectionError',
      'DeadlineError',
    ])
    for (const err of errors) {
      const e = err as Error
      for (const text of [e.message, e.stack ?? '', JSON.stringify(e), String(e), inspect(e, { depth: 10 })]) {
        expect(text).not.toContain(API_KEY)
        expect(text).not.toContain('Bearer')
      }
    }
    // and no query strings either: the labels filter stayed out of the message
    expect((errors[3] as Error).message).not.toContain('labels')
  })
})

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}
