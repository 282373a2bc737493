// Snapshots and build logs over real HTTP against the emulator: create from an image and from a
// Dockerfile, wait, follow build logs (a failed build's stream never ends by itself), activate, delete.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import { ConflictError, StateError } from '../../src/daytona/errors.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

let h: EmulatorHarness
let client: Daytona

beforeAll(async () => {
  // build steps slow enough that the log is followed while it is written
  h = await withEmulator({ delays: { buildStepMs: 150 } })
  client = new Daytona({ apiUrl: h.apiUrl, apiKey: h.apiKey })
})

afterAll(async () => {
  await client?.close()
  await h?.close()
})

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`

describe('snapshots', () => {
  it('creates from an image, waits until active, finds, deletes', async () => {
    const name = unique('img')
    const created = await client.snapshots.create({ name, imageName: 'node:22-bookworm' })
    expect(created.name).toBe(name)
    const states: string[] = []
    const active = await client.snapshots.waitUntilActive(name, {
      timeoutMs: 10_000,
      onState: (s) => states.push(s),
    })
    expect(active.state).toBe('active')
    expect(states.at(-1)).toBe('active')
    expect((await client.snapshots.find(name))?.id).toBe(created.id)
    await expect(client.snapshots.create({ name, imageName: 'node:22-bookworm' })).rejects.toBeInstanceOf(
      ConflictError,
    )

    await client.snapshots.delete(created.id)
    for (let i = 0; i < 100 && (await client.snapshots.find(name)); i++)
      await new Promise((r) => setTimeout(r, 50))
    expect(await client.snapshots.find(name)).toBeUndefined()
  })

  it('re-activates an inactive snapshot', async () => {
    const name = unique('old')
    const snap = await client.snapshots.create({ name, imageName: 'alpine:3.20' })
    await client.snapshots.waitUntilActive(snap.id, { timeoutMs: 10_000 })
    await h.admin.deactivateSnapshot(snap.id)
    expect((await client.snapshots.get(snap.id)).state).toBe('inactive')
    await client.snapshots.activate(snap.id)
    expect((await client.snapshots.waitUntilActive(snap.id, { timeoutMs: 10_000 })).state).toBe('active')
  })

  it('follows a Dockerfile build log line by line until the snapshot is active', async () => {
    const name = unique('built')
    const dockerfileContent = 'FROM node:22-bookworm\nRUN echo one\nRUN echo two\nENV A=b\nWORKDIR /app\n'
    const snap = await client.snapshots.create({ name, buildInfo: { dockerfileContent } })
    const lines: string[] = []
    await client.snapshots.followBuildLogs(snap.id, (line) => lines.push(line))
    expect(lines.some((l) => l.includes('RUN echo one'))).toBe(true)
    expect(lines.some((l) => l.includes('WORKDIR /app'))).toBe(true)
    expect(lines.every((l) => !l.includes('\n'))).toBe(true)
    expect((await client.snapshots.get(snap.id)).state).toBe('active')
    const whole = await client.snapshots.buildLogs(snap.id)
    expect(whole).toContain('RUN echo two')
  })

  it('stops following a failed build (whose stream never ends) and fails the wait with errorReason', async () => {
    const name = unique('broken')
    const dockerfileContent = 'FROM node:22-bookworm\nRUN echo before\nCOPY missing.txt /x\n'
    const snap = await client.snapshots.create({ name, buildInfo: { dockerfileContent } })
    const lines: string[] = []
    const [followed, waited] = await Promise.allSettled([
      client.snapshots.followBuildLogs(snap.id, (line) => lines.push(line), { idleCheckMs: 200 }),
      client.snapshots.waitUntilActive(snap.id, { timeoutMs: 10_000 }),
    ])
    expect(followed.status).toBe('fulfilled')
    expect(lines.some((l) => l.includes('RUN echo before'))).toBe(true)
    expect(waited.status).toBe('rejected')
    const err = (waited as PromiseRejectedResult).reason as StateError
    expect(err).toBeInstanceOf(StateError)
    expect(err.state).toBe('build_failed')
    expect(err.errorReason).toContain('missing.txt')
  })

  it('stops following when the caller aborts', async () => {
    const snap = await client.snapshots.create({
      name: unique('abort'),
      buildInfo: { dockerfileContent: 'FROM node:22-bookworm\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nRUN f\n' },
    })
    const stop = new AbortController()
    const lines: string[] = []
    const follow = client.snapshots.followBuildLogs(
      snap.id,
      (l) => {
        lines.push(l)
        stop.abort(new Error('enough'))
      },
      { signal: stop.signal },
    )
    await expect(follow).rejects.toThrow('enough')
    expect(lines.length).toBeGreaterThan(0)
  })
})

describe('object storage', () => {
  it('hands out push credentials for build contexts', async () => {
    const access = await client.objectStorage.pushAccess()
    for (const key of [
      'accessKey',
      'secret',
      'sessionToken',
      'storageUrl',
      'organizationId',
      'bucket',
    ] as const) {
      expect(access[key]).toBeTruthy()
    }
  })
})
