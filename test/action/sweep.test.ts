// mode: cleanup, the scheduled orphan sweep, through the bundled action: it deletes this repository's sandboxes
// made by this action whose run has ended or that are older than older-than, lists them first in a dry run,
// and never touches another repository's sandboxes or ones without the action's labels.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Daytona } from '../../src/daytona/client.ts'
import { findOrphans } from '../../src/sweep.ts'
import { BASE, job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
let client: Daytona
beforeAll(async () => {
  project = await openProject()
  client = new Daytona({ apiUrl: project.emulator.apiUrl, apiKey: project.emulator.apiKey })
})
afterAll(async () => {
  await client.close()
  await project.close()
})

const made = (name: string, labels: Record<string, string>) => client.sandboxes.create({ name, labels })
const ours = (runId: string) => ({ 'daytona-action/repository': BASE, 'daytona-action/run-id': runId })
const names = async () => (await liveSandboxes(project)).map((s) => s.name).sort()

describe('mode: cleanup', () => {
  it('lists, then deletes, the sandboxes whose run ended or that are too old, and no others', async () => {
    project.github.runs.set('100', 'completed')
    project.github.runs.set('200', 'in_progress')
    await made('ended-run', ours('100'))
    await made('running-run', ours('200'))
    await made('unknown-run', ours('300'))
    await made('other-repo', { 'daytona-action/repository': 'acme/other', 'daytona-action/run-id': '100' })
    await made('not-ours', {})
    const everything = await names()

    await project.emulator.admin.resetRequests()
    const dry = await job(project, { mode: 'cleanup' })
    expect(dry.main.exitCode).toBe(0)
    expect(dry.main.summary).toMatch(/Dry run: 1 sandbox of acme\/widgets would be deleted/)
    expect(dry.main.summary).toMatch(
      new RegExp(
        '^## Sandbox sweep\n\nDry run: 1 sandbox of acme/widgets would be deleted; set &#39;dry-run: false&#39; to ' +
          'delete them\\.\n\n\\| sandbox \\| state \\| age \\| would go because \\|\n\\| --- \\| --- \\| --- \\| --- \\|\n' +
          '\\| ended-run \\| started \\| \\d+s \\| run 100 has ended \\|\n$',
      ),
    )
    expect(await names()).toEqual(everything)
    const requests = await project.emulator.admin.requests()
    expect(Object.keys(requests.routes).filter((route) => !route.startsWith('GET '))).toEqual([])
    expect(dry.main.outputs.swept).toBe('0')
    expect(dry.main.stdout).toContain('Would delete ended-run (run 100 has ended).')

    const real = await job(project, { mode: 'cleanup', 'dry-run': 'false' })
    expect(real.main.exitCode).toBe(0)
    expect(real.main.outputs.swept).toBe('1')
    expect(real.main.summary).toMatch(/Deleted 1 sandbox of acme\/widgets/)
    expect(real.main.summary).toContain('| sandbox | state | age | deleted because |')
    expect(real.main.stdout).toContain('Deleted ended-run (run 100 has ended).')
    expect(real.main.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        title: 'Sandbox sweep',
        message: expect.stringMatching(/^Deleted 1 sandbox /),
      }),
    )
    expect(await names()).toEqual(['not-ours', 'other-repo', 'running-run', 'unknown-run'])

    await made('running-too', ours('200'))
    await made('no-run-id', { 'daytona-action/repository': BASE })
    await made('pipe-run', ours('5|6'))
    project.github.requests.length = 0
    await sleep(1100) // so that every sandbox left is older than the 1s below
    const old = await job(project, { mode: 'cleanup', 'dry-run': 'false', 'older-than': '1s' })
    expect(old.main.exitCode).toBe(0)
    expect(old.main.summary).toMatch(/running-run .* older than 1s; run 200 is in progress/)
    expect(old.main.summary).toMatch(/unknown-run .* older than 1s; run 300 unknown to GitHub/)
    expect(old.main.summary).toMatch(/no-run-id .* older than 1s; run \? unknown to GitHub/)
    // a label's | would end the table's cell
    expect(old.main.summary).toMatch(/pipe-run .* older than 1s; run 5\\\|6 unknown to GitHub \|$/m)
    // one question to GitHub per run, however many sandboxes it holds
    expect(project.github.requests.filter((r) => r.path.endsWith('/actions/runs/200'))).toHaveLength(1)
    expect(await names()).toEqual(['not-ours', 'other-repo'])
    expect(old.post.exitCode).toBe(0)

    for (const sandbox of await liveSandboxes(project)) await client.sandboxes.delete(sandbox.id)
  })

  it('leaves a sandbox of its own run alone, however old', async () => {
    await made('same-run', ours('7654321098'))
    await sleep(1100)
    const dry = await job(project, { mode: 'cleanup', 'older-than': '1s', summary: 'false' })
    expect(dry.main.exitCode).toBe(0)
    expect(dry.main.summary).toBe('')
    expect(dry.main.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message:
          "Dry run: 0 sandboxes of acme/widgets would be deleted; set 'dry-run: false' to delete them.",
      }),
    )
    const { main } = await job(project, { mode: 'cleanup', 'dry-run': 'false', 'older-than': '1s' })
    expect(main.exitCode).toBe(0)
    expect(main.summary).toBe('## Sandbox sweep\n\nDeleted 0 sandboxes of acme/widgets.\n')
    expect(await names()).toEqual(['same-run'])
    for (const sandbox of await liveSandboxes(project)) await client.sandboxes.delete(sandbox.id)
  })

  it('fails naming the sandboxes it could not delete, counts one gone meanwhile, and skips deleted ones', async () => {
    project.github.runs.set('400', 'completed')
    const refused = await made('refused', ours('400'))
    const refusedToo = await made('refused-too', ours('400'))
    const vanished = await made('vanished', ours('400'))
    await made('deletable', ours('400'))
    const deleted = await made('deleted-already', ours('400'))
    await client.sandboxes.delete(deleted.id)
    try {
      const path = (id: string) => `^/api/sandbox/${id}$`
      await project.emulator.admin.faults({ method: 'DELETE', path: path(refused.id), status: 403, times: 1 })
      await project.emulator.admin.faults({
        method: 'DELETE',
        path: path(refusedToo.id),
        status: 403,
        times: 1,
      })
      await project.emulator.admin.faults({
        method: 'DELETE',
        path: path(vanished.id),
        status: 404,
        times: 1,
      })
      const { main } = await job(project, { mode: 'cleanup', 'dry-run': 'false' })
      expect(main.exitCode).toBe(1)
      expect(main.outputs.swept).toBe('2')
      expect(main.summary).toMatch(/Deleted 2 sandboxes of acme\/widgets/)
      expect(main.summary).not.toContain('deleted-already')
      const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
      expect(errors).toEqual([
        expect.stringMatching(/^Could not delete refused(-too)?: .+; refused(-too)?: /),
      ])
      expect(await names()).toEqual(['refused', 'refused-too', 'vanished'])
    } finally {
      await project.emulator.admin.clearFaults()
      for (const sandbox of await liveSandboxes(project)) await client.sandboxes.delete(sandbox.id)
    }
  })

  it('takes a sandbox exactly older-than old as not yet too old, and one a millisecond older as too old', async () => {
    const sandbox = await made('boundary', ours('600'))
    try {
      const created = Date.parse(sandbox.createdAt!)
      const event = { repository: BASE, runId: '1' }
      const at = async (now: number) =>
        (await findOrphans(client, { olderThanMs: 60_000, token: '' }, event, now)).map((o) => o.sandbox.name)
      expect(await at(created + 60_000)).toEqual([])
      expect(await at(created + 60_001)).toEqual(['boundary'])
    } finally {
      await client.sandboxes.delete(sandbox.id)
    }
  })

  it('refuses to sweep outside a workflow run, before any request', async () => {
    await project.emulator.admin.resetRequests()
    const { main } = await job(
      project,
      { mode: 'cleanup' },
      { env: { ...project.env, GITHUB_REPOSITORY: '' }, event: { name: 'schedule', payload: {} } },
    )
    expect(main.exitCode).toBe(1)
    expect(main.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringMatching(/^Input 'repository' has nothing to default to/),
    ])
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('refuses a bad mode or older-than before any request', async () => {
    await project.emulator.admin.resetRequests()
    const bad: Record<string, string>[] = [{ mode: 'sweep' }, { mode: 'cleanup', 'older-than': 'yesterday' }]
    for (const inputs of bad) {
      const { main } = await job(project, inputs)
      expect(main.exitCode).toBe(1)
      const errors = main.annotations.filter((a) => a.level === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]!.message).toMatch(/^Input '(mode|older-than)' /)
    }
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })
})

describe('sandboxes already on their way out', () => {
  let slow: Project
  let slowClient: Daytona
  beforeAll(async () => {
    slow = await openProject({}, { delays: { destroyMs: 30_000 } })
    slowClient = new Daytona({ apiUrl: slow.emulator.apiUrl, apiKey: slow.emulator.apiKey })
  })
  afterAll(async () => {
    await slowClient.close()
    await slow.close()
  })

  it('are neither listed nor deleted again', async () => {
    slow.github.runs.set('500', 'completed')
    const going = await slowClient.sandboxes.create({ name: 'going', labels: ours('500') })
    await slowClient.sandboxes.delete(going.id)
    await slow.emulator.admin.resetRequests()
    const { main } = await job(slow, { mode: 'cleanup', 'dry-run': 'false' })
    expect(main.exitCode).toBe(0)
    expect(main.summary).toBe('## Sandbox sweep\n\nDeleted 0 sandboxes of acme/widgets.\n')
    expect((await slow.emulator.admin.requests()).routes['DELETE /api/sandbox/{idOrName}']).toBeUndefined()
    expect(await liveSandboxes(slow)).toEqual([])
  })
})
