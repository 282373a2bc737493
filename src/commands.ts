// Step 5: the configured commands, one after another in one shell session (cd and export carry over, as in a
// workflow `run:` block), each streamed live into its own log group, each with its own time limit enforced in
// the sandbox: deleting the session kills its whole process group.
import { posix } from 'node:path'
import * as core from '@actions/core'
import { ConnectionError, DaytonaError, DeadlineError } from './daytona/errors.ts'
import type { Toolbox } from './daytona/toolbox/index.ts'
import { formatDuration } from './duration.ts'
import { commandLabel } from './report/format.ts'
import { isFailure, TIMEOUT_EXIT_CODE } from './report/outputs.ts'
import type { CommandResult } from './report/types.ts'
import { Tail } from './tail.ts'
import { withUntrustedOutput } from './untrusted-output.ts'

/** Group titles stay on one line of the log's collapsed view. */
const GROUP_TITLE_CHARS = 80
/** Output kept per command for the summary of a failure: its last lines are what people read. */
const TAIL_BYTES = 64 * 1024

export interface CommandOptions {
  commands: readonly string[]
  /** absolute directory the first command starts in */
  cwd: string
  timeoutMs: number
  failFast: boolean
}

/** Appends each command's result to `results` as it ends, so that an error midway still reports what ran. */
export async function runCommands(
  toolbox: Toolbox,
  opts: CommandOptions,
  results: CommandResult[],
): Promise<void> {
  const sessions = new Sessions(toolbox, opts.cwd)
  let failed = false
  try {
    for (const [index, command] of opts.commands.entries()) {
      if (failed && opts.failFast) {
        results.push(notRun(command))
        continue
      }
      try {
        const result = await core.group(`$ ${commandLabel(command, GROUP_TITLE_CHARS)}`, () =>
          runOne(sessions, command, opts.timeoutMs),
        )
        results.push(result)
        failed ||= isFailure(result)
        logOutcome(result)
      } catch (err) {
        if (!(err instanceof Interrupted)) throw err
        // The sandbox stopped answering: this command failed without an exit code, the rest never ran.
        results.push(err.result, ...opts.commands.slice(index + 1).map(notRun))
        throw err.cause
      }
    }
  } finally {
    await sessions.close()
  }
}

async function runOne(sessions: Sessions, command: string, timeoutMs: number): Promise<CommandResult> {
  const tail = new Tail(TAIL_BYTES)
  const started = Date.now()
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), timeoutMs)
  const result = (exitCode: number | null, timedOut = false): CommandResult => ({
    command,
    exitCode,
    durationMs: Date.now() - started,
    timedOut,
    skipped: false,
    tail: exitCode === 0 ? undefined : tail.text(),
  })
  let exitCode: number | null = null
  try {
    // The output is the pull request's: shown in the log, never obeyed as workflow commands.
    await withUntrustedOutput(async (write) => {
      const { sessionId, cmdId } = await sessions.start(command)
      ;({ exitCode } = await sessions.toolbox.process.streamCommand(sessionId, cmdId, {
        onOutput: (_stream, bytes) => {
          tail.push(bytes)
          return write(bytes)
        },
        signal: deadline.signal,
      }))
    })
  } catch (err) {
    if (!deadline.signal.aborted) throw new Interrupted(result(null), err)
  } finally {
    clearTimeout(timer)
  }
  if (exitCode !== null) return result(exitCode)
  await sessions.kill().catch((err) => core.warning(`Could not kill the timed-out command's shell: ${err}`))
  core.info(`Timed out after ${formatDuration(timeoutMs)}: the command and its processes were killed.`)
  return result(TIMEOUT_EXIT_CODE, true)
}

/** A command cut short by an error of the sandbox or the network, with what is known of it. */
class Interrupted extends Error {
  readonly result: CommandResult

  constructor(result: CommandResult, cause: unknown) {
    super('interrupted', { cause })
    this.result = result
  }
}

function notRun(command: string): CommandResult {
  return { command, exitCode: null, durationMs: 0, timedOut: false, skipped: true }
}

/** The shell session commands run in; after a timeout killed it, the next command gets a fresh one. */
class Sessions {
  readonly toolbox: Toolbox
  readonly #cwd: string
  #id: string | undefined
  #count = 0
  readonly #known = new Set<string>()

  constructor(toolbox: Toolbox, cwd: string) {
    this.toolbox = toolbox
    this.#cwd = cwd
  }

  /** Starts `command` in the session; a shell that an earlier `exit` ended is replaced by a fresh one. */
  async start(command: string): Promise<{ sessionId: string; cmdId: string }> {
    // A runner's steps read an empty stdin; the daemon keeps an async command's stdin open for input, so a
    // command that reads it would wait until its timeout. The braces keep it in the session's shell.
    const script = `{ ${command}\n} </dev/null`
    const sessionId = await this.#current()
    try {
      return { sessionId, cmdId: await this.#exec(sessionId, script) }
    } catch (err) {
      if (!sessionEnded(err)) throw err
      core.debug(`The shell of ${sessionId} has ended (${err}); starting a fresh one.`)
      this.#id = undefined
      const fresh = await this.#current()
      return { sessionId: fresh, cmdId: await this.#exec(fresh, script) }
    }
  }

  /**
   * An exec is not idempotent, so the client never resends it. When its answer is lost (a gateway error, a
   * dropped connection, our deadline), the session's command list says whether it started: adopt it, or send
   * it again once.
   */
  async #exec(sessionId: string, script: string): Promise<string> {
    const process = this.toolbox.process
    try {
      return this.#remember((await process.exec(sessionId, script, { runAsync: true })).cmdId)
    } catch (err) {
      if (!answerLost(err)) throw err
      const started = (await process.getSession(sessionId)).commands?.find(
        (c) => c.command === script && !this.#known.has(c.id),
      )
      if (started) return this.#remember(started.id)
      core.info(`Starting the command failed (${(err as Error).message}); sending it again.`)
      return this.#remember((await process.exec(sessionId, script, { runAsync: true })).cmdId)
    }
  }

  /** Commands of this job seen so far, so that a lost answer is never matched to an earlier command. */
  #remember(cmdId: string): string {
    this.#known.add(cmdId)
    return cmdId
  }

  async #current(): Promise<string> {
    if (this.#id) return this.#id
    const id = `daytona-action-${++this.#count}`
    if (this.#count > 1)
      core.info(`Starting a fresh shell in ${this.#cwd}: cd and export from earlier commands are lost.`)
    await this.toolbox.process.createSession(id)
    this.#id = id
    const cd = await this.toolbox.process.exec(
      id,
      `cd -- ${shellQuote(this.#cwd)} && echo "\${ZSH_VERSION:+zsh}"`,
      {
        runAsync: false,
      },
    )
    if (cd.exitCode !== 0) {
      throw new Error(`Could not enter ${this.#cwd} in the sandbox: ${(cd.stderr ?? '').trim()}`.trim())
    }
    // The daemon prefers zsh when the image has it: unquoted variables are then not split into words.
    if (this.#count === 1 && cd.stdout?.trim() === 'zsh') {
      core.warning(
        'The sandbox runs commands with zsh (its daemon prefers zsh when the image has it), not bash.',
      )
    }
    return id
  }

  /** Deleting a session kills its process group: this is how a timeout reaches the sandbox. */
  async kill(): Promise<void> {
    const id = this.#id
    this.#id = undefined
    if (id) await this.toolbox.process.deleteSession(id)
  }

  async close(): Promise<void> {
    await this.kill().catch((err) => core.debug(`Closing the session: ${err}`))
  }
}

/**
 * How daemons answer an exec into a session whose shell exited: 400/410 SESSION_ENDED today, 404 or a bare 500
 * in older versions. A connection error is not one of them: the command may have started.
 */
function sessionEnded(err: unknown): boolean {
  return err instanceof DaytonaError && [400, 404, 410, 500].includes(err.status ?? 0)
}

function answerLost(err: unknown): boolean {
  return (
    err instanceof ConnectionError ||
    err instanceof DeadlineError ||
    (err instanceof DaytonaError && [502, 503, 504].includes(err.status ?? 0))
  )
}

function logOutcome(result: CommandResult) {
  const took = formatDuration(result.durationMs)
  if (result.timedOut) core.info(`✗ timed out after ${took}`)
  else if (result.exitCode === 0) core.info(`✓ exit code 0 in ${took}`)
  else core.info(`✗ exit code ${result.exitCode} after ${took}`)
}

export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

export function resolveCwd(clonePath: string, workingDirectory: string): string {
  return posix.join(clonePath, workingDirectory)
}
