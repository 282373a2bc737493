// Who answers a toolbox error shows in its body (§1.4, §5.1): the proxy's own refusals (auth, unknown or
// stopped sandbox, build logs, WebSocket upgrades) carry no `source`, while the daemon's errors carry
// `source: "DAYTONA_DAEMON"` and name the daemon's own path, not the proxy's `/toolbox/{id}/…`.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { useEmulator, waitForSandbox } from './api-harness.ts'

const h = useEmulator()
afterEach(() => h.admin.clearFaults())

interface Refusal {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: error bodies are checked field by field
  body: any
}

/** Attempts a WebSocket upgrade and returns the HTTP answer that refused it. */
function refusedUpgrade(path: string, headers: Record<string, string>): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.emu.origin}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    })
    req.on('upgrade', (_res, socket) => {
      socket.destroy()
      reject(new Error(`${path} was upgraded`))
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }))
    })
    req.on('error', reject)
    req.end()
  })
}

const auth = () => ({ authorization: `Bearer ${h.apiKey}` })

describe('proxy errors', () => {
  it('carry no daemon source and name the full request path', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body

    const unauthorized = await h.api('GET', `/toolbox/${sb.id}/version`, undefined, { authorization: '' })
    expect(unauthorized.status).toBe(401)
    expect(unauthorized.body).toMatchObject({ code: 'UNAUTHORIZED', path: `/toolbox/${sb.id}/version` })
    expect(unauthorized.body).not.toHaveProperty('source')

    const unknown = await h.api('GET', '/toolbox/00000000-0000-4000-8000-000000000000/version')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', method: 'GET' })
    expect(unknown.body).not.toHaveProperty('source')

    expect((await h.api('POST', `/sandbox/${sb.id}/stop`)).status).toBe(200)
    await waitForSandbox(h, sb.id, 'stopped')
    const stopped = await h.api('GET', `/toolbox/${sb.id}/version`)
    expect(stopped.status).toBe(400)
    expect(stopped.body.message).toBe('no IP address found. Is the Sandbox started?')
    expect(stopped.body).not.toHaveProperty('source')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('on build-log URLs and injected faults carry no daemon source either', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const noBuild = await h.api('GET', `/proxy/sandboxes/${sb.id}/build-logs`)
    expect(noBuild.status).toBe(404)
    expect(noBuild.body).toMatchObject({ statusCode: 404, path: `/proxy/sandboxes/${sb.id}/build-logs` })
    expect(noBuild.body).not.toHaveProperty('source')

    await h.admin.faults({ path: '^/toolbox/', status: 503, times: 1 })
    const faulted = await h.api('GET', `/toolbox/${sb.id}/version`)
    expect(faulted.status).toBe(503)
    expect(faulted.body).not.toHaveProperty('source')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('refuse WebSocket upgrades in the proxy shape', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const path = `/toolbox/${sb.id}/process/session/s/command/c/logs`
    const refused = await refusedUpgrade(`${path}?follow=true`, { authorization: 'Bearer wrong' })
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED', path, method: 'GET' })
    expect(refused.body).not.toHaveProperty('source')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })
})

describe('daemon errors', () => {
  it('carry source DAYTONA_DAEMON and the daemon path', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const missing = await h.api('GET', `/toolbox/${sb.id}/files/info?path=no-such-file.txt`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({
      code: 'FILE_NOT_FOUND',
      source: 'DAYTONA_DAEMON',
      path: '/files/info',
      method: 'GET',
    })
    expect(validateResponse('toolbox', 'GET', '/files/info', 404, missing.body)).toEqual([])

    const noRoute = await h.api('GET', `/toolbox/${sb.id}/no/such/route`)
    expect(noRoute.status).toBe(404)
    expect(noRoute.body).toMatchObject({ source: 'DAYTONA_DAEMON', path: '/no/such/route' })
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  it('refuse WebSocket upgrades in the daemon shape once the proxy let them through', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const subPath = '/process/session/nope/command/c/logs'
    const refused = await refusedUpgrade(`/toolbox/${sb.id}${subPath}?follow=true`, auth())
    expect(refused.status).toBe(404)
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND', source: 'DAYTONA_DAEMON', path: subPath })
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })
})
