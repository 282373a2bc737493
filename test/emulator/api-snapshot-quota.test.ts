// The organization's snapshot quota as Daytona's server keeps it (v0.190 snapshot.service.ts,
// organization-usage.service.ts): which states count, the 400 and its message, the usage route, activation's
// three 400s, lastUsedAt, and a build runner that takes long to be assigned.
import { describe, expect, it } from 'vitest'
import { ORGANIZATION_ID } from '../../emulator/store.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'
import { validateResponse } from '../helpers/openapi.ts'

async function waitSnapshot(h: EmulatorHarness, idOrName: string, state: string) {
  for (let i = 0; i < 400; i++) {
    const res = await h.api('GET', `/snapshots/${encodeURIComponent(idOrName)}`)
    if (res.body?.state === state) return res.body
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`snapshot ${idOrName} never became ${state}`)
}

async function usage(h: EmulatorHarness) {
  const res = await h.api('GET', `/organizations/${ORGANIZATION_ID}/usage`)
  expect(res.status).toBe(200)
  expect(validateResponse('api', 'GET', '/organizations/{organizationId}/usage', 200, res.body)).toEqual([])
  return res.body as { totalSnapshotQuota: number; currentSnapshotUsage: number }
}

describe('the snapshot quota', () => {
  it('is 30 by default: the 31st snapshot is refused, before its name is even checked', async () => {
    const h = await withEmulator()
    try {
      expect(await usage(h)).toMatchObject({ totalSnapshotQuota: 30, currentSnapshotUsage: 0 })
      for (let i = 0; i < 30; i++) {
        const res = await h.api('POST', '/snapshots', { name: `q-${i}`, imageName: 'alpine:3.20' })
        expect(res.status).toBe(200)
      }
      expect((await usage(h)).currentSnapshotUsage).toBe(30)
      const over = await h.api('POST', '/snapshots', { name: 'q-30', imageName: 'alpine:3.20' })
      expect(over.status).toBe(400)
      expect(over.body.message).toBe('Snapshot quota exceeded. Maximum allowed: 30')
      // the quota comes first: an existing name is a 400 too, not a 409
      const dup = await h.api('POST', '/snapshots', { name: 'q-0', imageName: 'alpine:3.20' })
      expect(dup.status).toBe(400)
      // a removed snapshot stops counting
      const first = (await h.api('GET', '/snapshots/q-0')).body
      expect((await h.api('DELETE', `/snapshots/${first.id}`)).status).toBe(200)
      expect((await usage(h)).currentSnapshotUsage).toBe(29)
      expect((await h.api('POST', '/snapshots', { name: 'q-30', imageName: 'alpine:3.20' })).status).toBe(200)
    } finally {
      await h.close()
    }
  })

  it('counts building, pending, pulling and active snapshots, not inactive or failed ones', async () => {
    const h = await withEmulator({ limits: { snapshotQuota: 2 } })
    try {
      const a = (await h.api('POST', '/snapshots', { name: 'a', imageName: 'alpine:3.20' })).body
      const broken = { dockerfileContent: 'FROM alpine:3.20\nCOPY missing.txt /\n' }
      const b = (await h.api('POST', '/snapshots', { name: 'b', buildInfo: broken })).body
      expect((await h.api('POST', '/snapshots', { name: 'c', imageName: 'alpine:3.20' })).status).toBe(400)
      await waitSnapshot(h, b.id, 'build_failed')
      expect((await usage(h)).currentSnapshotUsage).toBe(1)
      await waitSnapshot(h, a.id, 'active')
      await h.admin.deactivateSnapshot(a.id)
      expect(await usage(h)).toMatchObject({ totalSnapshotQuota: 2, currentSnapshotUsage: 0 })
      // activating one counts it again, and is refused like a create when the quota is full
      for (const name of ['c', 'd']) {
        expect((await h.api('POST', '/snapshots', { name, imageName: 'alpine:3.20' })).status).toBe(200)
      }
      const refused = await h.api('POST', `/snapshots/${a.id}/activate`)
      expect(refused.status).toBe(400)
      expect(refused.body.message).toBe('Snapshot quota exceeded. Maximum allowed: 2')
    } finally {
      await h.close()
    }
  })

  it('is reported only for the key’s own organization', async () => {
    const h = await withEmulator()
    try {
      const other = await h.api('GET', '/organizations/00000000-0000-4000-8000-000000000000/usage')
      expect(other.status).toBe(403)
      expect(other.body.message).toBe('Invalid authentication context')
    } finally {
      await h.close()
    }
  })
})

describe('activate', () => {
  it('answers 400 when already active, not inactive, or deactivated less than 10 minutes ago', async () => {
    const h = await withEmulator({ delays: { minuteMs: 100, pullMs: 300 } })
    try {
      const snap = (await h.api('POST', '/snapshots', { name: 'act', imageName: 'alpine:3.20' })).body
      const early = await h.api('POST', `/snapshots/${snap.id}/activate`)
      expect(early.status).toBe(400)
      expect(early.body.message).toBe(`Snapshot ${snap.id} cannot be activated - it is in pending state`)
      await waitSnapshot(h, snap.id, 'active')
      const active = await h.api('POST', `/snapshots/${snap.id}/activate`)
      expect(active.body.message).toBe(`Snapshot ${snap.id} is already active`)

      await h.admin.deactivateSnapshot(snap.id, { justNow: true })
      const cooling = await h.api('POST', `/snapshots/${snap.id}/activate`)
      expect(cooling.status).toBe(400)
      expect(cooling.body.message).toBe(
        'Snapshot deactivation is still in progress. Please try again in a few minutes.',
      )
      await new Promise((r) => setTimeout(r, 10 * 100)) // ten emulated minutes
      const activated = await h.api('POST', `/snapshots/${snap.id}/activate`)
      expect(activated.status).toBe(200)
      expect(activated.body.state).toBe('pending')
      const again = await h.api('POST', `/snapshots/${snap.id}/activate`)
      expect(again.body.message).toBe(`Snapshot ${snap.id} cannot be activated - it is in pending state`)
    } finally {
      await h.close()
    }
  })
})

describe('lastUsedAt', () => {
  it('is set when the snapshot becomes active and when a sandbox is created from it, once a minute', async () => {
    const h = await withEmulator({ delays: { minuteMs: 60_000 } })
    try {
      const created = (await h.api('POST', '/snapshots', { name: 'used', imageName: 'alpine:3.20' })).body
      expect(created.lastUsedAt).toBeNull()
      const active = await waitSnapshot(h, 'used', 'active')
      expect(active.lastUsedAt).toBe(active.updatedAt)
      await new Promise((r) => setTimeout(r, 20))
      const first = await h.api('POST', '/sandbox', { snapshot: 'used' })
      const afterFirst = (await h.api('GET', '/snapshots/used')).body.lastUsedAt
      expect(afterFirst).toBe(first.body.createdAt)
      await new Promise((r) => setTimeout(r, 20))
      await h.api('POST', '/sandbox', { snapshot: 'used' })
      // within the same minute the server does not update it again
      expect((await h.api('GET', '/snapshots/used')).body.lastUsedAt).toBe(afterFirst)
    } finally {
      await h.close()
    }
  })
})

describe('a build runner that takes long to be assigned (runnerAssignMs)', () => {
  it('keeps the snapshot pending, so build-logs-url answers 404 until a runner takes it', async () => {
    const h = await withEmulator({ delays: { runnerAssignMs: 600, buildRunnerWaitMs: 200 } })
    try {
      const buildInfo = { dockerfileContent: 'FROM alpine:3.20\nRUN true\n' }
      const snap = (await h.api('POST', '/snapshots', { name: 'busy', buildInfo })).body
      const first = await h.api('GET', `/snapshots/${snap.id}/build-logs-url`)
      expect(first.status).toBe(404)
      expect(first.body.message).toBe(`Timeout waiting for build runner assignment for snapshot ${snap.id}`)
      expect((await h.api('GET', `/snapshots/${snap.id}`)).body.state).toBe('pending')
      let res = first
      for (let i = 0; i < 10 && res.status === 404; i++) {
        res = await h.api('GET', `/snapshots/${snap.id}/build-logs-url`)
      }
      expect(res.status).toBe(200)
      expect((await h.api('GET', `/snapshots/${snap.id}`)).body.state).not.toBe('pending')
    } finally {
      await h.close()
    }
  })
})
