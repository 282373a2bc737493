// Every error class, over real HTTP against the emulator (faults stand in for what it does not produce
// naturally), and the promise that no error ever carries the API key.
import { randomUUID } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  DeadlineError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  ServerError,
  TimeoutError,
  UnprocessableError,
} from '../../src/daytona/errors.ts'
import type { RetryInfo } from '../../src/daytona/http.ts'
import { API_KEY, CREATE, caught, closedPort, FAST, GET_ONE, useClientFixture } from './fixture.ts'

const f = useClientFixture()

describe('error classes', () => {
  it('400 → BadRequestError with the server message', async () => {
    const err = await caught(f.client.sandboxes.create({ autoStopInterval: 1.5 }))
    expect(err).toBeInstanceOf(BadRequestError)
    expect(err.status).toBe(400)
    expect(err.method).toBe('POST')
    expect(err.path).toBe('/api/sandbox')
    expect(err.message).toMatch(/^POST \/api\/sandbox → 400: .*autoStopInterval/)
  })

  it('401 → AuthenticationError, tried exactly once', async () => {
    const wrong = new Daytona({ apiUrl: f.h.apiUrl, apiKey: 'dtn_wrong', retryPolicy: FAST })
    try {
      const err = await caught(wrong.sandboxes.get(f.sandboxId))
      expect(err).toBeInstanceOf(AuthenticationError)
      expect(err.status).toBe(401)
      expect(await f.count(GET_ONE)).toBe(1)
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
      await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status, times: 1 })
      const err = await caught(f.client.sandboxes.get(f.sandboxId))
      expect(err).toBeInstanceOf(cls)
      expect(err.status).toBe(status)
    }
    expect(await f.count(GET_ONE)).toBe(3)
    expect(f.retries).toEqual([])
  })

  it('404 → NotFoundError, from the API and from the toolbox', async () => {
    const missing = randomUUID()
    const err = await caught(f.client.sandboxes.get(missing))
    expect(err).toBeInstanceOf(NotFoundError)
    expect(err.serverMessage).toContain(missing)

    const sb = await f.client.sandboxes.get(f.sandboxId)
    const fileErr = await caught(f.client.toolbox(sb).files.download('missing.txt'))
    expect(fileErr).toBeInstanceOf(NotFoundError)
    // the daemon answers this one with an empty body (gin AbortWithError): the path says what failed
    expect(fileErr.message).toBe(`GET /toolbox/${f.sandboxId}/files/download → 404`)
  })

  it('409 → ConflictError for a duplicate name, not retried', async () => {
    const name = `dup-${randomUUID()}`
    await f.client.sandboxes.create({ name })
    await f.h.admin.resetRequests()
    const err = await caught(f.client.sandboxes.create({ name }))
    expect(err).toBeInstanceOf(ConflictError)
    expect(err.serverMessage).toContain('already exists')
    expect(await f.count(CREATE)).toBe(1)
  })

  it('5xx → ServerError; an empty 502 body still gives a clear message', async () => {
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 500, times: 1 })
    const err = await caught(f.client.sandboxes.get(f.sandboxId))
    expect(err).toBeInstanceOf(ServerError)
    expect(await f.count(GET_ONE)).toBe(1)

    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 502, emptyBody: true })
    const bad = await caught(f.client.sandboxes.get(f.sandboxId))
    expect(bad).toBeInstanceOf(ServerError)
    expect(bad.message).toBe(`GET /api/sandbox/${f.sandboxId} → 502`)
    // 1 + maxRetries (4)
    expect(await f.count(GET_ONE)).toBe(1 + 5)
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

  it('our own deadline, every attempt → DeadlineError, which is a TimeoutError', async () => {
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', latencyMs: 1500 })
    const quick = new Daytona({ apiUrl: f.h.apiUrl, apiKey: API_KEY, timeoutMs: 200, retryPolicy: FAST })
    try {
      const err = await caught(quick.sandboxes.get(f.sandboxId))
      expect(err).toBeInstanceOf(DeadlineError)
      expect(err).toBeInstanceOf(TimeoutError)
      expect(err.message).toBe(`GET /api/sandbox/${f.sandboxId} → no answer within 200 ms`)
    } finally {
      await quick.close()
    }
  })
})

describe('secrets', () => {
  it('never puts the API key in an error message, its JSON, its stack or its inspection', async () => {
    const errors: unknown[] = []
    const wrong = new Daytona({ apiUrl: f.h.apiUrl, apiKey: `${API_KEY}x`, retryPolicy: FAST })
    errors.push(await caught(wrong.sandboxes.get(f.sandboxId)))
    await wrong.close()
    errors.push(await caught(f.client.sandboxes.get(randomUUID())))
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', status: 503 })
    errors.push(await caught(f.client.sandboxes.get(f.sandboxId)))
    await f.h.admin.clearFaults()
    const dead = new Daytona({
      apiUrl: `http://127.0.0.1:${await closedPort()}/api`,
      apiKey: API_KEY,
      retryPolicy: FAST,
    })
    errors.push(await caught(dead.sandboxes.list({ labels: { a: 'b' } }).next()))
    await dead.close()
    await f.h.admin.faults({ method: 'GET', path: '^/api/sandbox/[^/]+$', latencyMs: 500 })
    const quick = new Daytona({ apiUrl: f.h.apiUrl, apiKey: API_KEY, timeoutMs: 100, retryPolicy: FAST })
    errors.push(await caught(quick.sandboxes.get(f.sandboxId)))
    await quick.close()
    await f.h.admin.clearFaults()

    expect(errors.map((e) => (e as Error).constructor.name)).toEqual([
      'AuthenticationError',
      'NotFoundError',
      'ServerError',
      'ConnectionError',
      'DeadlineError',
    ])
    for (const err of errors) {
      const e = err as Error
      for (const text of [
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        String(e),
        inspect(e, { depth: 10 }),
      ]) {
        expect(text).not.toContain(API_KEY)
        expect(text).not.toContain('Bearer')
      }
    }
    // and no query strings either: the labels filter stayed out of the message
    expect((errors[3] as Error).message).not.toContain('labels')
  })
})
