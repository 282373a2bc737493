// A session, as Daytona's daemon runs one (v0.190.0 `pkg/session/create.go`, `execute.go`): one long-lived
// shell fed on stdin, in its own process group. Each exec writes one block into that shell: three FIFOs, a
// cleanup trap set in the shell itself, two labellers and a stdin holder started as background jobs of the
// shell, the command *sourced* from a file with the FIFOs as its streams, then the holder killed and waited
// for, the labellers waited for, and only then the exit code appended to its file. Nothing here settles a
// command the shell never finished: `exit` or `set -e` in a command end the shell, that command and every
// later one get no exit code, and later execs fail to write (400), as on Daytona.
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { appendFile, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpError } from '../http.ts'
import { killGroup } from './kill.ts'
import { type SandboxRuntime, shq } from './runtime.ts'

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
  private shellExit: number | undefined

  private constructor(rt: SandboxRuntime, id: string, cwd: string) {
    this.rt = rt
    this.id = id
    const name = `s${rt.nextId()}`
    this.dirHost = rt.daemonHost('sessions', name)
    this.dirView = rt.daemonView('sessions', name)
    this.shell = rt.spawn(sessionShellArgv(rt), {
      cwd,
      env: rt.env(),
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    this.shell.stdin?.on('error', () => {}) // writes after the shell died are reported by exec itself
    this.shell.once('error', () => {
      this.shellExit ??= 127 // could not start at all
    })
    this.shell.once('exit', (code, sig) => {
      this.shellExit = code ?? 128 + signalNumber(sig)
    })
  }

  static async create(rt: SandboxRuntime, id: string, cwd: string): Promise<Session> {
    const session = new Session(rt, id, cwd)
    await mkdir(session.dirHost, { recursive: true })
    return session
  }

  /**
   * Writes the command's block into the shell; the command runs when the shell gets to it. The daemon records
   * the command and writes its file before it writes to the shell, so a dead shell leaves a command that never
   * ends in the list, and the exec fails with the pipe's error.
   */
  async exec(command: string, runAsync: boolean, suppressInputEcho: boolean): Promise<SessionCommand> {
    if (this.closed.signal.aborted) throw new HttpError(404, 'session not found', { code: 'NOT_FOUND' })
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
    this.commands.set(id, cmd)
    await mkdir(dir, { recursive: true })
    await writeFile(cmd.log, '')
    await writeFile(join(dir, 'cmd.sh'), command, { mode: 0o600 })
    if (this.shellExit !== undefined || !this.shell.stdin?.writable) {
      throw new HttpError(400, 'failed to write command: write |1: broken pipe')
    }
    this.shell.stdin.write(this.block(posix.join(this.dirView, dirName), runAsync))
    return cmd
  }

  /** The block the daemon writes for one command, with the same names and order (`execute.go`). */
  private block(dir: string, runAsync: boolean): string {
    // A sync command's stdin ends at once; an async one's is held open (for /input) by an endless writer.
    const holder = runAsync ? 'while :; do sleep 3600; done > "$ip" &' : 'cat /dev/null > "$ip" &'
    return `
{
log=${shq(`${dir}/output.log`)}
dir=${shq(dir)}
sp="$dir/stdout.pipe"
ep="$dir/stderr.pipe"
ip="$dir/input.pipe"
rm -f "$sp" "$ep" "$ip" && mkfifo "$sp" "$ep" "$ip" || exit 1
cleanup() { rm -f "$sp" "$ep" "$ip"; }
trap 'cleanup' EXIT HUP INT TERM
${this.rt.labeller(1)} < "$sp" >> "$log" & r1=$!
${this.rt.labeller(2)} < "$ep" >> "$log" & r2=$!
${holder}
ip_pid=$!
{ . "$dir/cmd.sh"; } < "$ip" > "$sp" 2> "$ep"
_ec=$?
kill "$ip_pid" 2>/dev/null; wait "$ip_pid" 2>/dev/null
wait "$r1" "$r2"
echo "$_ec" >> "$dir/exit_code"
cleanup
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
    if (this.shellExit !== undefined)
      throw new HttpError(410, 'session process has exited', { code: 'SESSION_ENDED' })
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
        if (cmd.exitCode !== undefined || this.shellExit !== undefined || Date.now() > deadline) {
          throw new HttpError(410, 'command is not reading input', { code: 'COMMAND_ALREADY_COMPLETED' })
        }
        await sleep(20)
      }
    }
  }

  /**
   * Ends the session as the daemon does (`delete.go`): SIGTERM to the shell's process group and to its
   * process tree, SIGKILL after the grace, logs removed. A process whose parent already exited has left the
   * tree: it lives on until the sandbox stops.
   */
  async destroy(): Promise<void> {
    this.closed.abort()
    await killGroup(this.shell.pid, this.rt.settings.killGraceMs)
    await rm(this.dirHost, { recursive: true, force: true })
  }
}

/**
 * The session shell. Under bwrap the sandbox's processes all die when its main process does, so the shell
 * runs under a small parent that, once the shell has exited, gives the labellers a moment to drain.
 */
function sessionShellArgv(rt: SandboxRuntime): string[] {
  if (rt.layout.isolation !== 'bwrap') return [rt.shell]
  const draining = rt.settings.perl
    ? "grep -qs 'label[.]pl' /proc/[0-9]*/cmdline" // the brackets keep grep from matching itself
    : '[ $__n -lt 6 ]'
  const script = `"$0"; __c=$?; __n=0
while [ $__n -lt 40 ] && ${draining}; do sleep 0.05; __n=$((__n + 1)); done
exit $__c`
  return ['/bin/sh', '-c', script, rt.shell]
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 }
  return sig ? (numbers[sig] ?? 0) : 0
}
