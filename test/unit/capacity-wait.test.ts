// The wait for room on its own, against the emulator: the first refusal's notice (what is short, and which of
// this action's sandboxes of the repository hold it), the schedule of waits between tries, and the failure once
// capacity-timeout has passed. The pause is recorded instead of slept, so the schedule is seen, not waited out.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { CapacityError, CapacityWait, type Pause, type Shortage } from '../../src/capacity.ts'
import { Daytona } from '../../src/daytona/client.ts'
import { BadRequestError } from '../../src/daytona/errors.ts'
import { LABEL_PREFIX } from '../../src/github-context.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

const CPU_REFUSAL =
  "Total CPU limit exceeded. Maximum allowed: 10.\nTo increase concurrency limits, upgrade your organization's Tier."
const refusal = (serverMessage: string) =>
  new BadRequestError({ method: 'POST', path: '/api/sandbox', status: 400, serverMessage })

let h: EmulatorHarness
let client: Daytona
let printed: string[]
let made: string[]

beforeAll(async () => {
  h = await withEmulator()
  client = new Daytona({ apiUrl: h.apiUrl, apiKey: h.apiKey })
})
afterAll(async () => {
  await client?.close()
  await h?.close()
})
beforeEach(() => {
  printed = []
  made = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk))
    return true
  })
})
afterEach(async () => {
  vi.restoreAllMocks()
  await h.admin.clearFaults()
  for (const id of made) await client.sandboxes.delete(id)
})

/** Sleeps nothing; remembers each pause. `random` fixes the jitter (0: ×0.75, 1: ×1.25). */
function recordedPause(random: number, slept: number[] = []): Pause & { slept: number[] } {
  return {
    slept,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms)
    },
  }
}

const newRepository = () => `octo/repo-${randomUUID().slice(0, 8)}`

/** A running sandbox with this action's labels for `repository`, of `cpu` vCPU, 2×cpu GiB memory, 3×cpu disk. */
async function holder(repository: string, cpu: number, runId?: string): Promise<string> {
  const labels = {
    [`${LABEL_PREFIX}repository`]: repository,
    ...(runId ? { [`${LABEL_PREFIX}run-id`]: runId } : {}),
  }
  // resources can only be asked for with an image, not with a snapshot
  const buildInfo = { dockerfileContent: 'FROM node:22-bookworm\n' }
  const sandbox = await client.sandboxes.create({ buildInfo, labels, cpu, memory: 2 * cpu, disk: 3 * cpu })
  made.push(sandbox.id)
  await client.sandboxes.waitUntilStarted(sandbox.id, { timeoutMs: 10_000 })
  return sandbox.name
}

const notices = () => printed.filter((line) => line.startsWith('::notice'))

async function firstNotice(repository: string, shortage: Shortage, message = CPU_REFUSAL): Promise<string> {
  await new CapacityWait(client, repository, 600_000, recordedPause(1)).wait(refusal(message), shortage)
  expect(notices()).toHaveLength(1)
  return notices()[0]!
}

describe('the first refusal', () => {
  it("names what is short and the action's running sandboxes of this repository that hold it", async () => {
    const repository = newRepository()
    const one = await holder(repository, 1, 'run-1')
    const two = await holder(repository, 2, 'run-2')
    const otherRepository = await holder(newRepository(), 1, 'run-3')
    const stopped = await holder(repository, 1, 'run-4')
    await h.api('POST', `/sandbox/${stopped}/stop`)

    const notice = await firstNotice(repository, 'CPU')
    expect(notice).toMatch(
      /^::notice title=Waiting for Daytona capacity::The organisation's total CPU is in use: Total CPU limit exceeded\. Maximum allowed: 10\. Waiting up to 10m \(capacity-timeout\) for room\. /,
    )
    expect(notice).toContain(
      `This action's running sandboxes of ${repository} hold 3 vCPU, 6 GiB memory, 9 GiB disk: `,
    )
    expect(notice).toContain(`${one} (1 vCPU, 2 GiB, run run-1)`)
    expect(notice).toContain(`${two} (2 vCPU, 4 GiB, run run-2)`)
    expect(notice).not.toContain(otherRepository)
    expect(notice).not.toContain(stopped)
    expect(notice.trimEnd()).toMatch(/run run-\d\)\.$/)
  })

  it('shows five holders and counts the rest; one without a run id shows "?"', async () => {
    const repository = newRepository()
    for (let n = 0; n < 6; n++) await holder(repository, 1)
    const notice = await firstNotice(
      repository,
      'memory',
      'Total memory limit exceeded. Maximum allowed: 20GiB.',
    )
    expect(notice).toContain("The organisation's total memory is in use: Total memory limit exceeded.")
    expect(notice.match(/\(1 vCPU, 2 GiB, run \?\)/g)).toHaveLength(5)
    expect(notice).toContain('hold 6 vCPU, 12 GiB memory, 18 GiB disk: ')
    expect(notice.trimEnd()).toMatch(/run \?\) and 1 more\.$/)
  })

  it('says so when none of the room is held by the action in this repository', async () => {
    const repository = newRepository()
    const notice = await firstNotice(repository, 'runners', 'No available runners')
    expect(notice).toContain(
      '::No Daytona runner has room for the sandbox: No available runners. Waiting up to',
    )
    expect(notice.trimEnd()).toMatch(
      new RegExp(
        `None of it is held by this action's sandboxes of ${repository}: other sandboxes of the organisation use it\\.$`,
      ),
    )
  })

  it('still waits, saying so, when the sandboxes cannot be listed', async () => {
    await h.admin.faults({ method: 'GET', path: '^/api/sandbox(\\?|$)', status: 403, times: 1 })
    const notice = await firstNotice(newRepository(), 'CPU')
    expect(notice.trimEnd()).toMatch(/for room\. This action's running sandboxes could not be listed\.$/)
  })
})

describe('the waits between tries', () => {
  it('grow by half each time up to 15 s, jittered ±25 %, with one notice and then a line per try', async () => {
    const late = recordedPause(1)
    const wait = new CapacityWait(client, newRepository(), 600_000, late)
    for (let n = 0; n < 8; n++) await wait.wait(refusal(CPU_REFUSAL), 'CPU')
    expect(late.slept).toEqual([2500, 3750, 5625, 8437.5, 12656.25, 18750, 18750, 18750])
    expect(notices()).toHaveLength(1)
    expect(printed.filter((line) => line === 'Still no room (CPU); trying again.\n')).toHaveLength(7)

    const early = recordedPause(0)
    const other = new CapacityWait(client, newRepository(), 600_000, early)
    for (let n = 0; n < 3; n++) await other.wait(refusal(CPU_REFUSAL), 'CPU')
    expect(early.slept).toEqual([1500, 2250, 3375])
  })

  it('never wait past the deadline', async () => {
    const pause = recordedPause(1)
    const wait = new CapacityWait(client, newRepository(), 3000, pause)
    await wait.wait(refusal(CPU_REFUSAL), 'CPU')
    await wait.wait(refusal(CPU_REFUSAL), 'CPU')
    expect(pause.slept[0]).toBe(2500)
    // 3750 by the schedule, but only what is left of the 3 s
    expect(pause.slept[1]).toBeLessThanOrEqual(3000)
    expect(pause.slept[1]).toBeGreaterThan(2500)
  })
})

describe('once capacity-timeout has passed', () => {
  it('fails with what is short and what to do, without waiting or a notice', async () => {
    const pause = recordedPause(1)
    const refused = new CapacityWait(client, newRepository(), 0, pause).wait(refusal(CPU_REFUSAL), 'CPU')
    const err = await refused.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CapacityError)
    expect((err as Error).name).toBe('CapacityError')
    expect((err as Error).message).toBe(
      'Daytona had no room for the sandbox for 0ms (capacity-timeout, 1 tries): Total CPU limit exceeded. ' +
        "Maximum allowed: 10. Delete or stop sandboxes you no longer need, raise 'capacity-timeout', run fewer " +
        "legs at once (the matrix's max-parallel), ask for a smaller size, or upgrade the organisation's tier.",
    )
    expect(pause.slept).toEqual([])
    expect(notices()).toEqual([])
  })

  it('counts the tries, and for want of a runner suggests another region', async () => {
    const slept: number[] = []
    const pause: Pause = {
      random: () => 1,
      // waits out the pause (capped at the deadline) and a little more
      sleep: async (ms) => {
        slept.push(ms)
        await sleep(ms + 20)
      },
    }
    const wait = new CapacityWait(client, newRepository(), 50, pause)
    await wait.wait(refusal('No available runners'), 'runners')
    const err = await wait.wait(refusal('No available runners'), 'runners').catch((e: unknown) => e)
    expect(slept).toHaveLength(1)
    expect((err as Error).message).toBe(
      'Daytona had no room for the sandbox for 50ms (capacity-timeout, 2 tries): No available runners. Try ' +
        "again later or another region ('target'); or raise 'capacity-timeout', run fewer legs at once (the " +
        "matrix's max-parallel).",
    )
  })
})
