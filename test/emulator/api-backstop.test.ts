// The server-side backstop the action relies on when a runner vanishes: auto-stop after idle minutes,
// ephemeral delete on stop, auto-delete of stopped sandboxes, and the wall-clock TTL.
// An emulated minute lasts 100 ms here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

let h: EmulatorHarness

beforeAll(async () => {
  h = await withEmulator({ delays: { minuteMs: 100 } })
})
afterAll(() => h.close())

async function until(id: string, test: (status: number, state?: string) => boolean) {
  for (let i = 0; i < 400; i++) {
    const res = await h.api('GET', `/sandbox/${id}`)
    if (test(res.status, res.body?.state)) return res
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`sandbox ${id} never got there`)
}

const gone = (status: number) => status === 404

describe('backstop', () => {
  it('auto-stops an idle sandbox, then auto-deletes it', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 1, autoDeleteInterval: 2 })).body
    expect(sb.state).toBe('started')
    await until(sb.id, (_, state) => state === 'stopped')
    await until(sb.id, gone)
    const record = (await h.admin.sandboxes()).find((s) => s.id === sb.id)
    expect(record.dbState).toBe('destroyed')
  })

  it('destroys an ephemeral sandbox when it auto-stops', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 1, autoDeleteInterval: 0 })).body
    const seen = new Set<string>()
    await until(sb.id, (status, state) => {
      if (state) seen.add(state)
      return status === 404
    })
    expect(seen.has('stopped')).toBe(false)
  })

  it('destroys a sandbox at its TTL whatever its auto-stop setting', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 0, ttlMinutes: 2 })).body
    expect(Date.parse(sb.autoDestroyAt)).toBeGreaterThan(Date.parse(sb.createdAt))
    await until(sb.id, gone)
  })

  it('never stops a sandbox with auto-stop disabled and no TTL', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 0 })).body
    const other = (await h.api('POST', '/sandbox', { autoStopInterval: 1 })).body
    // once the other one (same idle time) has been stopped, the first must still be running
    await until(other.id, (_, state) => state === 'stopped')
    expect((await h.api('GET', `/sandbox/${sb.id}`)).body.state).toBe('started')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('counts toolbox requests and POST last-activity as activity', async () => {
    const quiet = await withEmulator()
    try {
      const sb = (await quiet.api('POST', '/sandbox', {})).body
      const before = Date.parse(sb.lastActivityAt)
      await new Promise((r) => setTimeout(r, 20))
      await quiet.api('GET', `/toolbox/${sb.id}/version`)
      const afterToolbox = Date.parse((await quiet.api('GET', `/sandbox/${sb.id}`)).body.lastActivityAt)
      expect(afterToolbox).toBeGreaterThan(before)
      await new Promise((r) => setTimeout(r, 20))
      await quiet.api('GET', `/toolbox/${sb.id}/version`, undefined, {
        'x-daytona-skip-last-activity-update': 'true',
      })
      expect(Date.parse((await quiet.api('GET', `/sandbox/${sb.id}`)).body.lastActivityAt)).toBe(afterToolbox)
      expect((await quiet.api('POST', `/sandbox/${sb.id}/last-activity`)).status).toBe(201)
      const afterRefresh = Date.parse((await quiet.api('GET', `/sandbox/${sb.id}`)).body.lastActivityAt)
      expect(afterRefresh).toBeGreaterThan(afterToolbox)
    } finally {
      await quiet.close()
    }
  })
})
