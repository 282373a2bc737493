// GET /sandbox filters beyond prefixes, labels and states (§2.6): date windows, recoverability, sandbox
// classes, GPU bounds and the warm-pool flag.
import { describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { useEmulator } from './api-harness.ts'

const h = useEmulator()
const GROUP = encodeURIComponent(JSON.stringify({ group: 'filters' }))
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The names of this file's sandboxes that `query` lists, sorted. */
async function names(query: string): Promise<string[]> {
  const res = await h.api('GET', `/sandbox?labels=${GROUP}&${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(validateResponse('api', 'GET', '/sandbox', 200, res.body)).toEqual([])
  return res.body.items.map((s: { name: string }) => s.name).sort()
}

describe('list filters', () => {
  it('filter by creation, last event, auto-destroy, recoverability, class and GPU', async () => {
    const labels = { group: 'filters' }
    const a = (await h.api('POST', '/sandbox', { name: 'flt-a', labels })).body
    const b = (await h.api('POST', '/sandbox', { name: 'flt-b', labels })).body
    const c = (await h.api('POST', '/sandbox', { name: 'flt-c', labels, ttlMinutes: 60 })).body
    expect([a.state, b.state, c.state]).toEqual(['started', 'started', 'started'])
    const q = (key: string, ms: number | string) => `${key}=${encodeURIComponent(new Date(ms).toISOString())}`

    expect(await names(q('createdAtAfter', b.createdAt))).toEqual(['flt-b', 'flt-c'])
    expect(await names(q('createdAtBefore', a.createdAt))).toEqual(['flt-a'])
    expect(await names(`${q('createdAtAfter', b.createdAt)}&${q('createdAtBefore', b.createdAt)}`)).toEqual([
      'flt-b',
    ])

    await pause(5)
    const mark = Date.now()
    await pause(5)
    expect((await h.api('POST', `/sandbox/${a.id}/last-activity`)).status).toBe(201)
    expect(await names(q('lastEventAfter', mark))).toEqual(['flt-a'])
    expect(await names(q('lastEventBefore', mark))).toEqual(['flt-b', 'flt-c'])

    expect(await names(q('autoDestroyAtAfter', Date.now()))).toEqual(['flt-c'])
    expect(await names(q('autoDestroyAtBefore', Date.now()))).toEqual([])

    await h.api('POST', `/_emulator/sandboxes/${b.id}/error`, { reason: 'disk full', recoverable: true })
    expect(await names('isRecoverable=true')).toEqual(['flt-b'])
    expect(await names('isRecoverable=false')).toEqual(['flt-a', 'flt-c'])

    expect(await names('sandboxClasses=container')).toEqual(['flt-a', 'flt-b', 'flt-c'])
    expect(await names('sandboxClasses=linux-vm&sandboxClasses=windows')).toEqual([])
    expect(await names('minGpu=0&maxGpu=0')).toEqual(['flt-a', 'flt-b', 'flt-c'])
    expect(await names('minGpu=1')).toEqual([])
    expect(await names('includeWarm=true')).toEqual(['flt-a', 'flt-b', 'flt-c'])
    const listed = (await h.api('GET', `/sandbox?labels=${GROUP}`)).body.items[0]
    expect(listed).toMatchObject({ sandboxClass: 'container', autoPauseInterval: 0 })
  })

  it('reject invalid dates and unknown classes with 400', async () => {
    const bad = await h.api('GET', '/sandbox?createdAtAfter=yesterday')
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('createdAtAfter must be a valid ISO 8601 date string')
    expect((await h.api('GET', '/sandbox?lastEventBefore=2024-13-45T00:00:00Z')).status).toBe(400)
    expect((await h.api('GET', '/sandbox?autoDestroyAtAfter=2024-01-01T00:00:00Z')).status).toBe(200)
    const cls = await h.api('GET', '/sandbox?sandboxClasses=mainframe')
    expect(cls.status).toBe(400)
    expect(cls.body.message).toMatch(/^each value in sandboxClasses must be one of the following values: /)
    expect((await h.api('GET', '/sandbox?minGpu=-1')).status).toBe(400)
  })
})
