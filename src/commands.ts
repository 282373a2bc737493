// Step 5: the `run` block, command by command, as a workflow step runs it: one script whose directory,
// variables, functions and options carry from one command to the next. Each command gets its own log group,
// live output and time limit. User code never runs in Daytona's session shell (see shell/scripts.ts): the
// session only launches a child shell per command, so `exit`, `set -e` and `wait` behave as in a step.
import { posix } from 'node:path'
import * as core from '@actions/core'
import { ConnectionError, DaytonaError, DeadlineError } from './daytona/errors.ts'
import type { Toolbox } from './daytona/toolbox/index.ts'
import { formatDuration } from './duration.ts'
import { commandLabel } from './report/format.ts'
import { isFailure, TIMEOUT_EXIT_CODE } from './report/outputs.ts'
import type { CommandResult } from './report/types.ts'
import type { ScriptCommand } from './script.ts'
import { type CommandEnd, EndLineFilter, execText, newMarker, type Shell } from './shell/exec-text.ts'
import { Tail } from './tail.ts'
import { withUntrustedOutput } from './untrusted-output.ts'

/** Group titles stay on one line of the log's collapsed view. */
const GROUP_TITLE_CHARS = 80
/** Output kept per command for the summary of a failure: its last lines are what people read. */
const TAIL_BYTES = 64 * 1024
/** What the user's EXIT trap is run as once the block has ended (the state helpers keep it there). */
const EXIT_TRAP = 'eval "$__dta_exit_trap"'

export interface CommandOptions {
  commands: readonly ScriptCommand[]
  /** the directory the block starts in: absolute, or relative to the sandbox's working directory */
  cwd: string
  timeoutMs: number
  failFast: boolean
  shell: Shell
}

/**
 * Appends each command's result to `results` as it ends, so that an error midway still reports what ran. The
 * session is not deleted afterwards: deleting the sandbox ends it, and a kept sandbox keeps what ran in it.
 */
export async function runCommands(
  shell: CommandShell,
  opts: CommandOptions,
  results: CommandResult[],
): Promise<void> {
  let stopped = false
  let exitTrap = false
  for (const [index, command] of opts.commands.entries()) {
    if (stopped) {
      results.push(notRun(command.text))
      continue
    }
    try {
      const { result, end } = await core.group(`$ ${commandLabel(command.text, GROUP_TITLE_CHARS)}`, () =>
        shell.run(command, opts),
      )
      results.push(result)
      if (index === 0 && end?.shell === 'sh-default') {
        core.notice('The image has no bash: the commands run with sh -e, as a workflow step would.')
      }
      exitTrap = end?.exitTrap ?? exitTrap
      stopped = end?.exited || (opts.failFast && isFailure(result))
      if (end?.exited && index + 1 < opts.commands.length) {
        core.info(`\`exit\` ended the script: the remaining commands do not run, as in a workflow step.`)
      }
    } catch (err) {
      if (!(err instanceof Interrupted)) throw err
      // The sandbox stopped answering: this command failed without an exit code, the rest never ran.
      results.push(err.result, ...opts.commands.slice(index + 1).map((c) => notRun(c.text)))
      throw err.cause
    }
  }
  // A `trap … EXIT` runs once, when the script ends, as it would in one shell.
  if (exitTrap) {
    await core.group('EXIT trap', () => shell.run({ text: EXIT_TRAP, line: 1 }, opts))
  }
}

/**
 * The session that launches the commands. It is opened while the clone runs; after a timeout killed it (and
 * everything the command started), the next command gets a fresh one, and the script's state still carries.
 */
export class CommandShell {
  readonly #toolbox: Toolbox
  readonly #marker = newMarker()
  #session: Promise<string> | undefined
  #sessions = 0
  #commands = 0
  readonly #known = new Set<string>()

  constructor(toolbox: Toolbox) {
    this.#toolbox = toolbox
  }

  /** Creates the session now, so that it is ready when the first command is. */
  open(): this {
    this.#current().catch(() => {}) // reported by the first command that needs it
    return this
  }

  async run(
    command: ScriptCommand,
    opts: CommandOptions,
  ): Promise<{ result: CommandResult; end?: CommandEnd }> {
    const tail = new Tail(TAIL_BYTES)
    const filter = new EndLineFilter(this.#marker)
    const started = Date.now()
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), opts.timeoutMs)
    const result = (exitCode: number | null, timedOut = false): CommandResult => ({
      command: command.text,
      exitCode,
      durationMs: Date.now() - started,
      timedOut,
      skipped: false,
      tail: exitCode === 0 ? undefined : tail.text(),
    })
    const script = execText({
      index: ++this.#commands,
      text: command.text,
      line: command.line,
      startDir: opts.cwd,
      shell: opts.shell,
      marker: this.#marker,
    })
    let exitCode: number | null = null
    try {
      // The output is the pull request's: shown in the log, never obeyed as workflow commands.
      await withUntrustedOutput(async (write) => {
        const show = (bytes: Uint8Array) => {
          tail.push(bytes)
          return write(bytes)
        }
        const { sessionId, cmdId } = await this.#start(script)
        ;({ exitCode } = await this.#toolbox.process.streamCommand(sessionId, cmdId, {
          onOutput: (_stream, bytes) => show(filter.push(bytes)),
          // The driver's end line says how the command ended: no need to ask the daemon, so the status is
          // only a safety net for a socket that delivers nothing, first checked after half a second.
          endedWith: () => filter.end?.status,
          firstPollMs: 500,
          signal: deadline.signal,
        }))
        await show(filter.flush())
      })
    } catch (err) {
      if (!deadline.signal.aborted) throw new Interrupted(result(null), err)
    } finally {
      clearTimeout(timer)
    }
    if (exitCode === null) {
      await this.#kill().catch((err) => core.warning(`Could not kill the timed-out command: ${err}`))
      core.info(
        `Timed out after ${formatDuration(opts.timeoutMs)}: the command and every process of its session were ` +
          'killed; a next command starts in a new session, with the state from before this one.',
      )
      return { result: result(TIMEOUT_EXIT_CODE, true) }
    }
    const end = filter.end
    logOutcome(result(exitCode))
    if (end?.jobs) {
      core.info(
        `${end.jobs === 1 ? '1 background job keeps' : `${end.jobs} background jobs keep`} running after this ` +
          `command, until the sandbox is deleted; what they print from now on goes to ` +
          `\${TMPDIR:-/tmp}/daytona-action/${this.#commands}/output in the sandbox.`,
      )
    }
    return { result: result(exitCode), end }
  }

  /** Starts `script` in the session; a session whose shell has gone is replaced by a fresh one. */
  async #start(script: string): Promise<{ sessionId: string; cmdId: string }> {
    const sessionId = await this.#current()
    try {
      return { sessionId, cmdId: await this.#exec(sessionId, script) }
    } catch (err) {
      if (!sessionEnded(err)) throw err
      core.debug(`The shell of ${sessionId} has ended (${err}); starting a fresh one.`)
      this.#session = undefined
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
    const process = this.#toolbox.process
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

  #current(): Promise<string> {
    if (!this.#session) {
      const id = `daytona-action-${++this.#sessions}`
      const created = this.#toolbox.process.createSession(id).then(() => id)
      created.catch(() => {
        if (this.#session === created) this.#session = undefined
      })
      this.#session = created
    }
    return this.#session
  }

  /** Deleting a session kills its process tree: this is how a timeout reaches the sandbox. */
  async #kill(): Promise<void> {
    const session = this.#session
    this.#session = undefined
    const id = await session?.catch(() => undefined)
    if (id) await this.#toolbox.process.deleteSession(id)
  }
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

/**
 * How daemons answer an exec into a session whose shell exited: 400 ("failed to write command: … broken
 * pipe") in v0.190, 410/404 or a bare 500 in others. A connection error is not one of them: it may have started.
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
  if (result.exitCode === 0) core.info(`✓ exit code 0 in ${took}`)
  else core.info(`✗ exit code ${result.exitCode} after ${took}`)
}

export function resolveCwd(clonePath: string, workingDirectory: string): string {
  return posix.join(clonePath, workingDirectory)
}
