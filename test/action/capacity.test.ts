// When the organisation's totals are in use, or no runner has room, the create is refused with a 400 and
// nothing exists: the bundled action waits for room up to capacity-timeout, saying what is short and who
// holds it, and a matrix over the organisation's limit queues instead of failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import { BASE, job, liveSandboxes, openProject, type Project } from './project.ts'

describe('at a full organisation (1 vCPU in total)', () => {
  let project: Project
  let client: Daytona
  beforeAll(async () => {
    project = await openProject({}, { limits: { totalCpu: 1 } })
    client = new Daytona({ apiUrl: project.emulator.apiUrl, apiKey: project.emulator.apiKey })
  })
  afterAll(async () => {
    await client.close()
    await project.close()
  })

  /** Another job's sandbox of this repository, holding the organisation's only vCPU. */
  const holdTheRoom = () =>
    client.sandboxes.create({
      name: 'widgets-holder',
      labels: { 'daytona-action/repository': BASE, 'daytona-action/run-id': '41' },
    })

  it('waits for room, naming what is short and who holds it, then runs', async () => {
    const holder = await holdTheRoom()
    let freed = false
    const { main, post } = await job(
      project,
      { run: 'echo ran-after-waiting' },
      {
        onStdout: (chunk) => {
          if (!freed && chunk.includes('Waiting for Daytona capacity')) {
            freed = true
            void client.sandboxes.delete(holder.id)
          }
        },
      },
    )
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('ran-after-waiting')
    const notices = main.annotations.filter((a) => a.level === 'notice').map((a) => a.message)
    const waiting = notices.find((message) =>
      message.includes('Total CPU limit exceeded. Maximum allowed: 1.'),
    )
    expect(waiting).toMatch(/total CPU is in use.*capacity-timeout.*widgets-holder \(1 vCPU, 1 GiB, run 41\)/)
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('fails with what to do once capacity-timeout has passed, leaving nothing', async () => {
    const holder = await holdTheRoom()
    try {
      const { main } = await job(project, { run: 'echo never', 'capacity-timeout': '3s' })
      expect(main.exitCode).toBe(1)
      const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
      expect(errors.join('\n')).toMatch(
        /no room for the sandbox for 3s \(capacity-timeout, \d+ tries\): Total CPU limit exceeded\. Maximum allowed: 1\. .*max-parallel/,
      )
      expect(main.stdout).not.toContain('never')
    } finally {
      await client.sandboxes.delete(holder.id)
    }
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('a run cancelled while waiting for room ends on the first signal and leaves nothing', async () => {
    const holder = await holdTheRoom()
    try {
      const { main, post } = await job(
        project,
        { run: 'echo never' },
        { signalMain: { pattern: /Waiting for Daytona capacity/, signal: 'SIGINT', thenTermAfterMs: 7500 } },
      )
      expect(main.exitCode).toBe(130)
      expect(main.stdout).not.toContain('never')
      expect(post.annotations.filter((a) => a.level === 'warning')).toEqual([])
      expect((await liveSandboxes(project)).map((s) => s.name)).toEqual(['widgets-holder'])
    } finally {
      await client.sandboxes.delete(holder.id)
    }
  })

  it('waits while no runner is available', async () => {
    const body = { statusCode: 400, message: 'No available runners', error: 'Bad Request' }
    await project.emulator.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      status: 400,
      body,
      times: 2,
    })
    await project.emulator.admin.resetRequests()
    try {
      const { main } = await job(project, { run: 'echo ran-on-a-runner' })
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toContain('ran-on-a-runner')
      const notices = main.annotations.filter((a) => a.level === 'notice').map((a) => a.message)
      expect(notices.join('\n')).toMatch(/No Daytona runner has room .*No available runners\./)
      expect((await project.emulator.admin.requests()).routes['POST /api/sandbox']).toBe(3)
    } finally {
      await project.emulator.admin.clearFaults()
    }
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('a matrix over the organisation’s limit (Tier 1: 10 vCPU)', () => {
  let project: Project
  beforeAll(async () => {
    project = await openProject()
  })
  afterAll(() => project.close())

  it('runs six 2-vCPU legs, the ones without room waiting their turn', async () => {
    const legs = Array.from({ length: 6 }, (_, leg) =>
      job(
        project,
        { run: `echo leg-${leg}\nsleep 1`, cpu: '2' },
        { env: { ...project.env, GITHUB_JOB: `leg-${leg}` }, timeoutMs: 55_000 },
      ),
    )
    const done = await Promise.all(legs)
    for (const [leg, { main }] of done.entries()) {
      expect(main.exitCode, main.stdout).toBe(0)
      expect(main.stdout).toContain(`leg-${leg}`)
    }
    const waited = done.filter(({ main }) => main.log.includes('Waiting for Daytona capacity')).length
    console.info(`capacity: ${waited} of 6 legs waited for room`)
    expect(await liveSandboxes(project)).toEqual([])
  }, 90_000)
})
