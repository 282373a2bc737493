// Daytona misbehaving the ways it really does: throttling, gateways answering empty, connections dropped,
// a create that fails but leaves an errored sandbox, a delete refused while a transition is pending.
import { expect } from 'vitest'
import type { FaultSpec } from '../../emulator/faults.ts'
import { job, liveSandboxes, type Project } from '../action/project.ts'

interface ApiScenario {
  name: string
  run(project: Project): Promise<string>
}

async function created(project: Project): Promise<number> {
  return (await project.emulator.admin.sandboxes()).length
}

/** Injects `faults`, runs one passing job, and checks it made exactly one sandbox. */
async function survives(project: Project, faults: FaultSpec[], marker: string) {
  for (const fault of faults) await project.emulator.admin.faults(fault)
  const before = await created(project)
  const { main, post } = await job(project, { run: `echo ${marker}` })
  expect(main.exitCode, main.stdout).toBe(0)
  expect(main.stdout).toContain(marker)
  expect(post.exitCode).toBe(0)
  expect((await created(project)) - before).toBe(1)
  const routes = (await project.emulator.admin.requests()).routes
  return { main, routes }
}

export const apiScenarios: ApiScenario[] = [
  {
    name: '429 storm on create (Retry-After-<throttler>)',
    async run(project) {
      const storm = { status: 429, throttler: 'sandbox-create', retryAfterSeconds: 1, times: 3 }
      const { routes } = await survives(project, [{ method: 'POST', path: '^/api/sandbox$', ...storm }], 'ok')
      expect(routes['POST /api/sandbox']).toBe(4)
      return `passed after waiting; ${routes['POST /api/sandbox']} creates, 1 sandbox`
    },
  },
  {
    name: '429 storm on toolbox calls',
    async run(project) {
      const storm = { status: 429, throttler: 'toolbox', retryAfterSeconds: 1, times: 3 }
      await survives(project, [{ path: '^/toolbox/', ...storm }], 'ok')
      return 'passed after waiting'
    },
  },
  {
    name: '502/503 with empty bodies on reads',
    async run(project) {
      const faults = [
        { method: 'GET', path: '^/toolbox/', status: 503, emptyBody: true, times: 2 },
        { method: 'GET', path: '^/toolbox/', status: 502, emptyBody: true, times: 2 },
      ]
      await survives(project, faults, 'ok')
      return 'retried, passed'
    },
  },
  {
    name: 'dropped connections on reads',
    async run(project) {
      await survives(project, [{ method: 'GET', path: '^/toolbox/', drop: true, times: 2 }], 'ok')
      return 'retried, passed'
    },
  },
  {
    name: '502 with an empty body on create',
    async run(project) {
      const fault = { method: 'POST', path: '^/api/sandbox$', status: 502, emptyBody: true, times: 1 }
      await survives(project, [fault], 'ok')
      return 'sent again, passed, 1 sandbox'
    },
  },
  {
    name: 'create answered into the void (drop after handling)',
    async run(project) {
      const fault = { method: 'POST', path: '^/api/sandbox$', dropAfterHandling: true, times: 1 }
      const { main } = await survives(project, [fault], 'ok')
      expect(main.stdout).toMatch(/Creating the sandbox failed/)
      return 'adopted by name, passed, 1 sandbox'
    },
  },
  {
    name: 'create 400 leaving an errored sandbox',
    async run(project) {
      await project.emulator.admin.faults({
        method: 'POST',
        path: '^/api/sandbox$',
        leaveErroredSandbox: true,
        times: 1,
      })
      const { main, post } = await job(project, { run: 'true' })
      expect(main.exitCode).not.toBe(0)
      expect(main.annotations.map((a) => a.message).join('\n')).toMatch(/Sandbox failed to start/)
      expect(post.exitCode).toBe(0)
      // deleted: Daytona reports it `error` until its runner has torn it down, so the delete is what counts
      expect(await liveSandboxes(project)).toEqual([])
      expect((await project.emulator.admin.requests()).routes['DELETE /api/sandbox/{idOrName}']).toBe(1)
      return `failed with "Sandbox failed to start"; errored sandbox deleted`
    },
  },
  {
    name: '409 "state change in progress" on delete',
    async run(project) {
      const fault = { method: 'DELETE', path: '^/api/sandbox/', conflict: true, times: 3 }
      const { routes } = await survives(project, [fault], 'ok')
      expect(routes['DELETE /api/sandbox/{idOrName}']).toBeGreaterThanOrEqual(4)
      return `passed; ${routes['DELETE /api/sandbox/{idOrName}']} deletes until it went`
    },
  },
]
