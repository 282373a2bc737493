// The fault suite (`npm run faults`, also part of `npm test`): the bundled action, main then post as the
// runner runs them, against the emulator with faults injected, one scenario after another. It prints a table
// (scenario, outcome, sandboxes left, requests made), and its bar is zero sandboxes left across all of them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openProject, type Project } from '../action/project.ts'
import { apiScenarios } from './api.ts'
import { cancelDuring, killDuring } from './cancel.ts'
import { postUnreachable } from './post-unreachable.ts'
import { formatTable, recordScenario, rows } from './table.ts'

let fast: Project
/** creates take 5 s, and POST /sandbox answers after 1.5 s with the sandbox still creating; builds are slow */
let slow: Project
/** an emulated minute is 200 ms: the server-side backstop fires within the test */
let quickMinutes: Project
let dockerWorkspace: string

beforeAll(async () => {
  ;[fast, slow, quickMinutes] = await Promise.all([
    openProject(),
    openProject({}, { delays: { createMs: 5000, createWaitMs: 1500, buildStepMs: 1500 } }),
    openProject({}, { delays: { minuteMs: 200 } }),
  ])
  dockerWorkspace = await mkdtemp(join(tmpdir(), 'faults-ws-'))
  const steps = Array.from({ length: 8 }, (_, n) => `RUN echo slow-step-${n}`).join('\n')
  await writeFile(join(dockerWorkspace, 'Dockerfile'), `FROM node:22\n${steps}\n`)
})

afterAll(async () => {
  console.info(`fault suite:\n${formatTable(rows)}`)
  await Promise.all([fast, slow, quickMinutes].map((project) => project?.close()))
  await rm(dockerWorkspace, { recursive: true, force: true })
})

const longCommand = { run: 'echo started-long-command; sleep 120' }

describe('cancelled (SIGINT, then SIGTERM 7.5 s later) while', () => {
  it('creating the sandbox', async () => {
    const row = await recordScenario(slow, 'SIGINT while creating', () =>
      cancelDuring(slow, longCommand, /Creating sandbox /),
    )
    expect(row.left).toBe(0)
  })

  it('waiting for it to start', async () => {
    const row = await recordScenario(slow, 'SIGINT while waiting for start', () =>
      cancelDuring(slow, longCommand, /Sandbox is \w+…/),
    )
    expect(row.left).toBe(0)
  })

  it('building the snapshot', async () => {
    const row = await recordScenario(slow, 'SIGINT during the snapshot build', () =>
      cancelDuring(slow, { ...longCommand, 'snapshot-prefix': 'cancel' }, /slow-step-1/, {
        workspace: dockerWorkspace,
      }),
    )
    expect(row.left).toBe(0)
  })

  it('cloning', async () => {
    const row = await recordScenario(fast, 'SIGINT while cloning', async () => {
      await fast.emulator.admin.faults({ method: 'POST', path: '/git/clone$', latencyMs: 20_000 })
      return cancelDuring(fast, longCommand, /Cloning /)
    })
    expect(row.left).toBe(0)
  })

  it('running a command', async () => {
    const row = await recordScenario(fast, 'SIGINT while a command runs', () =>
      cancelDuring(fast, longCommand, /^started-long-command$/m),
    )
    expect(row.left).toBe(0)
  })
})

describe('main killed', () => {
  it('with SIGKILL mid-command: post deletes it', async () => {
    const row = await recordScenario(fast, 'SIGKILL mid-command', () =>
      killDuring(fast, longCommand, /^started-long-command$/m),
    )
    expect(row.left).toBe(0)
  })

  it('by the job timeout while the sandbox is still creating: post deletes it by id', async () => {
    const row = await recordScenario(slow, 'SIGKILL while creating (job timeout)', () =>
      killDuring(slow, longCommand, /Sandbox is \w+…/, 'id'),
    )
    expect(row.left).toBe(0)
  })

  it('before it knew the id (the create answer was lost): post deletes it by name', async () => {
    const row = await recordScenario(fast, 'SIGKILL before the id is known', async () => {
      await fast.emulator.admin.faults({
        method: 'POST',
        path: '^/api/sandbox$',
        dropAfterHandling: true,
        times: 1,
      })
      return killDuring(fast, longCommand, /Creating the sandbox failed/, 'name')
    })
    expect(row.left).toBe(0)
  })

  it('with the API unreachable during post: a warning, and the backstop deletes it', async () => {
    const row = await recordScenario(quickMinutes, 'API unreachable during post', () =>
      postUnreachable(quickMinutes, longCommand),
    )
    expect(row.left).toBe(0)
  }, 120_000)
})

describe('Daytona misbehaving', () => {
  for (const scenario of apiScenarios) {
    it(scenario.name, async () => {
      const row = await recordScenario(fast, scenario.name, () => scenario.run(fast))
      expect(row.left).toBe(0)
    })
  }
})

describe('the bar', () => {
  it('leaves zero sandboxes across every scenario', () => {
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((row) => row.left !== 0)).toEqual([])
  })
})
