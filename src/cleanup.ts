// The one place that knows what exists and must go. Main records the sandbox here before it exists (its name,
// then its id), deletes it as soon as the commands end, and on SIGINT/SIGTERM; post deletes whatever the saved
// state still names. The server-side backstop (auto-stop + delete-on-stop, set at create) covers a vanished runner.
import * as core from '@actions/core'
import { Daytona } from './daytona/client.ts'
import { NotFoundError } from './daytona/errors.ts'
import { type SandboxRef, STATE_KEYS } from './saved-state.ts'
import { guardStdout, resumeWorkflowCommands } from './untrusted-output.ts'

/** The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the tree: delete within this. */
const CANCEL_DEADLINE_MS = 6_000
/** Deleting can meet 409 while a transition (e.g. creating) is pending: keep trying this long. */
const DELETE_DEADLINE_MS = 60_000
/** post's own attempt at a leftover */
const POST_DEADLINE_MS = 60_000

export class Cleanup {
  readonly #client: Daytona
  #ref: SandboxRef = {}
  #settled = false
  #removeSignalHandlers: () => void

  constructor(client: Daytona, apiUrl: string) {
    this.#client = client
    core.saveState(STATE_KEYS.apiUrl, apiUrl)
    this.#removeSignalHandlers = onCancel(() => this.#cancel())
  }

  /** Saved before the create request, so the sandbox can be found even if the answer is lost. */
  rememberName(name: string): void {
    this.#ref.name = name
    core.saveState(STATE_KEYS.name, name)
  }

  rememberId(id: string): void {
    this.#ref.id = id
    core.saveState(STATE_KEYS.id, id)
  }

  /** Deletes the sandbox now (404 = already gone). Returns when it is gone or deleting failed (warning). */
  async deleteNow(): Promise<boolean> {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: main deletes once; with nothing remembered deleteSandbox finds no target, and post then nothing to do either way
    if (this.#settled || (!this.#ref.id && !this.#ref.name)) return true
    const deleted = await deleteSandbox(this.#client, this.#ref, DELETE_DEADLINE_MS)
    if (deleted) this.#settle('deleted')
    return deleted
  }

  /** The create request was refused outright (a bad key, a missing permission): nothing exists to delete. */
  forget(): void {
    this.#ref = {}
    this.#settle('none')
  }

  /** The workflow asked to keep it: post must not delete it (the backstop set at create still applies). */
  keep(): void {
    this.#settle('kept')
  }

  // Stryker disable next-line BlockStatement: called as main ends, when the process is about to exit with its handlers
  dispose(): void {
    // Stryker disable next-line CallExpression: as above
    this.#removeSignalHandlers()
  }

  #settle(how: 'deleted' | 'kept' | 'none') {
    // Stryker disable next-line BooleanLiteral: once settled, main ends: nothing asks again in the same process
    this.#settled = true
    core.saveState(STATE_KEYS.settled, how)
  }

  async #cancel(): Promise<void> {
    // A command's output may be streaming with workflow commands stopped: our last words must be obeyed, and
    // what the stream still brings while we delete is dropped (resuming detaches its writer).
    resumeWorkflowCommands()
    core.warning('The run was cancelled: deleting the sandbox.')
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: with nothing remembered deleteSandbox finds no target, and post nothing to delete either way
    if (!this.#ref.id && !this.#ref.name) return
    if (await deleteSandbox(this.#client, this.#ref, CANCEL_DEADLINE_MS)) this.#settle('deleted')
  }
}

/**
 * Deletes by id, else by name, until it is gone or the deadline passes. Never throws: cleanup problems are
 * warnings, they must not hide the run's own result.
 */
export async function deleteSandbox(client: Daytona, ref: SandboxRef, deadlineMs: number): Promise<boolean> {
  const target = ref.id ?? ref.name
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: both callers return before it with nothing remembered
  if (!target) return true
  const signal = AbortSignal.timeout(deadlineMs)
  try {
    await client.sandboxes.delete(target, { signal })
    core.info(`Deleted sandbox ${ref.name ?? target}.`)
    return true
  } catch (err) {
    if (err instanceof NotFoundError) return true
    core.warning(`Could not delete sandbox ${ref.name ?? target}: ${(err as Error).message}`)
    return false
  }
}

/** Post's part: main did not settle `sandbox` (killed, or its delete failed), so delete it now. Warns, never throws. */
export async function deleteLeftover(sandbox: SandboxRef, apiUrl: string): Promise<void> {
  // a job log that breaks (EPIPE) must not crash the step before it has cleaned up
  guardStdout()
  try {
    const apiKey = core.getInput('api-key') || process.env.DAYTONA_API_KEY || ''
    core.setSecret(apiKey)
    if (!apiKey || !apiUrl) {
      core.warning(
        `Sandbox ${sandbox.name ?? sandbox.id} may still exist: no API key or URL to delete it with.`,
      )
      return
    }
    core.info(`Main did not finish cleaning up: deleting sandbox ${sandbox.name ?? sandbox.id}.`)
    const client = new Daytona({ apiUrl, apiKey, onRetry: core.debug })
    try {
      await deleteSandbox(client, sandbox, POST_DEADLINE_MS)
    } finally {
      await client.close()
    }
  } catch (err) {
    // deleteSandbox warns rather than throws; this is for the rest (a client that cannot be made or closed)
    core.warning(`Cleanup failed: ${err instanceof Error ? err.message : err}`)
  }
}

/** Runs `handler` once on SIGINT or SIGTERM, then exits. Returns a function that removes the handlers. */
function onCancel(handler: () => Promise<void>): () => void {
  let running = false
  const listener = (signal: NodeJS.Signals) => {
    if (running) return
    running = true
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143)
    setTimeout(exit, CANCEL_DEADLINE_MS + 500).unref()
    handler().then(exit, exit)
  }
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  // Stryker disable next-line BlockStatement: only dispose calls it (see there)
  return () => {
    // Stryker disable next-line StringLiteral: as above
    process.off('SIGINT', listener)
    // Stryker disable next-line StringLiteral: as above
    process.off('SIGTERM', listener)
  }
}
