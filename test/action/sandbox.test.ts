// The sandbox the action creates (sandbox.ts), as the emulator recorded it: its server-side backstop, its labels
// and env, the time a kept sandbox gets, and a create whose answer is lost or refused.
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { job, leaveClean, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterEach(() => leaveClean(project))
afterAll(() => project.close())

// biome-ignore lint/suspicious/noExplicitAny: the emulator's admin view of a sandbox record
const recordOf = async (id: string): Promise<any> =>
  (await project.emulator.admin.sandboxes()).find((s: { id: string }) => s.id === id)
const minutes = (record: { autoDestroyAt: string }, from: string) =>
  Math.round((Date.parse(record.autoDestroyAt) - Date.parse(from)) / 60_000)
const creates = async () => (await project.emulator.admin.requests()).routes['POST /api/sandbox'] ?? 0

describe('the sandbox created', () => {
  it('carries its backstop, the labels and the env, and says its size once started', async () => {
    const { main } = await job(project, {
      run: 'echo one\necho two\necho three',
      timeout: '2m',
      labels: 'team=ci',
      env: 'GREETING=hello',
    })
    expect(main.exitCode).toBe(0)
    const id = main.outputs['sandbox-id']!
    // what post would delete by, had main not
    expect(main.state['sandbox-id']).toBe(id)
    const record = await recordOf(id)
    expect([record.autoStopInterval, record.autoDeleteInterval]).toEqual([15, 0])
    // every command at its limit (3 × 2 minutes), plus 30 minutes to set up
    expect(minutes(record, record.createdAt)).toBe(36)
    expect(record.labels).toMatchObject({ team: 'ci', 'daytona-action/repository': 'acme/widgets' })
    expect(record.env).toMatchObject({ GREETING: 'hello' })
    const name = main.state['sandbox-name']
    expect(main.stdout).toContain(`Creating sandbox ${name}…`)
    expect(main.stdout).toMatch(
      new RegExp(`^Sandbox ${name} \\(${id}\\) started: \\d+ vCPU, \\d+ GiB memory, \\d+ GiB disk\\.$`, 'm'),
    )
  })

  it('kept for debugging, gets keep-minutes more of idle time and of life, and says so', async () => {
    const { main } = await job(project, { run: 'exit 1', 'keep-sandbox': 'on-failure', 'keep-minutes': '7' })
    const id = main.outputs['sandbox-id']!
    const record = await recordOf(id)
    expect(record.autoStopInterval).toBe(7)
    expect(minutes(record, new Date().toISOString())).toBe(7)
    expect(main.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        title: 'Sandbox kept',
        message: `Sandbox ${main.state['sandbox-name']} (${id}) is kept for 7 minutes for debugging: open it from the Daytona dashboard. It then deletes itself.`,
      }),
    )
  })
})

describe('a create that goes wrong', () => {
  it('whose answer was lost is sent again once and the sandbox adopted, not made twice', async () => {
    const before = (await project.emulator.admin.sandboxes()).length
    await loseTheFirstCreateAnswer(project)
    const { main } = await job(project, { run: 'echo adopted' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/^Creating the sandbox failed \(.+\); trying again\.$/m)
    expect(await creates()).toBe(2)
    expect((await project.emulator.admin.sandboxes()).length - before).toBe(1)
  })

  it('that never reaches Daytona is tried three times in all, then fails', async () => {
    await project.emulator.admin.resetRequests()
    await project.emulator.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 503,
      emptyBody: true,
    })
    const { main, post } = await job(project, { run: 'echo never' })
    expect(main.exitCode).toBe(1)
    expect(await creates()).toBe(3)
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('refused for the key is not sent again, and nothing is left for post', async () => {
    await project.emulator.admin.resetRequests()
    const { main, post } = await job(project, { run: 'echo never', 'api-key': 'dtn_not_the_key' })
    expect(main.exitCode).toBe(1)
    expect(await creates()).toBe(1)
    // no look for an orphan by name either: every further call would be refused too
    expect((await project.emulator.admin.requests()).routes['GET /api/sandbox/{idOrName}']).toBeUndefined()
    expect(main.state['sandbox-settled']).toBe('none')
    expect(post.stdout).toBe('')
  })

  it('refused with a conflict on the first try fails, and adopts nothing by that name', async () => {
    await project.emulator.admin.resetRequests()
    await project.emulator.admin.faults({ method: 'POST', path: '^/api/sandbox$', status: 409, times: 1 })
    const { main, post } = await job(project, { run: 'echo never' })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).not.toContain('never\n')
    expect(await creates()).toBe(1)
    // only a create whose answer was lost may find its sandbox under its name
    expect((await project.emulator.admin.requests()).routes['GET /api/sandbox/{idOrName}']).toBeUndefined()
    expect(post.exitCode).toBe(0)
  })

  it('to an API nobody listens on fails naming api-url, and leaves nothing for post to look for', async () => {
    const { main, post } = await job(project, {
      run: 'echo never',
      'api-url': `http://127.0.0.1:${await closedPort()}/api`,
    })
    expect(main.exitCode).toBe(1)
    expect(
      main.annotations
        .filter((a) => a.level === 'error')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/api-url/)
    expect(main.stdout).toMatch(/^Creating the sandbox failed \(.+\); trying again\.$/m)
    expect(main.state['sandbox-settled']).toBe('none')
    expect(post.stdout).toBe('')
  })
})

/** Counts requests from now; the next create is made, but its answer never arrives. */
async function loseTheFirstCreateAnswer(on: Project): Promise<void> {
  await on.emulator.admin.resetRequests()
  await on.emulator.admin.faults({
    method: 'POST',
    path: '^/api/sandbox$',
    dropAfterHandling: true,
    times: 1,
  })
}

/** A port on this machine that refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('a slow create in a full organisation (1 vCPU in total)', () => {
  let full: Project
  beforeAll(async () => {
    full = await openProject({}, { limits: { totalCpu: 1 }, delays: { createMs: 1000, createWaitMs: 50 } })
  })
  afterEach(() => leaveClean(full))
  afterAll(() => full.close())

  it('says how the sandbox is coming along while it starts', async () => {
    const { main } = await job(full, { run: 'true' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/^Sandbox is creating…$/m)
  })

  it('whose answer was lost, then refused for the room its own first try took: adopted, not waited on', async () => {
    await loseTheFirstCreateAnswer(full)
    const { main } = await job(full, { run: 'echo adopted', 'capacity-timeout': '5s' })
    expect(main.exitCode, main.stdout).toBe(0)
    expect(main.stdout).toMatch(/^adopted$/m)
    expect(main.annotations.filter((a) => a.title === 'Waiting for Daytona capacity')).toEqual([])
    expect((await full.emulator.admin.requests()).routes['POST /api/sandbox']).toBe(2)
    expect(await liveSandboxes(full)).toEqual([])
  })
})
