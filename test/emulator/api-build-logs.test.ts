// Where build logs live (§1.4, §3.5): the region's proxyUrl, and the wait of GET …/build-logs-url for a
// build runner while a snapshot is still `pending` (§3.1).
import { describe, expect, it } from 'vitest'
import { withEmulator } from '../helpers/emulator.ts'
import { validateResponse } from '../helpers/openapi.ts'
import { useEmulator } from './api-harness.ts'

const h = useEmulator({ delays: { snapshotPendingMs: 300, buildRunnerWaitMs: 10_000 } })

describe('region proxyUrl', () => {
  it('is where {proxyUrl}/sandboxes/{id}/build-logs is served', async () => {
    const regions = await h.api('GET', '/regions')
    expect(regions.status).toBe(200)
    expect(validateResponse('api', 'GET', '/regions', 200, regions.body)).toEqual([])
    const proxyUrl = regions.body.find((r: { id: string }) => r.id === 'us').proxyUrl
    expect(proxyUrl).toBe(`${h.emu.origin}/proxy`)

    const sb = (await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM node:22\n' } })).body
    const url = (await h.api('GET', `/sandbox/${sb.id}/build-logs-url`)).body.url
    expect(url).toBe(`${proxyUrl}/sandboxes/${sb.id}/build-logs`)
    const logs = await h.api('GET', `${proxyUrl}/sandboxes/${sb.id}/build-logs?follow=true`)
    expect(logs.status).toBe(200)
    expect(logs.body).toContain('Step 1/1 : FROM node:22')
  })
})

describe('snapshot build-logs-url', () => {
  it('waits for a build runner while the snapshot is pending, then answers the URL', async () => {
    const snap = (await h.api('POST', '/snapshots', { name: 'waits-for-runner', imageName: 'node:22' })).body
    expect(snap.state).toBe('pending')
    const res = await h.api('GET', `/snapshots/${snap.id}/build-logs-url`)
    expect(res.status).toBe(200)
    expect(validateResponse('api', 'GET', '/snapshots/{id}/build-logs-url', 200, res.body)).toEqual([])
    expect(res.body.url).toBe(`${h.emu.origin}/proxy/snapshots/${snap.id}/build-logs`)
    // the answer came once a runner had the snapshot: it is no longer pending
    expect((await h.api('GET', `/snapshots/${snap.id}`)).body.state).not.toBe('pending')
  })

  it('answers 404 when no runner takes the snapshot in time', async () => {
    const slow = await withEmulator({ delays: { snapshotPendingMs: 60_000, buildRunnerWaitMs: 50 } })
    try {
      const snap = (await slow.api('POST', '/snapshots', { name: 'no-runner', imageName: 'node:22' })).body
      const res = await slow.api('GET', `/snapshots/${snap.id}/build-logs-url`)
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({
        statusCode: 404,
        error: 'Not Found',
        message: `Timeout waiting for build runner assignment for snapshot ${snap.id}`,
      })
    } finally {
      await slow.close()
    }
  })
})
