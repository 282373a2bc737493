// Breaks an audit made one line at a time and no test saw. Each test here fails on one of them; all run the
// bundled action against the emulator, and look at what the runner itself would see (the raw stdout).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterEach(() => project.emulator.admin.clearFaults())
afterAll(() => project.close())

describe('what the runner is told', () => {
  it("fences command output: a command's workflow commands are shown, never obeyed", async () => {
    const { main } = await job(project, {
      run: 'echo "::warning title=INJ::from-a-command"; echo "::add-mask::widgets"; echo "::error::fake"',
    })
    expect(main.exitCode).toBe(0)
    expect(main.annotations.filter((a) => a.title === 'INJ' || a.message === 'fake')).toEqual([])
    expect(main.masks).not.toContain('widgets')
    expect(main.stdout).toMatch(/^::warning title=INJ::from-a-command$/m)
  })

  it('registers the API key as a secret with the runner before anything else is printed', async () => {
    const { main } = await job(project, { run: 'true' })
    // the raw stdout, as the runner reads it (the harness's own masking of the key would hide a missing one)
    const lines = main.log.split('\n')
    const before = lines.slice(
      0,
      lines.findIndex((line) => !line.startsWith('::add-mask::')),
    )
    expect(before).toContain(`::add-mask::${project.emulator.apiKey}`)
  })

  it('starts the commands in working-directory', async () => {
    const { main } = await job(project, { run: 'pwd\ncat widget.txt', 'working-directory': 'src' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(/\/widgets\/src$/m)
    expect(main.stdout).toContain('a widget')
  })
})

describe('a create whose answer is lost after the sandbox was made', () => {
  const loseCreateAnswer = () =>
    project.emulator.admin.faults({
      method: 'POST',
      path: '^/api/sandbox$',
      dropAfterHandling: true,
      times: 1,
    })

  it('adopts the sandbox by name instead of failing or making a second one', async () => {
    await loseCreateAnswer()
    const { main } = await job(project, { run: 'echo adopted' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('adopted')
    expect(main.stdout).toMatch(/Creating the sandbox failed/)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('is deleted by name by the post step when main died before it knew the id', async () => {
    await loseCreateAnswer()
    // main is killed while it waits to send the create again: the name is saved, the id never was
    const { main, post } = await job(
      project,
      { run: 'true' },
      { signalMain: { pattern: /Creating the sandbox failed/, signal: 'SIGKILL' } },
    )
    expect(main.signal).toBe('SIGKILL')
    expect(main.state['sandbox-id']).toBeUndefined()
    expect(post.stdout).toMatch(/Deleted sandbox/)
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('snapshots, on an emulator whose builds take seconds', () => {
  let slow: Project
  let ws: string
  beforeAll(async () => {
    slow = await openProject({}, { delays: { snapshotPendingMs: 3000 } })
    ws = await mkdtemp(join(tmpdir(), 'regressions-ws-'))
    await writeFile(join(ws, 'Dockerfile'), 'FROM node:22\nRUN echo slow\n')
  })
  afterAll(async () => {
    await slow.close()
    await rm(ws, { recursive: true, force: true })
  })
  afterEach(() => slow.emulator.admin.clearFaults())

  it('makes the job that lost the race to build wait for the winner, then use it', async () => {
    // both jobs look the name up before either creates it (the lookups answer "no such snapshot")
    await slow.emulator.admin.faults({ method: 'GET', path: '^/api/snapshots/race-', status: 404, times: 2 })
    const inputs = { run: 'echo ran', 'snapshot-prefix': 'race' }
    const legs = await Promise.all([1, 2].map(() => job(slow, inputs, { workspace: ws })))
    expect(legs.map((leg) => leg.main.exitCode)).toEqual([0, 0])
    const loser = legs.find((leg) => leg.main.outputs['snapshot-cache-hit'] === 'true')
    expect(loser?.main.stdout).toMatch(/Another job started building snapshot/)
    expect(loser?.main.stdout).toContain('ran')
  })

  it('gives up on a build at snapshot-timeout, and not before', async () => {
    await writeFile(join(ws, 'Dockerfile'), 'FROM node:22\nRUN echo slower\n')
    const quick = await job(
      slow,
      { run: 'true', 'snapshot-prefix': 'timeout', 'snapshot-timeout': '1s' },
      { workspace: ws, timeoutMs: 20_000 },
    )
    expect(quick.main.timedOut).toBe(false)
    expect(quick.main.exitCode).not.toBe(0)
    expect(quick.main.annotations.map((a) => a.message).join('\n')).toMatch(/not active after 1000 ms/)
    await writeFile(join(ws, 'Dockerfile'), 'FROM node:22\nRUN echo patient\n')
    const patient = await job(
      slow,
      { run: 'true', 'snapshot-prefix': 'timeout', 'snapshot-timeout': '40s' },
      { workspace: ws },
    )
    expect(patient.main.exitCode).toBe(0)
    expect(patient.main.outputs['snapshot-cache-hit']).toBe('false')
  })
})
