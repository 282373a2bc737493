// The server-side backstop the action relies on when a runner vanishes: auto-stop after idle minutes,
// ephemeral delete on stop, auto-delete of stopped sandboxes, and the wall-clock TTL.
// An emulated minute lasts 100 ms here.
import { describe, expect, it } from 'vitest'
import { withEmulator } from '../helpers/emulator.ts'
import { pollSandbox, useEmulator, waitForSandbox, waitForSandboxGone } from './api-harness.ts'

const h = useEmulator({ delays: { minuteMs: 100 } })

describe('backstop', () => {
  it('auto-stops an idle sandbox, then auto-deletes it', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 1, autoDeleteInterval: 2 })).body
    expect(sb.state).toBe('started')
    await waitForSandbox(h, sb.id, 'stopped')
    await waitForSandboxGone(h, sb.id)
    const record = (await h.admin.sandboxes()).find((s) => s.id === sb.id)
    expect(record.dbState).toBe('destroyed')
  })

  it('destroys an ephemeral sandbox when it auto-stops', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 1, autoDeleteInterval: 0 })).body
    const seen = new Set<string>()
    await pollSandbox(
      h,
      sb.id,
      (res) => {
        if (res.body?.state) seen.add(res.body.state)
        return res.status === 404
      },
      'destruction',
    )
    expect(seen.has('stopped')).toBe(false)
  })

  it('destroys a sandbox at its TTL whatever its auto-stop setting', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 0, ttlMinutes: 2 })).body
    expect(Date.parse(sb.autoDestroyAt)).toBeGreaterThan(Date.parse(sb.createdAt))
    await waitForSandboxGone(h, sb.id)
  })

  it('never stops a sandbox with auto-stop disabled and no TTL', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoStopInterval: 0 })).body
    const other = (await h.api('POST', '/sandbox', { autoStopInterval: 1 })).body
    // once the other one (same idle time) has been stopped, the first must still be running
    await waitForSandbox(h, other.id, 'stopped')
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
