// Sandbox lifecycle over real HTTP against the emulator: create, wait, list, intervals, delete.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import {
  BadRequestError,
  DeadlineError,
  NotFoundError,
  StateError,
  TimeoutError,
} from '../../src/daytona/errors.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

let h: EmulatorHarness
let client: Daytona
const retries: string[] = []

beforeAll(async () => {
  // Creation takes longer than the server-side wait, so create answers `creating` and the client must wait.
  h = await withEmulator({ delays: { createMs: 600, createWaitMs: 50 } })
  client = new Daytona({ apiUrl: h.apiUrl, apiKey: h.apiKey, onRetry: (m) => retries.push(m) })
})

afterAll(async () => {
  await client?.close()
  await h?.close()
})

beforeEach(async () => {
  await h.admin.clearFaults()
  await h.admin.resetRequests()
  retries.length = 0
})

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('sandbox lifecycle', () => {
  it('creates, waits until started, deletes, and then answers 404', async () => {
    const name = `life-${randomUUID()}`
    const created = await client.sandboxes.create({ name, labels: { suite: 'client' } })
    expect(created.name).toBe(name)
    expect(created.state).toBe('creating')

    const states: string[] = []
    const started = await client.sandboxes.waitUntilStarted(created.id, {
      timeoutMs: 10_000,
      onState: (s) => states.push(s),
    })
    expect(started.state).toBe('started')
    expect(states[0]).toBe('creating')
    expect(states.at(-1)).toBe('started')
    expect((await client.sandboxes.get(name)).id).toBe(created.id)

    await client.sandboxes.delete(created.id)
    const gone = await until(
      () =>
        client.sandboxes.get(created.id).then(
          () => undefined,
          (err: unknown) => err,
        ),
      'the sandbox to be gone',
    )
    expect(gone).toBeInstanceOf(NotFoundError)
    expect((gone as NotFoundError).status).toBe(404)
    // the name is free again at once
    const again = await client.sandboxes.create({ name })
    expect(again.id).not.toBe(created.id)
    await client.sandboxes.waitUntilStarted(again.id, { timeoutMs: 10_000 })
    await client.sandboxes.delete(again.id)
  })

  it('retries a delete while the sandbox is still creating (409 state change in progress)', async () => {
    const created = await client.sandboxes.create({})
    expect(created.state).toBe('creating')
    await client.sandboxes.delete(created.id)
    const { routes } = await h.admin.requests()
    expect(routes['DELETE /api/sandbox/{idOrName}']).toBeGreaterThan(1)
    expect(retries.some((m) => m.includes('state change in progress'))).toBe(true)
  })

  it('retries an injected 409 conflict on delete, then succeeds', async () => {
    const sb = await client.sandboxes.create({})
    await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 })
    await h.admin.resetRequests()
    await h.admin.faults({ method: 'DELETE', path: '^/api/sandbox/[^/]+$', conflict: true, times: 2 })
    await client.sandboxes.delete(sb.id)
    expect((await h.admin.requests()).routes['DELETE /api/sandbox/{idOrName}']).toBe(3)
  })

  it('throws NotFoundError when deleting a sandbox that does not exist', async () => {
    await expect(client.sandboxes.delete(randomUUID())).rejects.toBeInstanceOf(NotFoundError)
  })

  it('fails the wait with the errorReason when the sandbox ends in error', async () => {
    const run = randomUUID()
    await h.admin.faults({ method: 'POST', path: '^/api/sandbox$', leaveErroredSandbox: true, times: 1 })
    const err = await client.sandboxes.create({ labels: { run } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BadRequestError)
    expect((err as Error).message).toContain('Sandbox failed to start')
    // the client never learned the id: find the orphan by its label, as the action's cleanup does
    const [orphan] = await until(async () => {
      const found = []
      for await (const s of client.sandboxes.list({ labels: { run } })) found.push(s)
      return found.length ? found : undefined
    }, 'the orphan to be listed')
    expect(orphan.state).toBe('error')
    const failed = await client.sandboxes
      .waitUntilStarted(orphan.id, { timeoutMs: 5000 })
      .catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(StateError)
    expect((failed as StateError).state).toBe('error')
    expect((failed as StateError).errorReason).toBeTruthy()
    expect((failed as Error).message).toContain((failed as StateError).errorReason)
    await client.sandboxes.delete(orphan.id)
  })

  it('times out a wait with a DeadlineError (a TimeoutError) after a last refresh', async () => {
    const sb = await client.sandboxes.create({})
    await h.admin.resetRequests()
    const err = await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 100 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DeadlineError)
    expect(err).toBeInstanceOf(TimeoutError)
    expect((err as Error).message).toContain('creating')
    expect((await h.admin.requests()).routes['GET /api/sandbox/{idOrName}']).toBeGreaterThanOrEqual(2)
    await client.sandboxes.delete(sb.id)
  })
})

describe('listing', () => {
  it('filters by labels and follows the cursor across pages', async () => {
    const run = randomUUID()
    const mine = await Promise.all(
      [0, 1, 2].map((i) =>
        client.sandboxes.create({ name: `list-${run}-${i}`, labels: { run, i: String(i) } }),
      ),
    )
    const other = await client.sandboxes.create({ labels: { run: 'someone-else' } })
    await h.admin.resetRequests()

    const seen = []
    for await (const s of client.sandboxes.list({ labels: { run }, limit: 2 })) seen.push(s)
    expect(seen.map((s) => s.id).sort()).toEqual(mine.map((s) => s.id).sort())
    expect((await h.admin.requests()).routes['GET /api/sandbox']).toBe(2)

    // containment: both pairs must match
    const one = []
    for await (const s of client.sandboxes.list({ labels: { run, i: '1' } })) one.push(s.name)
    expect(one).toEqual([`list-${run}-1`])

    // name is a prefix filter; states are repeated keys
    const byName = []
    for await (const s of client.sandboxes.list({ name: `list-${run}-`, states: ['creating', 'started'] })) {
      byName.push(s.id)
    }
    expect(byName.sort()).toEqual(mine.map((s) => s.id).sort())

    for (const s of [...mine, other]) await client.sandboxes.delete(s.id)
  })
})

describe('intervals', () => {
  it('sets auto-stop and TTL in minutes', async () => {
    const sb = await client.sandboxes.create({})
    await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 })
    await client.sandboxes.setAutostop(sb.id, 0)
    const ttlFrom = Date.now()
    await client.sandboxes.setTtl(sb.id, 30)
    const after = await client.sandboxes.get(sb.id)
    expect(after.autoStopInterval).toBe(0)
    // the TTL counts from when it was set
    const destroyAt = Date.parse(after.autoDestroyAt ?? '')
    expect(destroyAt - ttlFrom).toBeGreaterThanOrEqual(30 * 60_000 - 1000)
    expect(destroyAt - ttlFrom).toBeLessThanOrEqual(30 * 60_000 + 5000)

    await expect(client.sandboxes.setAutostop(sb.id, 1.5)).rejects.toThrow(
      new RangeError('autostop must be a whole number of minutes, got 1.5'),
    )
    await client.sandboxes.delete(sb.id)
  })

  it('sends an interval again after a dropped connection: setting it twice is harmless', async () => {
    const sb = await client.sandboxes.create({})
    await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 })
    await h.admin.faults({ method: 'POST', path: '/autostop/', drop: true, times: 1 })
    await client.sandboxes.setAutostop(sb.id, 9)
    expect((await client.sandboxes.get(sb.id)).autoStopInterval).toBe(9)
    expect((await h.admin.requests()).routes['POST /api/sandbox/{idOrName}/autostop/{minutes}']).toBe(2)
    await client.sandboxes.delete(sb.id)
  })
})

describe('reads', () => {
  it('are sent again after a 503 with an empty body: a look and a listing change nothing', async () => {
    const sb = await client.sandboxes.create({ labels: { run: randomUUID() } })
    const once = { method: 'GET', status: 503, emptyBody: true, times: 1 }
    await h.admin.faults({ ...once, path: `^/api/sandbox/${sb.id}$` })
    await h.admin.faults({ ...once, path: '^/api/sandbox(\\?|$)' })
    expect((await client.sandboxes.get(sb.id)).id).toBe(sb.id)
    const listed = []
    for await (const s of client.sandboxes.list({ labels: sb.labels })) listed.push(s.id)
    expect(listed).toEqual([sb.id])
    const routes = (await h.admin.requests()).routes
    expect([routes['GET /api/sandbox/{idOrName}'], routes['GET /api/sandbox']]).toEqual([2, 2])
    await client.sandboxes.delete(sb.id)
  })
})

describe('waiting for a start that cannot come', () => {
  it('ends at build_failed, with the reason and what was polled', async () => {
    const dockerfileContent = `FROM node:22\nCOPY missing-${randomUUID()}.txt /x\n`
    const sb = await client.sandboxes.create({ buildInfo: { dockerfileContent } })
    const err = await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StateError)
    expect(err).toMatchObject({
      resource: 'sandbox',
      id: sb.id,
      state: 'build_failed',
      method: 'GET',
      path: `/api/sandbox/${sb.id}`,
    })
    expect((err as Error).message).toMatch(new RegExp(`^sandbox ${sb.id} is build_failed: .*file not found`))
    await client.sandboxes.delete(sb.id)
  })

  it('ends at once for a sandbox being deleted', async () => {
    const sb = await client.sandboxes.create({})
    await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 })
    await client.sandboxes.delete(sb.id)
    const err = await client.sandboxes.waitUntilStarted(sb.id, { timeoutMs: 10_000 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StateError)
    expect((err as StateError).state).toBe('destroying')
  })

  it('stops when aborted, also in the middle of a request', async () => {
    const sb = await client.sandboxes.create({})
    // every look at the sandbox would take half a minute to answer
    await h.admin.faults({ method: 'GET', path: `^/api/sandbox/${sb.id}$`, latencyMs: 30_000 })
    const stop = new AbortController()
    const waiting = client.sandboxes
      .waitUntilStarted(sb.id, { timeoutMs: 60_000, signal: stop.signal })
      .catch((e: unknown) => e)
    await sleep(200)
    stop.abort()
    const outcome = await Promise.race([waiting, sleep(10_000).then(() => 'still waiting')])
    expect(outcome).not.toBe('still waiting')
    expect((outcome as Error).name).toBe('AbortError')
    await h.admin.clearFaults()
    await client.sandboxes.delete(sb.id)
  })
})
