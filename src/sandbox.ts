// Step 3: a fresh sandbox for this job, named and labelled so cleanup can always find it, with a server-side
// backstop so that a sandbox whose runner vanished stops and deletes itself.
import * as core from '@actions/core'
import type { Cleanup } from './cleanup.ts'
import type { Daytona } from './daytona/client.ts'
import type { CreateSandbox, Sandbox } from './daytona/types.ts'
import type { Environment } from './environment/index.ts'
import { type JobIdentity, type Source, sandboxLabels, sandboxName } from './github-context.ts'
import type { Config } from './inputs.ts'

/**
 * Auto-stop after this many idle minutes. Activity is every toolbox request, and an open log socket refreshes it,
 * so only a sandbox nobody talks to any more (its runner is gone) reaches it.
 */
const IDLE_STOP_MINUTES = 15
const START_TIMEOUT_MS = 5 * 60_000

export async function createSandbox(
  client: Daytona,
  config: Config,
  source: Source,
  environment: Environment,
  job: JobIdentity,
  cleanup: Cleanup,
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
    ttlMinutes: lifetimeMinutes(config),
  }
  core.info(`Creating sandbox ${name}…`)
  let sandbox: Sandbox
  try {
    sandbox = await client.sandboxes.create(body)
  } catch (err) {
    // "Sandbox failed to start" answers 400 but leaves an errored sandbox behind, and a lost answer may have
    // created one: look it up by name so that cleanup deletes it.
    await adoptOrphan(client, name, cleanup)
    throw err
  }
  cleanup.rememberId(sandbox.id)
  if (sandbox.state !== 'started') {
    sandbox = await client.sandboxes.waitUntilStarted(sandbox.id, {
      timeoutMs: START_TIMEOUT_MS,
      onState: (state) => core.info(`Sandbox is ${state}…`),
    })
  }
  core.info(`Sandbox ${sandbox.name} (${sandbox.id}) started: ${describeSize(sandbox)}.`)
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

export function describeSize(sandbox: Pick<Sandbox, 'cpu' | 'memory' | 'disk'>): string {
  return `${sandbox.cpu} vCPU, ${sandbox.memory} GiB memory, ${sandbox.disk} GiB disk`
}

function lifetimeMinutes(config: Config): number {
  const commandsMinutes = Math.ceil((config.timeoutMs * config.commands.length) / 60_000)
  const setupMinutes = 30
  return commandsMinutes + setupMinutes
}

async function adoptOrphan(client: Daytona, name: string, cleanup: Cleanup): Promise<void> {
  try {
    const orphan = await client.sandboxes.get(name)
    cleanup.rememberId(orphan.id)
  } catch (err) {
    core.debug(`No sandbox named ${name} was left behind (${(err as Error).message}).`)
  }
}
