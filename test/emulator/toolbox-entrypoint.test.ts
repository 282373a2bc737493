// GET /process/session/entrypoint/logs (§4.4): the emulator runs no image entrypoint, so its log is empty
// and complete; the shape still follows the SDK version, and a follow ends at once.
import { WebSocket } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { type Client, type Harness, SDK, startToolbox } from './toolbox-harness.ts'

const PATH = '/process/session/entrypoint/logs'

describe('entrypoint logs', () => {
  let h: Harness
  let sb: Client

  beforeAll(async () => {
    h = await startToolbox({ isolation: 'process' })
    sb = await h.sandbox()
  })
  afterAll(() => h.close())

  it('answers JSON from SDK 0.167.0 on', async () => {
    const r = await sb.get(PATH)
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ output: '', stdout: '', stderr: '' })
    expect(validateResponse('toolbox', 'GET', PATH, 200, r.json)).toEqual([])
  })

  it('answers an empty text body to older SDKs and to clients without a version', async () => {
    for (const version of ['0.100.0', '']) {
      const r = await sb.get(PATH, { 'x-daytona-sdk-version': version })
      expect(r.status, version).toBe(200)
      expect(r.headers['content-type']).toMatch(/^text\/plain/)
      expect(r.text).toBe('')
    }
  })

  it('ends a follow at once, over HTTP and over WebSocket', async () => {
    const plain = await sb.get(`${PATH}?follow=true`)
    expect(plain.status).toBe(200)
    expect(plain.json).toEqual({ output: '', stdout: '', stderr: '' })

    const ws = new WebSocket(`${sb.base.replace(/^http/, 'ws')}${PATH}?follow=true`, { headers: SDK })
    const frames: unknown[] = []
    ws.addEventListener('message', (e) => frames.push(e.data))
    const code = await new Promise<number>((resolve, reject) => {
      ws.addEventListener('close', (e) => resolve(e.code))
      ws.addEventListener('error', () => reject(new Error('websocket failed')))
    })
    expect(code).toBe(1000)
    expect(frames).toEqual([])
  })
})
