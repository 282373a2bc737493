// Sandbox behaviour a client notices: states over time, delete semantics, 409s, listing, quotas.
import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { withEmulator } from '../helpers/emulator.ts'
import { useEmulator, waitForSandbox, waitForSandboxGone } from './api-harness.ts'

const h = useEmulator({ limits: { totalCpu: 6 } })

/** What a careful client does: retry the delete while a transition is pending (409). */
async function deleteEventually(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await h.api('DELETE', `/sandbox/${id}`)
    if (res.status !== 409) return res
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`sandbox ${id} stayed in transition`)
}

/** Whether a process whose command line holds `marker` is alive on this machine. */
async function running(marker: string): Promise<boolean> {
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
    if (cmdline.includes(marker)) return true
  }
  return false
}

async function destroyAll() {
  for (const sb of await h.admin.sandboxes()) {
    if (sb.dbState === 'destroyed' || sb.desiredState === 'destroyed') continue
    await deleteEventually(sb.id)
  }
}

describe('create', () => {
  it('waits server-side for started when created from a snapshot', async () => {
    const res = await h.api('POST', '/sandbox', { name: 'wait-started' })
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('started')
    expect(res.body.user).toBe('daytona')
    expect(res.body).toMatchObject({
      cpu: 1,
      memory: 1,
      disk: 3,
      autoStopInterval: 15,
      autoDeleteInterval: -1,
    })
  })

  it('answers 409 on a duplicate name and frees the name at delete time', async () => {
    const dup = await h.api('POST', '/sandbox', { name: 'wait-started' })
    expect(dup.status).toBe(409)
    expect(dup.body.message).toBe('Sandbox with name wait-started already exists')
    const del = await h.api('DELETE', '/sandbox/wait-started')
    expect(del.status).toBe(200)
    expect(del.body.state).toBe('destroying')
    expect(del.body.name).toMatch(/^DESTROYED_wait-started_\d+$/)
    const again = await h.api('POST', '/sandbox', { name: 'wait-started' })
    expect(again.status).toBe(200)
    expect(again.body.id).not.toBe(del.body.id)
    await waitForSandboxGone(h, del.body.id)
    expect((await h.api('GET', `/sandbox/${del.body.id}`)).body.message).toBe(
      `Sandbox with ID or name ${del.body.id} not found`,
    )
  })

  it('refuses resources with a snapshot, and unknown snapshots', async () => {
    const res = await h.api('POST', '/sandbox', { cpu: 2 })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('Cannot specify Sandbox resources when using a snapshot')
    const missing = await h.api('POST', '/sandbox', { snapshot: 'nope:1' })
    expect(missing.status).toBe(400)
    expect(missing.body.message).toBe(
      'Snapshot nope:1 not found. Did you add it through the Daytona Dashboard?',
    )
  })

  it('returns the DTO in creating when the server-side wait is shorter than creation', async () => {
    const quick = await withEmulator({ delays: { createWaitMs: 0, createMs: 300 } })
    try {
      const res = await quick.api('POST', '/sandbox', {})
      expect(res.body.state).toBe('creating')
      const del = await quick.api('DELETE', `/sandbox/${res.body.id}`)
      expect(del.status).toBe(409)
      expect(del.body.message).toBe('Sandbox state change in progress')
      const stop = await quick.api('POST', `/sandbox/${res.body.id}/stop`)
      expect(stop.status).toBe(409)
    } finally {
      await quick.close()
    }
  })

  it('allows deleting while waiting for a build runner (pending_build)', async () => {
    const slow = await withEmulator({ delays: { snapshotPendingMs: 60_000 } })
    try {
      const sb = (await slow.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' } })).body
      expect(sb.state).toBe('pending_build')
      const del = await slow.api('DELETE', `/sandbox/${sb.id}`)
      expect(del.status).toBe(200)
    } finally {
      await slow.close()
    }
  })

  it('applies per-sandbox maxima and org totals with the real messages', async () => {
    const big = await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' }, cpu: 8 })
    expect(big.status).toBe(400)
    expect(big.body.message).toMatch(/^CPU request 8 exceeds maximum allowed per sandbox \(4\)\./)
    const disk = await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' }, disk: 20 })
    expect(disk.body.message).toMatch(/^Disk request 20GB exceeds maximum allowed per sandbox \(10GB\)\./)
    await destroyAll()
    const a = await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' }, cpu: 4 })
    expect(a.status).toBe(200)
    const b = await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: 'FROM a:1\n' }, cpu: 3 })
    expect(b.status).toBe(400)
    expect(b.body.message).toMatch(/^Total CPU limit exceeded\. Maximum allowed: 6\./)
    await h.api('DELETE', `/sandbox/${a.body.id}`)
  })
})

describe('lifecycle', () => {
  it('stop → start → archive report the derived transitional states', async () => {
    const sb = (await h.api('POST', '/sandbox', {})).body
    const stop = await h.api('POST', `/sandbox/${sb.id}/stop`)
    expect(stop.body.state).toBe('stopping')
    await waitForSandbox(h, sb.id, 'stopped')
    const notStoppable = await h.api('POST', `/sandbox/${sb.id}/stop`)
    expect(notStoppable.status).toBe(400)
    const start = await h.api('POST', `/sandbox/${sb.id}/start`)
    expect(start.status).toBe(200)
    expect(start.body.state).toBe('started')
    const archive = await h.api('POST', `/sandbox/${sb.id}/archive`)
    expect(archive.status).toBe(400)
    expect(archive.body.message).toBe('Sandbox is not stopped')
    await h.api('DELETE', `/sandbox/${sb.id}`)
  })

  // Daytona's delete and stop are a database update and an event; the runner kills the sandbox afterwards.
  // Plain processes (no bwrap, whose sandbox dies with its first process) and a command that ignores SIGTERM
  // keep the teardown going for the kill grace.
  it.each([
    { action: 'delete', method: 'DELETE', path: '', reads: 'destroying', settled: 'destroyed' },
    { action: 'stop', method: 'POST', path: '/stop', reads: 'stopping', settled: 'stopped' },
  ])('answers a $action before the sandbox is torn down: its processes outlive the answer', async (c) => {
    const slowKill = await withEmulator({ isolation: 'process', toolbox: { killGraceMs: 2000 } })
    try {
      const sb = (await slowKill.api('POST', '/sandbox', {})).body
      const marker = `outlives-${sb.id}`
      const session = `/toolbox/${sb.id}/process/session`
      await slowKill.api('POST', session, { sessionId: 's' })
      const command = `sh -c 'trap "" TERM; while :; do sleep 0.05; done' ${marker}`
      await slowKill.api('POST', `${session}/s/exec`, { command, runAsync: true })
      while (!(await running(marker))) await new Promise((r) => setTimeout(r, 20))
      const answer = await slowKill.api(c.method, `/sandbox/${sb.id}${c.path}`)
      expect(answer.status).toBe(200)
      expect(answer.body.state).toBe(c.reads)
      expect(await running(marker)).toBe(true)
      const later = await slowKill.api('POST', `${session}/s/exec`, { command: 'true' })
      expect(later.status).toBe(400)
      const settled = async () => (await slowKill.admin.sandboxes()).find((r) => r.id === sb.id).dbState
      while ((await settled()) !== c.settled) await new Promise((r) => setTimeout(r, 50))
      expect(await running(marker)).toBe(false)
    } finally {
      await slowKill.close()
    }
  })

  it('an ephemeral sandbox is destroyed by stop', async () => {
    const sb = (await h.api('POST', '/sandbox', { autoDeleteInterval: 0 })).body
    const stop = await h.api('POST', `/sandbox/${sb.id}/stop`)
    expect(stop.body.state).toBe('destroying')
    await waitForSandboxGone(h, sb.id)
    const record = (await h.admin.sandboxes()).find((s) => s.id === sb.id)
    expect(record.dbState).toBe('destroyed')
  })
})

describe('list', () => {
  it('pages with a cursor and filters by prefix, labels and state', async () => {
    await destroyAll()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const res = await h.api('POST', '/sandbox', {
        name: `page-${i}`,
        labels: { run: 'r1', idx: String(i % 2) },
        buildInfo: { dockerfileContent: 'FROM a:1\n' },
      })
      expect(res.status).toBe(200)
      ids.push(res.body.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const res = await h.api('GET', `/sandbox?limit=2&name=PAGE-${q}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.items.map((i: { id: string }) => i.id))
      cursor = res.body.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual([...ids].sort())

    const labelled = await h.api(
      'GET',
      `/sandbox?labels=${encodeURIComponent(JSON.stringify({ run: 'r1', idx: '1' }))}`,
    )
    expect(labelled.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['page-1', 'page-3'])
    expect(labelled.body.nextCursor).toBeNull()

    const byId = await h.api('GET', `/sandbox?id=${ids[0].slice(0, 8).toUpperCase()}`)
    expect(byId.body.items.map((i: { id: string }) => i.id)).toContain(ids[0])

    const pending = await h.api(
      'GET',
      '/sandbox?states=pending_build&states=building_snapshot&states=creating&states=started',
    )
    const alsoBracket = await h.api(
      'GET',
      '/sandbox?states[]=pending_build&states[]=building_snapshot&states[]=creating&states[]=started',
    )
    expect(pending.body.items.length).toBe(5)
    expect(alsoBracket.body.items.length).toBe(5)
    const none = await h.api('GET', '/sandbox?states=stopped')
    expect(none.body.items).toEqual([])

    const asc = await h.api('GET', '/sandbox?sort=name&order=asc&name=page-')
    expect(asc.body.items.map((i: { name: string }) => i.name)).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
    ])
    for (const id of ids) expect((await deleteEventually(id)).status).toBe(200)
  })

  it('rejects bad queries like the real API', async () => {
    expect((await h.api('GET', '/sandbox?labels=%7Bnope')).body.message).toBe('Invalid labels JSON format')
    expect((await h.api('GET', '/sandbox?limit=500')).body.message).toBe('limit must not be greater than 200')
    expect((await h.api('GET', '/sandbox?states=destroyed')).status).toBe(400)
  })
})
