// Snapshots and fake Dockerfile builds: validation, states, build logs (plain and follow), and what a
// sandbox created from a build inherits (WORKDIR, ENV).
import { fetch } from 'undici'
import { describe, expect, it } from 'vitest'
import { useEmulator, waitForSandbox } from './api-harness.ts'

const h = useEmulator()

async function waitSnapshot(idOrName: string, states: string[]) {
  for (let i = 0; i < 400; i++) {
    const res = await h.api('GET', `/snapshots/${encodeURIComponent(idOrName)}`)
    if (states.includes(res.body?.state)) return res.body
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`snapshot ${idOrName} never reached ${states.join('|')}`)
}

describe('snapshot validation', () => {
  it.each([
    [{ name: 'has space', imageName: 'node:22' }, 400, 'Invalid snapshot name format'],
    [{ name: 'latest-img', imageName: 'node:latest' }, 400, 'Images with tag ":latest" are not allowed'],
    [{ name: 'untagged', imageName: 'node' }, 400, 'Image name must include a tag'],
    [{ name: 'none' }, 400, 'Must specify an image name when not using a build info entry'],
    [
      { name: 'both', imageName: 'node:22', buildInfo: { dockerfileContent: 'FROM a:1' } },
      400,
      'Cannot specify an image name when using a build info entry',
    ],
  ])('%j → %i', async (body, status, message) => {
    const res = await h.api('POST', '/snapshots', body)
    expect(res.status).toBe(status)
    expect(res.body.message).toContain(message)
  })

  it('refuses a duplicate name and deletes only by UUID', async () => {
    const snap = (await h.api('POST', '/snapshots', { name: 'dup-snap', imageName: 'alpine:3.20' })).body
    const dup = await h.api('POST', '/snapshots', { name: 'dup-snap', imageName: 'alpine:3.20' })
    expect(dup.status).toBe(409)
    expect(dup.body.message).toBe('Snapshot with name "dup-snap" already exists for this organization')
    const byName = await h.api('DELETE', '/snapshots/dup-snap')
    expect(byName.status).toBe(400)
    expect(byName.body.message).toBe('Validation failed (uuid is expected)')
    expect((await h.api('DELETE', `/snapshots/${snap.id}`)).status).toBe(200)
    expect((await h.api('GET', `/snapshots/${snap.id}`)).body.state).toBe('removing')
    let status = 200
    for (let i = 0; i < 200 && status !== 404; i++) {
      await new Promise((r) => setTimeout(r, 25))
      status = (await h.api('GET', `/snapshots/${snap.id}`)).status
    }
    expect(status).toBe(404)
  })
})

describe('image snapshots', () => {
  it('go pending → pulling → active and serve sandboxes; inactive ones must be activated', async () => {
    const snap = (await h.api('POST', '/snapshots', { name: 'img-snap', imageName: 'node:22', cpu: 2 })).body
    expect(snap).toMatchObject({
      state: 'pending',
      cpu: 2,
      mem: 1,
      disk: 3,
      general: false,
      regionIds: ['us'],
    })
    await waitSnapshot('img-snap', ['pulling'])
    await waitSnapshot('img-snap', ['active'])
    const logs = await h.api('GET', `/proxy/snapshots/${snap.id}/build-logs`)
    expect(logs.body).toContain('Pulling from node:22')

    await h.admin.deactivateSnapshot('img-snap')
    const refused = await h.api('POST', '/sandbox', { snapshot: 'img-snap' })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe('Snapshot img-snap is inactive')
    const activated = await h.api('POST', `/snapshots/${snap.id}/activate`)
    expect(activated.status).toBe(200)
    expect((await h.api('POST', `/snapshots/${snap.id}/activate`)).status).toBe(400)
    await waitSnapshot('img-snap', ['active'])
    const sb = await h.api('POST', '/sandbox', { snapshot: snap.id })
    expect(sb.status).toBe(200)
    expect(sb.body).toMatchObject({ state: 'started', snapshot: 'img-snap', cpu: 2 })
    expect((await h.api('GET', '/snapshots/img-snap')).body.lastUsedAt).not.toBeNull()
  })
})

describe('Dockerfile builds', () => {
  const dockerfile =
    'FROM node:22\nWORKDIR /workspace/app\nENV GREETING="hello there"\nCOPY package.json ./\nRUN npm ci\n'

  it('fail when COPY sources are not in the uploaded context, and the follow stream stays open', async () => {
    const sb = (await h.api('POST', '/sandbox', { buildInfo: { dockerfileContent: dockerfile } })).body
    expect(sb.state).toBe('pending_build')
    const url = (await h.api('GET', `/sandbox/${sb.id}/build-logs-url`)).body.url
    const controller = new AbortController()
    const res = await fetch(`${url}?follow=true`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
      signal: controller.signal,
    })
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('ERROR:')) {
      const { value, done } = await reader.read()
      expect(done).toBe(false)
      text += Buffer.from(value!).toString('utf8')
    }
    expect(text).toContain('Step 4/5 : COPY package.json ./')
    expect(text).not.toContain('Step 5/5')
    let ended = false
    const next = reader.read().then(
      (r) => {
        ended = r.done
      },
      () => {},
    )
    const failed = await waitForSandbox(h, sb.id, 'build_failed')
    expect(failed.errorReason).toContain('package.json')
    // like the real runner: a failed build never ends the follow stream; the client must watch the state
    expect(ended).toBe(false)
    controller.abort()
    await next
  })

  it('succeed with the context uploaded, and the sandbox inherits WORKDIR and ENV', async () => {
    await h.admin.putContext('ctx-hash-1', ['package.json', 'src/index.ts'])
    const snapshot = await h.api('POST', '/snapshots', {
      name: 'built-snap',
      buildInfo: { dockerfileContent: dockerfile, contextHashes: ['ctx-hash-1'] },
    })
    expect(snapshot.status).toBe(200)
    expect(snapshot.body.state).toBe('pending')
    const ref = snapshot.body.buildInfo.snapshotRef
    expect(ref).toMatch(/^daytona-[0-9a-f]{64}:daytona$/)
    const url = (await h.api('GET', `/snapshots/${snapshot.body.id}/build-logs-url`)).body.url
    // the follow stream of a successful build ends by itself once the image exists
    const follow = await fetch(`${url}?follow=true`, { headers: { authorization: `Bearer ${h.apiKey}` } })
    const log = await follow.text()
    expect(log.split('\n').filter((l) => l.startsWith('Step '))).toEqual([
      'Step 1/5 : FROM node:22',
      'Step 2/5 : WORKDIR /workspace/app',
      'Step 3/5 : ENV GREETING="hello there"',
      'Step 4/5 : COPY package.json ./',
      'Step 5/5 : RUN npm ci',
    ])
    expect(log).toContain(`Successfully tagged ${ref}`)
    const active = await waitSnapshot('built-snap', ['active', 'build_failed'])
    expect(active.state).toBe('active')

    // identical Dockerfile + context: the image exists, so the sandbox skips pending_build
    const sb = await h.api('POST', '/sandbox', {
      buildInfo: { dockerfileContent: dockerfile, contextHashes: ['ctx-hash-1'] },
    })
    expect(sb.body.state).toBe('creating')
    expect(sb.body.buildInfo.snapshotRef).toBe(ref)
    await waitForSandbox(h, sb.body.id, 'started')
    const workDir = (await h.api('GET', `/toolbox/${sb.body.id}/work-dir`)).body.dir
    // bwrap shows the sandbox's own paths; process isolation the host directory standing in for the WORKDIR
    if (h.emu.isolation === 'bwrap') expect(workDir).toBe('/workspace/app')
    else expect(workDir).toMatch(/\/workdir$/)

    const fromSnapshot = await h.api('POST', '/sandbox', { snapshot: 'built-snap' })
    expect(fromSnapshot.body.state).toBe('started')
    const run = await h.api('POST', `/toolbox/${fromSnapshot.body.id}/process/execute`, {
      command: 'echo "$GREETING" && pwd',
    })
    const dir = (await h.api('GET', `/toolbox/${fromSnapshot.body.id}/work-dir`)).body.dir
    expect(run.body).toEqual({ exitCode: 0, result: `hello there\n${dir}\n` })
  })

  it('reject an invalid Dockerfile', async () => {
    const snap = (
      await h.api('POST', '/snapshots', { name: 'no-from', buildInfo: { dockerfileContent: 'RUN x\n' } })
    ).body
    const failed = await waitSnapshot(snap.id, ['build_failed', 'active'])
    expect(failed.state).toBe('build_failed')
    expect(failed.errorReason).toContain('RUN before FROM')
  })
})
