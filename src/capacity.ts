// When Daytona has no room for the sandbox — the organisation's total CPU, memory or disk is in use (400
// "Total CPU limit exceeded. Maximum allowed: N.") or no runner can take it ("No available runners") — the
// create is refused before anything exists. A matrix over the organisation's limit is the ordinary case (Tier 1
// allows 10 vCPU: six 2-vCPU legs), so the job waits for room, up to capacity-timeout, instead of failing.
import { setTimeout } from 'node:timers/promises'
import * as core from '@actions/core'
import type { Daytona } from './daytona/client.ts'
import { BadRequestError } from './daytona/errors.ts'
import type { SandboxListItem } from './daytona/types.ts'
import { formatDuration } from './duration.ts'
import { LABEL_PREFIX } from './github-context.ts'

/** What is short, from the server's message (v0.190 sandbox.service.ts, runner.service.ts). */
export type Shortage = 'CPU' | 'memory' | 'disk' | 'GPU' | 'runners'

const SHORTAGES: [RegExp, Shortage][] = [
  [/^Total CPU limit exceeded/, 'CPU'],
  [/^Total memory limit exceeded/, 'memory'],
  [/^Total disk limit exceeded/, 'disk'],
  [/^Total GPU limit exceeded/, 'GPU'],
  [/^No available runners/, 'runners'],
]

/** Daytona refused the create for want of room (nothing was created), or undefined for any other error. */
export function shortageOf(err: unknown): Shortage | undefined {
  if (!(err instanceof BadRequestError)) return undefined
  const message = err.serverMessage ?? ''
  return SHORTAGES.find(([pattern]) => pattern.test(message))?.[1]
}

/** Thrown when room did not come within capacity-timeout. */
export class CapacityError extends Error {
  override name = 'CapacityError'
}

/** How the wait between tries is jittered and slept: a test sees the schedule without waiting it out. */
export interface Pause {
  random(): number
  sleep(ms: number): Promise<unknown>
}
const realPause: Pause = { random: Math.random, sleep: (ms) => setTimeout(ms) }

const FIRST_WAIT_MS = 2_000
const MAX_WAIT_MS = 15_000
const HOLDERS_SHOWN = 5

/**
 * One per create: `wait(err)` sleeps before the next try and returns, or throws CapacityError once the
 * deadline is past. The first refusal gets a notice naming what is short and who holds it.
 */
export class CapacityWait {
  readonly #client: Daytona
  readonly #repository: string
  readonly #timeoutMs: number
  readonly #pause: Pause
  #deadline?: number
  #delayMs = FIRST_WAIT_MS
  #tries = 0

  constructor(client: Daytona, repository: string, timeoutMs: number, pause: Pause = realPause) {
    this.#client = client
    this.#repository = repository
    this.#timeoutMs = timeoutMs
    this.#pause = pause
  }

  async wait(err: BadRequestError, shortage: Shortage): Promise<void> {
    const now = Date.now()
    this.#deadline ??= now + this.#timeoutMs
    this.#tries++
    const limit = firstLine(err.serverMessage ?? err.message)
    if (now >= this.#deadline) {
      throw new CapacityError(
        `Daytona had no room for the sandbox for ${formatDuration(this.#timeoutMs)} (capacity-timeout, ` +
          `${this.#tries} tries): ${limit} ${advice(shortage)}`,
      )
    }
    if (this.#tries === 1) {
      const holders = await this.#holders().catch(() => undefined)
      core.notice(
        `${what(shortage)}: ${limit} Waiting up to ${formatDuration(this.#timeoutMs)} (capacity-timeout) ` +
          `for room. ${holders ?? "This action's running sandboxes could not be listed."}`,
        { title: 'Waiting for Daytona capacity' },
      )
    } else {
      core.info(`Still no room (${shortage}); trying again.`)
    }
    // Jitter keeps a matrix's waiting legs from all asking at the same moment.
    const delay = Math.min(this.#delayMs * (0.75 + this.#pause.random() / 2), this.#deadline - now)
    this.#delayMs = Math.min(this.#delayMs * 1.5, MAX_WAIT_MS)
    await this.#pause.sleep(Math.max(delay, 0))
  }

  /** The organisation's running sandboxes with this action's labels for this repository. */
  async #holders(): Promise<string> {
    const held: SandboxListItem[] = []
    const labels = { [`${LABEL_PREFIX}repository`]: this.#repository }
    for await (const sandbox of this.#client.sandboxes.list({ labels, states: ['started', 'starting'] })) {
      held.push(sandbox)
    }
    if (held.length === 0) {
      return `None of it is held by this action's sandboxes of ${this.#repository}: other sandboxes of the organisation use it.`
    }
    const total = held.reduce(
      (sum, s) => ({ cpu: sum.cpu + s.cpu, memory: sum.memory + s.memory, disk: sum.disk + s.disk }),
      { cpu: 0, memory: 0, disk: 0 },
    )
    const shown = held
      .slice(0, HOLDERS_SHOWN)
      .map(
        (s) => `${s.name} (${s.cpu} vCPU, ${s.memory} GiB, run ${s.labels[`${LABEL_PREFIX}run-id`] ?? '?'})`,
      )
    const more = held.length > HOLDERS_SHOWN ? ` and ${held.length - HOLDERS_SHOWN} more` : ''
    return (
      `This action's running sandboxes of ${this.#repository} hold ${total.cpu} vCPU, ${total.memory} GiB ` +
      `memory, ${total.disk} GiB disk: ${shown.join(', ')}${more}.`
    )
  }
}

function what(shortage: Shortage): string {
  return shortage === 'runners'
    ? 'No Daytona runner has room for the sandbox'
    : `The organisation's total ${shortage} is in use`
}

function advice(shortage: Shortage): string {
  const common = "raise 'capacity-timeout', run fewer legs at once (the matrix's max-parallel)"
  if (shortage === 'runners') return `Try again later or another region ('target'); or ${common}.`
  return `Delete or stop sandboxes you no longer need, ${common}, ask for a smaller size, or upgrade the organisation's tier.`
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim()
  return /[.!]$/.test(line) ? line : `${line}.`
}
