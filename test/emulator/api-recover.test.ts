// Recovering errored sandboxes (§2.3, §2.5), registry push credentials (§3.1), and create-time settings the
// emulator validates without enforcing: auto-pause (containers cannot pause) and the network allow list.
import { describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { useEmulator, waitForSandbox } from './api-harness.ts'

const h = useEmulator()

/** Puts a started sandbox into `error`, as a runner-side failure would. */
async function breakSandbox(id: string, recoverable: boolean) {
  const res = await h.api('POST', `/_emulator/sandboxes/${id}/error`, { reason: 'disk full', recoverable })
  expect(res.status).toBe(200)
}

describe('recover', () => {
  it('brings a recoverable error back to started, with its files', async () => {
    const sb = (await h.api('POST', '/sandbox', { name: 'rec-1' })).body
    const write = await h.api('POST', `/toolbox/${sb.id}/process/execute`, {
      command: 'echo kept > kept.txt',
    })
    expect(write.body.exitCode).toBe(0)
    await breakSandbox(sb.id, true)
    const errored = (await h.api('GET', `/sandbox/${sb.id}`)).body
    expect(errored).toMatchObject({ state: 'error', errorReason: 'disk full', recoverable: true })
    expect((await h.api('GET', `/toolbox/${sb.id}/version`)).status).toBe(400)

    const res = await h.api('POST', '/sandbox/rec-1/recover')
    expect(res.status).toBe(200)
    expect(validateResponse('api', 'POST', '/sandbox/{sandboxIdOrName}/recover', 200, res.body)).toEqual([])
    expect(res.body.state).toBe('started')
    expect(res.body.errorReason).toBeUndefined()
    const read = await h.api('POST', `/toolbox/${sb.id}/process/execute`, { command: 'cat kept.txt' })
    expect(read.body).toEqual({ exitCode: 0, result: 'kept\n' })
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('leaves the sandbox stopped with skipStart=true', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    await breakSandbox(sb.id, true)
    const res = await h.api('POST', `/sandbox/${sb.id}/recover?skipStart=true`)
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('stopped')
    expect((await h.api('POST', `/sandbox/${sb.id}/start`)).body.state).toBe('started')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('refuses sandboxes that are not in error, or whose error is not recoverable', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const running = await h.api('POST', `/sandbox/${sb.id}/recover`)
    expect(running.status).toBe(400)
    expect(running.body.message).toBe('Sandbox must be in error state to recover')
    await breakSandbox(sb.id, false)
    const fatal = await h.api('POST', `/sandbox/${sb.id}/recover`)
    expect(fatal.status).toBe(400)
    expect(fatal.body.message).toBe('Sandbox error is not recoverable: disk full')
    expect((await h.api('GET', `/sandbox/${sb.id}`)).body.state).toBe('error')
    expect((await h.api('POST', '/sandbox/no-such-sandbox/recover')).status).toBe(404)
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })
})

describe('registry push access', () => {
  it('hands out fresh temporary credentials, per region', async () => {
    const path = '/docker-registry/registry-push-access'
    const first = await h.api('GET', `${path}?regionId=us`)
    expect(first.status).toBe(200)
    expect(validateResponse('api', 'GET', path, 200, first.body)).toEqual([])
    expect(Date.parse(first.body.expiresAt)).toBeGreaterThan(Date.now())
    const second = await h.api('GET', path)
    expect(second.body.secret).not.toBe(first.body.secret)
    expect(second.body.registryId).toBe(first.body.registryId)
    const unknown = await h.api('GET', `${path}?regionId=mars`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.message).toBe('Region not found')
  })
})

describe('create-time settings', () => {
  it('refuses auto-pause: containers cannot pause', async () => {
    const paused = await h.api('POST', '/sandbox', { autoStopInterval: 0, autoPauseInterval: 30 })
    expect(paused.status).toBe(400)
    expect(paused.body.message).toBe('Auto-pause is not supported for sandbox class container')
    const both = await h.api('POST', '/sandbox', { autoStopInterval: 10, autoPauseInterval: 30 })
    expect(both.status).toBe(400)
    expect(both.body.message).toMatch(/^autoStopInterval and autoPauseInterval are mutually exclusive/)
    expect((await h.api('POST', '/sandbox', { autoPauseInterval: -1 })).status).toBe(400)

    const sb = await h.api('POST', '/sandbox', { autoPauseInterval: 0 })
    expect(sb.status).toBe(200)
    expect(sb.body.autoPauseInterval).toBe(0)
    const tpl = '/sandbox/{sandboxIdOrName}/autopause/{interval}'
    const off = await h.api('POST', `/sandbox/${sb.body.id}/autopause/0`)
    expect(off.status).toBe(201)
    expect(validateResponse('api', 'POST', tpl, 201, off.body)).toEqual([])
    expect((await h.api('POST', `/sandbox/${sb.body.id}/autopause/5`)).status).toBe(400)
    await h.api('DELETE', `/sandbox/${sb.body.id}`)
  })

  it('stores a network allow list of CIDRs and refuses anything else', async () => {
    const ok = await h.api('POST', '/sandbox', {
      networkBlockAll: false,
      networkAllowList: '10.0.0.0/8, 192.168.1.0/24,2001:db8::/32',
    })
    expect(ok.status).toBe(200)
    expect(ok.body.networkAllowList).toBe('10.0.0.0/8, 192.168.1.0/24,2001:db8::/32')
    await waitForSandbox(h, ok.body.id, 'started')
    for (const list of ['10.0.0.0', 'example.com/24', '10.0.0.300/24', '10.0.0.0/33']) {
      const bad = await h.api('POST', '/sandbox', { networkAllowList: list })
      expect(bad.status, list).toBe(400)
      expect(bad.body.message).toContain('networkAllowList must be a comma-separated list of CIDRs')
    }
    await h.api('DELETE', `/sandbox/${ok.body.id}`)
  })
})
