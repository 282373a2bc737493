// A sandbox Daytona destroyed because it waited longer than its queue timeout for a runner (API 0.220+,
// `queueTimedOutAt`): the action says so, and what to do, instead of reporting a bare "destroyed".
import { afterAll, beforeAll, expect, it } from 'vitest'
import { job, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  // creating lasts 5 s, and the create answers after 100 ms: the sandbox is still waiting when we time it out
  project = await openProject({}, { delays: { createMs: 5000, createWaitMs: 100 } })
})
afterAll(() => project.close())

it('reports a sandbox destroyed by its queue timeout as such', async () => {
  const running = job(project, { run: 'true' })
  let waiting: { id: string } | undefined
  for (let i = 0; i < 800 && !waiting; i++) {
    const all: { id: string; dbState: string }[] = await project.emulator.admin.sandboxes()
    waiting = all.find((sb) => sb.dbState === 'creating')
    if (!waiting) await new Promise((r) => setTimeout(r, 25))
  }
  expect(waiting).toBeDefined()
  const timedOut = await project.emulator.api('POST', `/_emulator/sandboxes/${waiting!.id}/queue-timeout`)
  expect(timedOut.status).toBe(204)
  const { main } = await running
  expect(main.exitCode).toBe(1)
  const error = main.annotations.find((a) => a.level === 'error')?.message ?? ''
  expect(error).toMatch(
    /waited longer than its queue timeout for a runner, and Daytona destroyed it at \d{4}-\d\d-\d\dT.*no runner in region us had room.*Run the job again later/,
  )
  expect(error).toMatch(
    /Run the job again later, choose another region with 'target', or ask Daytona about capacity\.$/,
  )
  const gone = await project.emulator.api('GET', `/sandbox/${waiting!.id}`)
  expect(gone.body).toMatchObject({ state: 'destroyed', queueTimedOutAt: expect.any(String) })
})
