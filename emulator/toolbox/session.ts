// A session: one long-lived shell in its own process group. Each command is written into it as a wrapper
// that sources the command from a file (so cd, export and functions persist), with stdout and stderr going
// through FIFOs to labellers that prefix every line with the stream's marker, into one log per command.
// The exit code is written to a file once the labellers have flushed.
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { appendFile, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpError } from '../http.ts'
import { killGroup, processesWithEnv } from './kill.ts'
import { type SandboxRuntime, shq } from './runtime.ts'

const SESSION_MARK_VAR = 'DAYTONA_EMULATOR_SESSION'

export interface SessionCommand {
  id: string
  command: string
  exitCode?: number
  suppressInputEcho: boolean
  /** host paths */
  dir: string
  log: string
  exitFile: string
}

export class Session {
  readonly id: string
  readonly commands = new Map<string, SessionCommand>()
  /** aborted when the session is deleted: followers close, waiters give up */
  readonly closed = new AbortController()
  private readonly rt: SandboxRuntime
  private readonly shell: ChildProcess
  private readonly dirHost: string
  private readonly dirView: string
  private readonly mark = randomUUID()
  private shellExit: number | undefined

  private constructor(rt: SandboxRuntime, id: string, cwd: string) {
    this.rt = rt
    this.id = id
    const name = `s${rt.nextId()}`
    this.dirHost = rt.daemonHost('sessions', name)
    this.dirView = rt.daemonView('sessions', name)
    this.shell = rt.spawn(sessionShellArgv(rt), {
      cwd,
      env: rt.env({ [SESSION_MARK_VAR]: this.mark }),
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    this.shell.stdin?.on('error', () => {}) // writes after the shell died are reported by exec itself
    this.shell.once('error', () => {
      this.shellExit ??= 127 // could not start at all
    })
    this.shell.once('exit', (code, sig) => {
      this.shellExit = code ?? 128 + signalNumber(sig)
      void this.settleOrphans()
    })
  }

  static async create(rt: SandboxRuntime, id: string, cwd: string): Promise<Session> {
    const session = new Session(rt, id, cwd)
    await mkdir(session.dirHost, { recursive: true })
    return session
  }

  get alive(): boolean {
    return this.shellExit === undefined && !this.closed.signal.aborted
  }

  /** Writes the command's wrapper into the shell; the command runs when the shell gets to it. */
  async exec(command: string, runAsync: boolean, suppressInputEcho: boolean): Promise<SessionCommand> {
    if (!this.alive) throw new HttpError(400, 'session process has exited', { code: 'SESSION_ENDED' })
    const id = randomUUID()
    const dirName = `c${this.rt.nextId()}`
    const dir = join(this.dirHost, dirName)
    const cmd: SessionCommand = {
      id,
      command,
      suppressInputEcho,
      dir,
      log: join(dir, 'output.log'),
      exitFile: join(dir, 'exit_code'),
    }
    await mkdir(dir, { recursive: true })
    await writeFile(cmd.log, '')
    await writeFile(join(dir, 'cmd.sh'), command, { mode: 0o600 })
    this.commands.set(id, cmd)
    this.shell.stdin?.write(this.wrapper(posix.join(this.dirView, dirName), runAsync))
    return cmd
  }

  private wrapper(dir: string, runAsync: boolean): string {
    // Sync commands see EOF on stdin at once; async ones keep it open for /input until they end.
    const holder = runAsync ? 'exec sleep 2147483647' : ':'
    // The collector (labellers, stdin holder, exit-code writer) is double-forked so it is not a job of the
    // session shell: a user's bare `wait` must not wait for it. It writes the exit code only after the
    // labellers have drained everything the command (and anything it left running) wrote.
    const d = '"$__dtn_d'
    return `{
__dtn_d=${shq(dir)}
if command mkfifo ${d}/stdout.pipe" ${d}/stderr.pipe" ${d}/input.pipe" ${d}/exit.pipe"; then
( (
( ${holder} ) > ${d}/input.pipe" & __dtn_ih=$!
${this.rt.labeller(1)} < ${d}/stdout.pipe" >> ${d}/output.log" &
${this.rt.labeller(2)} < ${d}/stderr.pipe" >> ${d}/output.log" &
command read -r __dtn_ec < ${d}/exit.pipe"
command kill "$__dtn_ih" 2>/dev/null
command wait
command rm -f ${d}/stdout.pipe" ${d}/stderr.pipe" ${d}/input.pipe" ${d}/exit.pipe"
command echo "$__dtn_ec" > ${d}/exit_code.tmp" && command mv -f ${d}/exit_code.tmp" ${d}/exit_code"
) & )
{ . ${d}/cmd.sh"; } < ${d}/input.pipe" > ${d}/stdout.pipe" 2> ${d}/stderr.pipe"
command echo "$?" > ${d}/exit.pipe"
else command echo 127 > ${d}/exit_code"; fi
}
`
  }

  /** Reads the command's exit code file if the command has finished. */
  async refresh(cmd: SessionCommand): Promise<SessionCommand> {
    if (cmd.exitCode !== undefined) return cmd
    try {
      const text = (await readFile(cmd.exitFile, 'utf8')).trim()
      if (/^-?\d+$/.test(text)) cmd.exitCode = Number(text)
    } catch {
      // still running
    }
    return cmd
  }

  /** Waits for the command to finish (polling like the daemon: every 50 ms, no server-side timeout). */
  async wait(cmd: SessionCommand): Promise<number> {
    for (;;) {
      await this.refresh(cmd)
      if (cmd.exitCode !== undefined) return cmd.exitCode
      if (this.closed.signal.aborted) {
        cmd.exitCode = 1
        throw new HttpError(400, 'session cancelled')
      }
      await sleep(50)
    }
  }

  async sendInput(cmd: SessionCommand, data: string): Promise<void> {
    if (!this.alive) throw new HttpError(410, 'session process has exited', { code: 'SESSION_ENDED' })
    await this.refresh(cmd)
    if (cmd.exitCode !== undefined) {
      throw new HttpError(410, `command has already completed with exit code ${cmd.exitCode}`, {
        code: 'COMMAND_ALREADY_COMPLETED',
      })
    }
    const text = data.endsWith('\n') ? data : `${data}\n` // commands like `read` want a whole line
    const handle = await this.openInput(cmd)
    try {
      await handle.write(text)
    } finally {
      await handle.close()
    }
    if (!cmd.suppressInputEcho)
      await appendFile(cmd.log, Buffer.concat([Buffer.from([1, 1, 1]), Buffer.from(text)]))
  }

  /**
   * Opens the command's stdin FIFO for writing. Non-blocking, so a command that never reads cannot hang the
   * request; retried briefly because the shell may not have reached the command yet.
   */
  private async openInput(cmd: SessionCommand) {
    const deadline = Date.now() + 2000
    for (;;) {
      try {
        return await open(join(cmd.dir, 'input.pipe'), constants.O_WRONLY | constants.O_NONBLOCK)
      } catch {
        await this.refresh(cmd)
        if (cmd.exitCode !== undefined || !this.alive || Date.now() > deadline) {
          throw new HttpError(410, 'command is not reading input', { code: 'COMMAND_ALREADY_COMPLETED' })
        }
        await sleep(20)
      }
    }
  }

  /** Ends the session: SIGTERM its group and descendants, SIGKILL after the grace, remove its logs. */
  async destroy(): Promise<void> {
    this.closed.abort()
    const pid = this.shell.pid
    const marked = () => processesWithEnv(SESSION_MARK_VAR, this.mark)
    await killGroup(pid, this.rt.settings.killGraceMs, marked)
    await rm(this.dirHost, { recursive: true, force: true })
  }

  /** The shell died (`exit`, `set -e`, a signal): commands it never finished end with its status. */
  private async settleOrphans(): Promise<void> {
    const pending = [...this.commands.values()].filter((cmd) => cmd.exitCode === undefined)
    await waitQuiet(pending.map((cmd) => cmd.log)) // let the labellers drain what the command wrote
    if (this.closed.signal.aborted) return
    for (const cmd of pending) {
      await this.refresh(cmd)
      if (cmd.exitCode !== undefined) continue
      cmd.exitCode = this.shellExit
      await writeFile(cmd.exitFile, `${this.shellExit}\n`).catch(() => {})
    }
  }
}

/**
 * The session shell. Under bwrap the sandbox's processes all die when its main process does, so the shell
 * runs under a small parent that, once the shell has exited, gives the labellers a moment to drain.
 */
function sessionShellArgv(rt: SandboxRuntime): string[] {
  if (rt.layout.isolation !== 'bwrap') return [rt.settings.shell]
  const draining = rt.settings.perl
    ? "grep -qs 'label[.]pl' /proc/[0-9]*/cmdline" // the brackets keep grep from matching itself
    : '[ $__n -lt 6 ]'
  const script = `"$0"; __c=$?; __n=0
while [ $__n -lt 40 ] && ${draining}; do sleep 0.05; __n=$((__n + 1)); done
exit $__c`
  return ['/bin/sh', '-c', script, rt.settings.shell]
}

/** Waits until none of `files` has grown for 150 ms (at most 2 s). */
async function waitQuiet(files: string[]): Promise<void> {
  const sizes = async () =>
    (
      await Promise.all(
        files.map((f) =>
          stat(f).then(
            (s) => s.size,
            () => -1,
          ),
        ),
      )
    ).join()
  const deadline = Date.now() + 2000
  let last = await sizes()
  let quietSince = Date.now()
  while (Date.now() < deadline && Date.now() - quietSince < 150) {
    await sleep(50)
    const now = await sizes()
    if (now !== last) {
      last = now
      quietSince = Date.now()
    }
  }
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 }
  return sig ? (numbers[sig] ?? 0) : 0
}
