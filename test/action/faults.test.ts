// The bundled action when Daytona misbehaves the ways it really does: what is retried, what is cleaned up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project, results } from './project.ts'

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
    // deleted (it reads `error` until Daytona has torn it down)
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

  it.each([
    ['a 502', { status: 502 }],
    ['a dropped connection', { drop: true }],
  ])('sends the create again after %s, without making two sandboxes', async (_, fault) => {
    await project.emulator.admin.faults({ method: 'POST', path: '^/api/sandbox$', times: 1, ...fault })
    const { main } = await job(project, { run: 'echo created-on-second-try' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('created-on-second-try')
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('sends a command again when the gateway lost the answer to starting it, and runs it once', async () => {
    await project.emulator.admin.faults({ method: 'POST', path: '/exec$', status: 502, times: 1, skip: 2 })
    const { main } = await job(project, {
      run: 'echo first\necho x >> ran.txt; echo "runs: $(wc -l < ran.txt)"\necho third',
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/^runs: 1$/m)
    expect(results(main).map((r) => r.exitCode)).toEqual([0, 0, 0])
  })

  it('adopts a command whose start was answered into the void, instead of running it twice', async () => {
    await project.emulator.admin.faults({
      method: 'POST',
      path: '/exec$',
      dropAfterHandling: true,
      times: 1,
      skip: 2,
    })
    const { main } = await job(project, {
      run: 'echo first\necho x >> ran.txt; echo "runs: $(wc -l < ran.txt)"\necho third',
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/^runs: 1$/m)
    expect(main.stdout).not.toMatch(/sending it again/)
  })

  it('reports a command the sandbox stopped answering for as failed, and the rest as not run', async () => {
    await project.emulator.admin.faults({ method: 'POST', path: '/exec$', status: 502, skip: 1 })
    const { main } = await job(project, { run: 'echo first\necho second\necho third' })
    expect(main.exitCode).not.toBe(0)
    expect(results(main).map((r) => [r.command, r.exitCode, r.skipped])).toEqual([
      ['echo first', 0, false],
      ['echo second', null, false],
      ['echo third', null, true],
    ])
    expect(main.summary).toContain('echo third')
    expect(await liveSandboxes(project)).toEqual([])
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

describe('strings from Daytona and the sandbox', () => {
  const injected = (step: { annotations: { title?: string }[] }) =>
    step.annotations.filter((a) => a.title === 'INJ')

  it("prints an error message from Daytona's answer on one line of ours, where it cannot issue workflow commands", async () => {
    await project.emulator.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 502,
      times: 1,
      body: { statusCode: 502, message: 'upstream\n::warning title=INJ::from-the-api', error: 'Bad Gateway' },
    })
    const { main } = await job(project, { run: 'echo ok' })
    expect(main.exitCode).toBe(0)
    expect(injected(main)).toEqual([])
    expect(main.stdout).toMatch(/upstream\\n::warning title=INJ::from-the-api/)
  })

  it('never asks the sandbox for its work directory: the clone path is relative to it', async () => {
    await project.emulator.admin.faults({
      method: 'GET',
      path: '/work-dir$',
      status: 200,
      body: { dir: '/home/daytona\n::warning title=INJ::from-the-sandbox' },
    })
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'echo ok' })
    expect(main.exitCode).toBe(0)
    expect(injected(main)).toEqual([])
    expect(
      (await project.emulator.admin.requests()).routes['GET /toolbox/{sandboxId}/work-dir'],
    ).toBeUndefined()
    expect(await liveSandboxes(project)).toEqual([])
  })
})
