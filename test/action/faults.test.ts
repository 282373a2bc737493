// The bundled action when Daytona misbehaves the ways it really does: what is retried, what is cleaned up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterEach(() => project.emulator.admin.clearFaults())
afterAll(() => project.close())

describe('faults', () => {
  it('deletes the errored sandbox a failed create leaves behind', async () => {
    await project.emulator.admin.faults({ method: 'POST', path: '^/api/sandbox$', leaveErroredSandbox: true })
    const { main } = await job(project, { run: 'true' })
    expect(main.exitCode).not.toBe(0)
    expect(main.annotations.map((a) => a.message).join('\n')).toMatch(/Sandbox failed to start/)
    const all = await project.emulator.admin.sandboxes()
    expect(all.some((sandbox: { state: string }) => sandbox.state === 'error')).toBe(false)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('waits out a rate limit on create and runs', async () => {
    await project.emulator.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 429,
      throttler: 'sandbox-create',
      retryAfterSeconds: 1,
      times: 1,
    })
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'echo created-after-429' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('created-after-429')
    expect((await project.emulator.admin.requests()).routes['POST /api/sandbox']).toBe(2)
  })

  it('rides out transient 503s on reads', async () => {
    await project.emulator.admin.faults({
      method: 'GET',
      path: '^/toolbox/.*/command/',
      status: 503,
      times: 2,
    })
    const { main } = await job(project, { run: 'echo still-fine' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('still-fine')
  })
})
