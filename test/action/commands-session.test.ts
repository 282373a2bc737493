// The command runner (commands.ts) and the session it launches commands in: one session for the whole block, a
// fresh one after a timeout killed it or after its shell ended, a start whose answer was lost adopted or sent
// again, and the outcome line each command ends with.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { job, leaveClean, liveSandboxes, openProject, type Project, results } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterEach(() => leaveClean(project))
afterAll(() => project.close())

const SESSION_CREATE = 'POST /toolbox/{sandboxId}/process/session'
const EXEC = 'POST /toolbox/{sandboxId}/process/session/{sessionId}/exec'
const SESSION_DELETE = 'DELETE /toolbox/{sandboxId}/process/session/{sessionId}'
const routes = async () => (await project.emulator.admin.requests()).routes

describe('one session', () => {
  it('launches every command of the block, each ending with its outcome and its time', async () => {
    await project.emulator.admin.resetRequests()
    const started = Date.now()
    const { main } = await job(project, { run: 'echo one\necho two\nexit 3', 'fail-fast': 'false' })
    const took = Date.now() - started
    expect(main.exitCode).toBe(1)
    expect(main.stdout.match(/^✓ exit code 0 in \d+(\.\d)?m?s$/gm)).toHaveLength(2)
    expect(main.stdout).toMatch(/^✗ exit code 3 after \d+(\.\d)?m?s$/m)
    expect(main.stdout).not.toContain('The image has no bash')
    const [one, , three] = results(main)
    expect(one).toMatchObject({ command: 'echo one', exitCode: 0, timedOut: false, skipped: false })
    expect(three).toMatchObject({ command: 'exit 3', exitCode: 3 })
    for (const result of results(main)) {
      expect(result.durationMs).toBeGreaterThanOrEqual(0)
      expect(result.durationMs).toBeLessThanOrEqual(took)
    }
    expect((await routes())[SESSION_CREATE]).toBe(1)
    expect((await routes())[EXEC]).toBe(3)
  })

  it('reports the commands fail-fast skips as not run, not as timed out', async () => {
    const { main } = await job(project, { run: 'false\necho never' })
    expect(results(main)[1]).toEqual({
      command: 'echo never',
      exitCode: null,
      durationMs: 0,
      timedOut: false,
      skipped: true,
    })
  })
})

describe('a fresh session', () => {
  it('after a timeout: the old one is deleted with everything it ran, and the log says so', async () => {
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, {
      run: 'sleep 60\necho after-the-timeout',
      timeout: '2s',
      'fail-fast': 'false',
    })
    expect(main.stdout).toContain(
      'Timed out after 2s: the command and every process of its session were killed; a next command starts ' +
        'in a new session, with the state from before this one.',
    )
    expect(main.stdout).toMatch(/^after-the-timeout$/m)
    const seen = await routes()
    expect([seen[SESSION_CREATE], seen[SESSION_DELETE]]).toEqual([2, 1])
  })

  it('after a timeout whose kill is refused: a warning, and the next command still runs', async () => {
    await project.emulator.admin.faults({
      method: 'DELETE',
      path: '/process/session/[^/]+$',
      status: 400,
      times: 1,
    })
    const { main } = await job(project, {
      run: 'sleep 60\necho still-runs',
      timeout: '2s',
      'fail-fast': 'false',
    })
    expect(main.annotations.map((a) => `${a.level}: ${a.message}`)).toContainEqual(
      expect.stringMatching(/^warning: Could not kill the timed-out command: /),
    )
    expect(main.stdout).toMatch(/^still-runs$/m)
  })

  it("when the session's shell has ended (the daemon answers 400): the command runs there, once", async () => {
    await project.emulator.admin.resetRequests()
    await project.emulator.admin.faults({
      method: 'POST',
      path: '/process/session/[^/]+/exec$',
      status: 400,
      times: 1,
    })
    const { main } = await job(project, { run: 'echo ran-once' })
    expect(main.exitCode, main.stdout).toBe(0)
    expect(main.stdout.match(/^ran-once$/gm)).toHaveLength(1)
    expect(main.stdout).not.toContain('Starting the command failed')
    const seen = await routes()
    expect([seen[SESSION_CREATE], seen[EXEC]]).toEqual([2, 2])
  })
})

describe('a start whose answer was lost', () => {
  it('to a gateway error is sent again once, saying so, when the session shows it never started', async () => {
    await project.emulator.admin.faults({
      method: 'POST',
      path: '/process/session/[^/]+/exec$',
      status: 502,
      emptyBody: true,
      times: 1,
    })
    const { main } = await job(project, { run: 'echo sent-again' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/^Starting the command failed \(.+\); sending it again\.$/m)
    expect(main.stdout.match(/^sent-again$/gm)).toHaveLength(1)
  })

  it('late in the block is matched to that command, never to one that ran before it', async () => {
    // the third start is made, but its answer never arrives
    await project.emulator.admin.faults({
      method: 'POST',
      path: '/process/session/[^/]+/exec$',
      dropAfterHandling: true,
      skip: 2,
      times: 1,
    })
    const { main } = await job(project, { run: 'echo first\necho second\necho third' })
    expect(main.exitCode, main.stdout).toBe(0)
    expect(main.stdout).not.toContain('sending it again')
    for (const line of ['first', 'second', 'third']) {
      expect(main.stdout.match(new RegExp(`^${line}$`, 'gm'))).toHaveLength(1)
    }
    expect(results(main).map((r) => r.exitCode)).toEqual([0, 0, 0])
    expect(await liveSandboxes(project)).toEqual([])
  })
})
