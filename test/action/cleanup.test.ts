// What main hands the post step (cleanup.ts), one step at a time as the runner runs them: the fate main settled
// (then post makes no request at all), or the sandbox to delete (then post says which, and a sandbox already
// gone is no problem); and a cancellation that gets SIGTERM soon after SIGINT is handled once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runStep } from '../../runner/job.ts'
import { leaveClean, liveSandboxes, mainStep, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterEach(() => leaveClean(project))
afterAll(() => project.close())

function postStep(inputs: Record<string, string>, state: Record<string, string>) {
  return runStep('post', {
    event: project.event,
    env: project.env,
    secrets: [project.emulator.apiKey],
    inputs: { ...project.inputs, ...inputs },
    state,
  })
}

/** post after `main`, counting the requests post alone makes */
async function postAfter(main: { state: Record<string, string> }, inputs: Record<string, string> = {}) {
  await project.emulator.admin.resetRequests()
  const post = await postStep(inputs, main.state)
  return { post, requests: (await project.emulator.admin.requests()).total }
}

const killedMidCommand = { signalAfter: { pattern: /^started$/m, signal: 'SIGKILL' as const } }

describe('a fate main settled', () => {
  it('deleted: post makes no request', async () => {
    const main = await mainStep(project, { run: 'echo ok' }, {})
    expect(main.state['sandbox-settled']).toBe('deleted')
    const { post, requests } = await postAfter(main)
    expect([post.exitCode, requests, post.stdout]).toEqual([0, 0, ''])
  })

  it('kept: post makes no request, and the sandbox stays', async () => {
    const main = await mainStep(project, { run: 'echo ok', 'keep-sandbox': 'always' }, {})
    expect(main.state['sandbox-settled']).toBe('kept')
    const { post, requests } = await postAfter(main, { 'keep-sandbox': 'always' })
    expect([post.exitCode, requests]).toEqual([0, 0])
    expect((await liveSandboxes(project)).map((s) => s.name)).toEqual([main.state['sandbox-name']])
  })

  it('none, when the create was refused for the key: post makes no request', async () => {
    const main = await mainStep(project, { run: 'echo ok', 'api-key': 'dtn_not_the_key' }, {})
    expect(main.exitCode).toBe(1)
    expect(main.state['sandbox-settled']).toBe('none')
    const { post, requests } = await postAfter(main, { 'api-key': 'dtn_not_the_key' })
    expect([post.exitCode, requests]).toEqual([0, 0])
  })
})

describe('a sandbox main left behind', () => {
  it('is deleted by post, which names it', async () => {
    const main = await mainStep(project, { run: 'echo started; sleep 60' }, killedMidCommand)
    const name = main.state['sandbox-name']!
    expect(main.state['sandbox-settled']).toBeUndefined()
    const { post } = await postAfter(main)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Main did not finish cleaning up: deleting sandbox ${name}.`)
    expect(post.stdout).toContain(`Deleted sandbox ${name}.`)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('already gone is no problem for post: no warning', async () => {
    const main = await mainStep(project, { run: 'echo started; sleep 60' }, killedMidCommand)
    await project.emulator.api('DELETE', `/sandbox/${main.state['sandbox-id']}`)
    const { post } = await postAfter(main)
    expect(post.exitCode).toBe(0)
    expect(post.annotations).toEqual([])
    expect(post.stdout).not.toContain('Deleted sandbox')
  })
})

describe('a sandbox known only by name', () => {
  it('(main died before the create answered) is deleted by name by post', async () => {
    const made = await project.emulator.api('POST', '/sandbox', { name: 'known-by-name' })
    expect(made.status).toBe(200)
    const state = { 'api-url': project.emulator.apiUrl, 'sandbox-name': 'known-by-name' }
    const { post } = await postAfter({ state })
    expect(post.stdout).toContain('Deleted sandbox known-by-name.')
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('a delete main could not make', () => {
  it('is left to post, which deletes the sandbox', async () => {
    await project.emulator.admin.faults({
      method: 'DELETE',
      path: '^/api/sandbox/[^/]+$',
      status: 403,
      times: 1,
    })
    try {
      const main = await mainStep(project, { run: 'echo ok' }, {})
      expect(main.exitCode).toBe(0)
      expect(main.annotations.map((a) => a.message)).toContainEqual(
        expect.stringMatching(new RegExp(`^Could not delete sandbox ${main.state['sandbox-name']}: `)),
      )
      expect(main.state['sandbox-settled']).toBeUndefined()
      const { post } = await postAfter(main)
      expect(post.stdout).toContain(`Deleted sandbox ${main.state['sandbox-name']}.`)
      expect(await liveSandboxes(project)).toEqual([])
    } finally {
      await project.emulator.admin.clearFaults()
    }
  })
})

describe('a 404 on delete', () => {
  it('means gone: main settles it, and post asks nothing', async () => {
    await project.emulator.admin.faults({
      method: 'DELETE',
      path: '^/api/sandbox/[^/]+$',
      status: 404,
      times: 1,
    })
    const main = await mainStep(project, { run: 'echo ok' }, {})
    await project.emulator.admin.clearFaults()
    expect(main.state['sandbox-settled']).toBe('deleted')
    expect(main.annotations.filter((a) => a.level === 'warning')).toEqual([])
    const { requests } = await postAfter(main)
    expect(requests).toBe(0)
  })
})

describe('cancellation', () => {
  it('handles SIGINT once even when SIGTERM follows at once, and deletes the sandbox', async () => {
    // the delete takes a second, so the SIGTERM arrives while the SIGINT's cleanup is under way
    await project.emulator.admin.faults({
      method: 'DELETE',
      path: '^/api/sandbox/[^/]+$',
      latencyMs: 1000,
      times: 1,
    })
    const main = await mainStep(
      project,
      { run: 'echo started; sleep 60' },
      { signalAfter: { pattern: /^started$/m, signal: 'SIGINT', thenTermAfterMs: 50 } },
    )
    expect(main.exitCode).toBe(130)
    const warnings = main.annotations.filter((a) => a.level === 'warning').map((a) => a.message)
    expect(warnings).toEqual(['The run was cancelled: deleting the sandbox.'])
    expect(main.stdout).toContain(`Deleted sandbox ${main.state['sandbox-name']}.`)
    expect(main.state['sandbox-settled']).toBe('deleted')
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('gives up a delete that hangs within the grace period, saying so, and leaves the sandbox to post', async () => {
    await project.emulator.admin.faults({
      method: 'DELETE',
      path: '^/api/sandbox/[^/]+$',
      latencyMs: 20_000,
      times: 1,
    })
    const main = await mainStep(
      project,
      { run: 'echo started; sleep 60' },
      { signalAfter: { pattern: /^started$/m, signal: 'SIGINT' } },
    )
    expect(main.exitCode).toBe(130)
    expect(main.annotations.map((a) => a.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^Could not delete sandbox ${main.state['sandbox-name']}: `)),
    )
    const { post } = await postAfter(main)
    expect(post.stdout).toContain(`Deleted sandbox ${main.state['sandbox-name']}.`)
  })

  it('ends with 143 on SIGTERM alone, as a job timeout sends it', async () => {
    const main = await mainStep(
      project,
      { run: 'echo started; sleep 60' },
      { signalAfter: { pattern: /^started$/m, signal: 'SIGTERM' } },
    )
    expect(main.exitCode).toBe(143)
    expect(await liveSandboxes(project)).toEqual([])
  })
})
