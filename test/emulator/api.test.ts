// Contract: every main-API route the emulator serves answers with the status the reference documents and a
// body valid against the published OpenAPI schema.
import { describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { useEmulator, waitForSandbox } from './api-harness.ts'

const h = useEmulator()

/** Calls the API and asserts the status and the spec's response schema. */
async function call(method: string, path: string, specPath: string, status: number, body?: unknown) {
  const res = await h.api(method, path, body)
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(validateResponse('api', method, specPath, status, res.body)).toEqual([])
  expect(res.headers.get('x-daytona-api-version')).toMatch(/emulator/)
  return res.body
}

describe('main API contract', () => {
  it('sandbox routes answer with spec-valid bodies', async () => {
    const sb = await call('POST', '/sandbox', '/sandbox', 200, {
      name: 'contract-1',
      labels: { suite: 'contract' },
      env: { A: '1' },
    })
    expect(sb.state).toBe('started')
    expect(sb.toolboxProxyUrl).toBe(`${h.emu.origin}/toolbox`)
    expect(sb.snapshot).toMatch(/^daytonaio\/sandbox:/)

    await call('GET', `/sandbox/${sb.id}`, '/sandbox/{sandboxIdOrName}', 200)
    await call('GET', '/sandbox/contract-1', '/sandbox/{sandboxIdOrName}', 200)
    const list = await call('GET', '/sandbox?labels=%7B%22suite%22%3A%22contract%22%7D', '/sandbox', 200)
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([sb.id])
    expect(list.items[0].env).toBeUndefined()

    const labels = await call('PUT', `/sandbox/${sb.id}/labels`, '/sandbox/{sandboxIdOrName}/labels', 200, {
      labels: { suite: 'contract', extra: 'x' },
    })
    expect(labels.labels).toEqual({ suite: 'contract', extra: 'x' })

    const tpl = '/sandbox/{sandboxIdOrName}'
    expect(
      (await call('POST', `/sandbox/${sb.id}/autostop/0`, `${tpl}/autostop/{interval}`, 201))
        .autoStopInterval,
    ).toBe(0)
    expect(
      (await call('POST', `/sandbox/${sb.id}/autoarchive/0`, `${tpl}/autoarchive/{interval}`, 201))
        .autoArchiveInterval,
    ).toBe(43200)
    expect(
      (await call('POST', `/sandbox/${sb.id}/autodelete/60`, `${tpl}/autodelete/{interval}`, 201))
        .autoDeleteInterval,
    ).toBe(60)
    const ttl = await call('POST', `/sandbox/${sb.id}/ttl/30`, `${tpl}/ttl/{ttlMinutes}`, 201)
    expect(Date.parse(ttl.autoDestroyAt)).toBeGreaterThan(Date.now())

    const activity = await h.api('POST', `/sandbox/${sb.id}/last-activity`)
    expect(activity.status).toBe(201)
    expect(activity.body).toBe('')
    const proxy = await call(
      'GET',
      `/sandbox/${sb.id}/toolbox-proxy-url`,
      '/sandbox/{sandboxId}/toolbox-proxy-url',
      200,
    )
    expect(proxy.url).toBe(`${h.emu.origin}/toolbox`)

    const stopped = await call('POST', `/sandbox/${sb.id}/stop`, `${tpl}/stop`, 200)
    expect(stopped.state).toBe('stopping')
    await waitForSandbox(h, sb.id, 'stopped')
    const archiving = await call('POST', `/sandbox/${sb.id}/archive`, `${tpl}/archive`, 200)
    expect(archiving.state).toBe('archiving')
    await waitForSandbox(h, sb.id, 'archived')
    await call('POST', `/sandbox/${sb.id}/start`, `${tpl}/start`, 200)
    await waitForSandbox(h, sb.id, 'started')

    const deleted = await call('DELETE', `/sandbox/${sb.id}`, tpl, 200)
    expect(deleted.state).toBe('destroying')
  })

  it('dynamic-build sandboxes expose a build-logs URL', async () => {
    const sb = await call('POST', '/sandbox', '/sandbox', 200, {
      buildInfo: { dockerfileContent: 'FROM node:22\nRUN echo hi\n' },
    })
    expect(sb.state).toBe('pending_build')
    expect(sb.snapshot).toBeUndefined()
    expect(sb.buildInfo.snapshotRef).toMatch(/^daytona-[0-9a-f]{64}:daytona$/)
    const url = await call(
      'GET',
      `/sandbox/${sb.id}/build-logs-url`,
      '/sandbox/{sandboxIdOrName}/build-logs-url',
      200,
    )
    expect(url.url).toBe(`${h.emu.origin}/proxy/sandboxes/${sb.id}/build-logs`)
  })

  it('snapshot routes answer with spec-valid bodies', async () => {
    const snap = await call('POST', '/snapshots', '/snapshots', 200, {
      name: 'contract-snap',
      imageName: 'node:22',
    })
    expect(snap.state).toBe('pending')
    await call('GET', `/snapshots/${snap.id}`, '/snapshots/{id}', 200)
    await call('GET', '/snapshots/contract-snap', '/snapshots/{id}', 200)
    const page = await call('GET', '/snapshots?name=contract', '/snapshots', 200)
    expect(page).toMatchObject({ total: 1, page: 1, totalPages: 1 })
    await call('GET', `/snapshots/${snap.id}/build-logs-url`, '/snapshots/{id}/build-logs-url', 200)
    const deactivated = await h.api('POST', `/snapshots/${snap.id}/deactivate`)
    expect(deactivated.status).toBe(204)
    // within 10 minutes of a deactivation the server refuses to activate
    await call('POST', `/snapshots/${snap.id}/activate`, '/snapshots/{id}/activate', 400)
    await h.admin.deactivateSnapshot(snap.id) // one Daytona made a while ago
    const activated = await call('POST', `/snapshots/${snap.id}/activate`, '/snapshots/{id}/activate', 200)
    expect(activated.state).toBe('pending')
    const removed = await h.api('DELETE', `/snapshots/${snap.id}`)
    expect(removed.status).toBe(200)
    expect(removed.body).toBe('')
  })

  it('regions and object-storage credentials', async () => {
    const regions = await call('GET', '/regions', '/regions', 200)
    expect(regions.map((r: { name: string }) => r.name)).toContain('us')
    const access = await call('GET', '/object-storage/push-access', '/object-storage/push-access', 200)
    expect(access.storageUrl).toBe(`${h.emu.origin}/s3`)
  })

  it('errors use the API error shape', async () => {
    const res = await h.api('GET', '/sandbox/no-such-sandbox')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: 'Sandbox with ID or name no-such-sandbox not found',
      path: '/api/sandbox/no-such-sandbox',
    })
    expect(Date.parse(res.body.timestamp)).not.toBeNaN()
    const unknown = await h.api('GET', '/nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body.message).toBe('Cannot GET /api/nope')
  })
})
