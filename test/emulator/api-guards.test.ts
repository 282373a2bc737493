// Authentication, throttling, fault injection and request counters.
import { fetch, WebSocket } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'
import { useEmulator } from './api-harness.ts'

const h = useEmulator()
afterEach(() => h.admin.clearFaults())

describe('authentication', () => {
  it('answers 401 in the API shape without a valid key', async () => {
    const res = await h.api('GET', '/sandbox', undefined, { authorization: 'Bearer wrong-key' })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', path: '/api/sandbox' })
    expect(JSON.stringify(res.body)).not.toContain('wrong-key')
  })

  it('answers 401 in the proxy shape on the toolbox', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const res = await h.api(
      'POST',
      `/toolbox/${sb.id}/process/execute`,
      { command: 'true' },
      { authorization: '' },
    )
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', method: 'POST' })
    expect(res.body.message).toMatch(/^unauthorized: authentication failed: /)
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('locks out an IP after too many 401s, even for valid keys', async () => {
    const locked = await withEmulator({ rateLimits: { 'failed-auth': 3 } })
    try {
      for (let i = 0; i < 3; i++) {
        expect((await locked.api('GET', '/sandbox', undefined, { authorization: 'Bearer bad' })).status).toBe(
          401,
        )
      }
      const valid = await locked.api('GET', '/sandbox')
      expect(valid.status).toBe(429)
      expect(Number(valid.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(valid.headers.get('x-ratelimit-limit-failed-auth')).toBe('3')
    } finally {
      await locked.close()
    }
  })
})

describe('rate limits', () => {
  it('sends throttler headers and 429 with Retry-After-<name>', async () => {
    const limits = await withEmulator({ rateLimits: { 'sandbox-create': 3, authenticated: 1000 } })
    try {
      await checkThrottling(limits)
    } finally {
      await limits.close()
    }
  })
})

/** Tier limits are per window; this emulator allows 3 creates per window. */
async function checkThrottling(limits: EmulatorHarness) {
  const list = await limits.api('GET', '/sandbox')
  expect(list.headers.get('x-ratelimit-limit-authenticated')).toBe('1000')
  expect(list.headers.get('x-ratelimit-remaining-authenticated')).toBe('999')
  expect(Number(list.headers.get('x-ratelimit-reset-authenticated'))).toBeGreaterThan(0)
  expect(list.headers.get('x-ratelimit-limit-sandbox-create')).toBeNull()

  const answers = []
  for (let i = 0; i < 4; i++) {
    answers.push(await limits.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' } }))
  }
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429])
  for (const a of answers) expect(a.headers.get('x-ratelimit-limit-sandbox-create')).toBe('3')
  const limited = answers[3]
  expect(limited.body).toMatchObject({
    statusCode: 429,
    error: 'Too Many Requests',
    message: 'ThrottlerException: Too Many Requests',
  })
  expect(Number(limited.headers.get('retry-after-sandbox-create'))).toBeGreaterThan(0)
  expect(limited.headers.get('retry-after')).toBeNull()
  // create counts only against sandbox-create; lifecycle routes only against sandbox-lifecycle
  expect(limited.headers.get('x-ratelimit-limit-authenticated')).toBeNull()
  const del = await limits.api('DELETE', `/sandbox/${answers[0].body.id}`)
  expect(del.headers.get('x-ratelimit-limit-sandbox-lifecycle')).toBe('10000')
  expect(del.headers.get('x-ratelimit-limit-authenticated')).toBeNull()
}

describe('faults', () => {
  it('answers with an injected status, body and headers a limited number of times', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/regions$', status: 503, times: 1 })
    const first = await h.api('GET', '/regions')
    expect(first.status).toBe(503)
    expect(first.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' })
    expect((await h.api('GET', '/regions')).status).toBe(200)

    await h.admin.faults({
      path: '^/api/regions$',
      status: 429,
      throttler: 'authenticated',
      retryAfterSeconds: 7,
    })
    const limited = await h.api('GET', '/regions')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after-authenticated')).toBe('7')

    await h.admin.clearFaults()
    await h.admin.faults({ path: '^/api/regions$', status: 502, emptyBody: true })
    const empty = await h.api('GET', '/regions')
    expect(empty.status).toBe(502)
    expect(empty.body).toBe('')
  })

  it('drops the connection without an answer', async () => {
    await h.admin.faults({ path: '^/api/regions$', drop: true, times: 1 })
    await expect(
      fetch(`${h.apiUrl}/regions`, { headers: { authorization: `Bearer ${h.apiKey}` } }),
    ).rejects.toThrow()
    expect((await h.api('GET', '/regions')).status).toBe(200)
  })

  it('delays an answer by latencyMs and still answers normally', async () => {
    await h.admin.faults({ path: '^/api/regions$', latencyMs: 1500, times: 1 })
    let slowDone = false
    const slow = h.api('GET', '/regions').then((res) => {
      slowDone = true
      return res
    })
    // a request sent later overtakes the delayed one
    expect((await h.api('GET', '/sandbox')).status).toBe(200)
    expect(slowDone).toBe(false)
    expect((await slow).status).toBe(200)
  })

  it('answers 409 on conflict faults and leaves an errored sandbox on leaveErroredSandbox', async () => {
    await h.admin.faults({ method: 'DELETE', path: '^/api/sandbox/', conflict: true, times: 1 })
    const sb = (await h.api('POST', '/sandbox', {})).body
    const conflict = await h.api('DELETE', `/sandbox/${sb.id}`)
    expect(conflict.status).toBe(409)
    expect(conflict.body.message).toBe('Sandbox state change in progress')
    expect((await h.api('DELETE', `/sandbox/${sb.id}`)).status).toBe(200)

    await h.admin.faults({ method: 'POST', path: '^/api/sandbox$', leaveErroredSandbox: true, times: 1 })
    const failed = await h.api('POST', '/sandbox', { name: 'orphan', labels: { run: 'faulty' } })
    expect(failed.status).toBe(400)
    expect(failed.body.message).toMatch(/^Sandbox failed to start: /)
    const orphans = await h.api('GET', `/sandbox?labels=${encodeURIComponent('{"run":"faulty"}')}`)
    expect(orphans.body.items).toHaveLength(1)
    expect(orphans.body.items[0]).toMatchObject({ name: 'orphan', state: 'error' })
    expect((await h.api('DELETE', '/sandbox/orphan')).status).toBe(200)
    expect((await h.api('GET', '/sandbox/orphan')).status).toBe(404)
  })
})

describe('request counters', () => {
  it('counts requests by route template', async () => {
    await h.admin.resetRequests()
    const sb = (await h.api('POST', '/sandbox', {})).body
    await h.api('GET', `/sandbox/${sb.id}`)
    await h.api('GET', `/sandbox/${sb.id}`)
    await h.api('POST', `/toolbox/${sb.id}/process/session/s1/exec`, { command: 'true' })
    await h.api('DELETE', `/sandbox/${sb.id}`)
    const counts = await h.admin.requests()
    expect(counts.routes).toMatchObject({
      'POST /api/sandbox': 1,
      'GET /api/sandbox/{idOrName}': 2,
      'POST /toolbox/{sandboxId}/process/session/{sessionId}/exec': 1,
      'DELETE /api/sandbox/{idOrName}': 1,
    })
    expect(counts.total).toBe(5)
  })
})

describe('toolbox proxy', () => {
  it('refuses unknown sandboxes, names instead of ids, and sandboxes that are not started', async () => {
    const unknown = await h.api('GET', '/toolbox/00000000-0000-4000-8000-000000000000/version')
    expect(unknown.status).toBe(404)
    const sb = (await h.api('POST', '/sandbox', { name: 'proxy-by-name' })).body
    expect((await h.api('GET', '/toolbox/proxy-by-name/version')).status).toBe(404)
    await h.api('POST', `/sandbox/${sb.id}/stop`)
    const stopped = await h.api('GET', `/toolbox/${sb.id}/version`)
    expect(stopped.status).toBe(400)
    expect(stopped.body.message).toBe('no IP address found. Is the Sandbox started?')
  })

  it('routes WebSocket upgrades (log follow) after checking the key', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    expect((await h.api('POST', `/toolbox/${sb.id}/process/session`, { sessionId: 'ws' })).status).toBe(201)
    const exec = await h.api('POST', `/toolbox/${sb.id}/process/session/ws/exec`, {
      command: 'echo from-ws',
      runAsync: true,
    })
    expect(exec.status).toBe(202)
    const wsUrl = `${h.emu.origin.replace('http', 'ws')}/toolbox/${sb.id}/process/session/ws/command/${exec.body.cmdId}/logs?follow=true`

    const refused = new WebSocket(wsUrl)
    const refusedOutcome = await new Promise<string>((resolve) => {
      refused.addEventListener('open', () => resolve('open'))
      refused.addEventListener('error', () => resolve('error'))
    })
    expect(refusedOutcome).toBe('error')
    await h.admin.resetRequests()

    const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${h.apiKey}` } })
    ws.binaryType = 'arraybuffer'
    let received = ''
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('message', (e) => {
        received += Buffer.from(e.data as ArrayBuffer).toString('utf8')
        if (received.includes('from-ws')) resolve()
      })
      ws.addEventListener('error', () => reject(new Error('websocket failed')))
    })
    ws.close()
    expect(received).toContain('from-ws')
    const counts = await h.admin.requests()
    expect(
      counts.routes['GET /toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}/logs'],
    ).toBe(1)
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })
})
