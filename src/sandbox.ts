// Step 3: a fresh sandbox for this job, named and labelled so cleanup can always find it, with a server-side
// backstop so that a sandbox whose runner vanished stops and deletes itself.
import { setTimeout } from 'node:timers/promises'
import * as core from '@actions/core'
import { CapacityWait, shortageOf } from './capacity.ts'
import type { Cleanup } from './cleanup.ts'
import type { Daytona } from './daytona/client.ts'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  DeadlineError,
  ForbiddenError,
  ServerError,
  StateError,
} from './daytona/errors.ts'
import type { CreateSandbox, Sandbox } from './daytona/types.ts'
import type { Environment } from './environment/index.ts'
import { type JobIdentity, type Source, sandboxLabels, sandboxName } from './github-context.ts'
import type { Config } from './inputs.ts'
import { printable } from './printable.ts'

/**
 * Auto-stop after this many idle minutes. Activity is every toolbox request, and an open log socket refreshes it,
 * so only a sandbox nobody talks to any more (its runner is gone) reaches it.
 */
const IDLE_STOP_MINUTES = 15
const START_TIMEOUT_MS = 5 * 60_000
const CREATE_ATTEMPTS = 3

export async function createSandbox(
  client: Daytona,
  config: Config,
  source: Source,
  environment: Environment,
  job: JobIdentity,
  cleanup: Cleanup,
  commandCount: number,
): Promise<Sandbox> {
  const name = sandboxName(source, job)
  cleanup.rememberName(name)
  const body: CreateSandbox = {
    name,
    ...environment.createParams,
    target: config.target,
    env: { ...config.env },
    labels: { ...config.labels, ...sandboxLabels(source, job) },
    autoStopInterval: IDLE_STOP_MINUTES,
    // Stopping an ephemeral sandbox deletes it: the idle stop above becomes a delete.
    autoDeleteInterval: 0,
    // A hard upper bound on its life, whatever happens: every command at its limit, plus set-up time.
    // (A sandbox kept for debugging gets a fresh one when the commands end.)
    ttlMinutes: lifetimeMinutes(config, commandCount),
  }
  core.info(`Creating sandbox ${name}…`)
  const capacity = new CapacityWait(client, source.baseRepository, config.capacityTimeoutMs)
  let sandbox = await createNamed(client, body as CreateSandbox & { name: string }, cleanup, capacity)
  cleanup.rememberId(sandbox.id)
  // Stryker disable next-line ConditionalExpression,StringLiteral: waiting on a started sandbox ends at its first look
  if (sandbox.state !== 'started') {
    const id = sandbox.id
    sandbox = await client.sandboxes
      .waitUntilStarted(id, {
        timeoutMs: START_TIMEOUT_MS,
        onState: (state) => core.info(`Sandbox is ${printable(state)}…`),
      })
      .catch(async (err: unknown) => {
        throw (await queueTimeoutError(client, id, name, config.target, err)) ?? err
      })
  }
  core.info(printable(`Sandbox ${sandbox.name} (${sandbox.id}) started: ${describeSize(sandbox)}.`))
  return sandbox
}

/**
 * After the commands, a kept sandbox gets `minutes` more to live, idle or not (someone is looking into it),
 * and then deletes itself: auto-stop at that idle time (a stop deletes it) and a TTL from now.
 */
export async function extendForDebugging(client: Daytona, sandbox: Sandbox, minutes: number): Promise<void> {
  await client.sandboxes.setAutostop(sandbox.id, minutes)
  await client.sandboxes.setTtl(sandbox.id, minutes)
  core.notice(
    `Sandbox ${sandbox.name} (${sandbox.id}) is kept for ${minutes} minutes for debugging: open it from the ` +
      'Daytona dashboard. It then deletes itself.',
    { title: 'Sandbox kept' },
  )
}

/**
 * Since API 0.220 Daytona destroys a sandbox that waited longer than its queue timeout for a runner, and says
 * so in `queueTimedOutAt` (the record stays readable by id for a day). Undefined for any other failure.
 */
async function queueTimeoutError(
  client: Daytona,
  id: string,
  name: string,
  target: string | undefined,
  err: unknown,
): Promise<Error | undefined> {
  if (!(err instanceof StateError) || !['destroyed', 'destroying'].includes(err.state)) return undefined
  const gone = await client.sandboxes.get(id).catch(() => undefined)
  if (!gone?.queueTimedOutAt) return undefined
  const region = target ?? gone.target
  return new Error(
    `Sandbox ${name} waited longer than its queue timeout for a runner, and Daytona destroyed it at ` +
      `${gone.queueTimedOutAt}: no runner in region ${region} had room for it. Run the job again later, ` +
      "choose another region with 'target', or ask Daytona about capacity.",
  )
}

function describeSize(sandbox: Pick<Sandbox, 'cpu' | 'memory' | 'disk'>): string {
  return `${sandbox.cpu} vCPU, ${sandbox.memory} GiB memory, ${sandbox.disk} GiB disk`
}

function lifetimeMinutes(config: Config, commandCount: number): number {
  const commandsMinutes = Math.ceil((config.timeoutMs * commandCount) / 60_000)
  const setupMinutes = 30
  return commandsMinutes + setupMinutes
}

/**
 * The client never resends a create (it could make two sandboxes), but the name is this job's alone: a create
 * whose answer was lost to a 5xx, a dropped connection or our deadline can be sent again, and "already exists" then means
 * the first one worked. A create refused for want of room created nothing: it is sent again once there may be room.
 */
async function createNamed(
  client: Daytona,
  body: CreateSandbox & { name: string },
  cleanup: Cleanup,
  capacity: CapacityWait,
): Promise<Sandbox> {
  // sends so far after a lost answer (a capacity refusal is not one: it was answered)
  let resends = 0
  // whether any send may have reached Daytona (and so may have made the sandbox)
  let reached = false
  for (;;) {
    try {
      return await client.sandboxes.create(body)
    } catch (err) {
      if (!(err instanceof ConnectionError && NEVER_SENT.has(err.code ?? ''))) reached = true
      if (err instanceof ConflictError && resends > 0) return client.sandboxes.get(body.name)
      const shortage = shortageOf(err)
      if (shortage && err instanceof BadRequestError) {
        // A lost answer may have made our sandbox, which then takes the room this resend was refused for.
        const made = resends > 0 ? await client.sandboxes.get(body.name).catch(() => undefined) : undefined
        if (made) return made
        await capacity.wait(err, shortage)
        continue
      }
      if (err instanceof AuthenticationError || err instanceof ForbiddenError) {
        // Nothing was created, and every further call would be refused too (repeated 401s lock an IP out).
        cleanup.forget()
        throw err
      }
      const answerLost =
        err instanceof ServerError || err instanceof ConnectionError || err instanceof DeadlineError
      if (resends + 1 < CREATE_ATTEMPTS && answerLost) {
        core.info(`Creating the sandbox failed (${printable(err.message)}); trying again.`)
        resends++
        // Stryker disable next-line ArithmeticOperator: how long it pauses is seen only as time
        await setTimeout(resends * 1000)
        continue
      }
      // Never reached (a wrong api-url, no network), Daytona made nothing to delete. Otherwise it may have: a
      // 400 "Sandbox failed to start" leaves an errored sandbox behind, which cleanup deletes by name.
      if (!reached) cleanup.forget()
      throw err
    }
  }
}

/** Connection errors of a request that never left: refused, or a name that does not resolve. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])
