// One sandbox's toolbox state: its layout, environment, the processes it started and its sessions.
import type { ChildProcess, SpawnOptions } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { type ImageTools, imageTools, missingPrograms, STANDARD_PATH, sessionShell } from './image-tools.ts'
import { spawnIn } from './isolation.ts'
import { killGroup, processesWithEnv } from './kill.ts'
import { type Isolation, type Mount, SandboxLayout } from './layout.ts'
import { throughPathView, writePathView } from './path-view.ts'
import type { Session } from './session.ts'

export interface SandboxSpec {
  id: string
  user: string
  env: Record<string, string>
  /** absolute WORKDIR from the snapshot's Dockerfile */
  workDir?: string
  /** what the image has (shells, git); default: Daytona's default snapshot */
  tools?: ImageTools
}

export interface RuntimeSettings {
  dataDir: string
  isolation: Isolation
  /** perl makes a fast, binary-safe line labeller; without it a shell read loop does the job */
  perl: string | undefined
  killGraceMs: number
}

/** Marks every process of a sandbox (real sandboxes carry it too), so stop/destroy can find stragglers. */
export const SANDBOX_ID_VAR = 'DAYTONA_SANDBOX_ID'

const LABELLER = `# Prefixes each line read on stdin with its stream's 3-byte marker; a final partial line gets "\\n" too.
binmode STDIN; binmode STDOUT; $| = 1;
my $marker = ($ARGV[0] // '1') eq '2' ? "\\x02\\x02\\x02" : "\\x01\\x01\\x01";
while (my $line = <STDIN>) {
  $line .= "\\n" if substr($line, -1) ne "\\n";
  print STDOUT $marker, $line;
}
`

// Answers git's credential prompts from the environment, so credentials never touch a file or .git/config.
const ASKPASS = `#!/bin/sh
case "$1" in
  Username*|username*) printf '%s\\n' "$DAYTONA_GIT_USERNAME" ;;
  *) printf '%s\\n' "$DAYTONA_GIT_PASSWORD" ;;
esac
`

/** Single-quotes a string for sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

export class SandboxRuntime {
  readonly spec: SandboxSpec
  readonly layout: SandboxLayout
  readonly settings: RuntimeSettings
  readonly sessions = new Map<string, Session>()
  readonly tools: ImageTools
  /** what the image lacks and the host has: hidden from the sandbox's PATH (path-view.ts) */
  private readonly missing: string[]
  /** the shell the daemon starts sessions and one-shot commands in, chosen from the image's /etc/shells */
  readonly shell: string
  private readonly children = new Set<ChildProcess>()
  private seq = 0

  constructor(spec: SandboxSpec, settings: RuntimeSettings) {
    this.spec = spec
    this.settings = settings
    this.layout = new SandboxLayout({ ...spec, dataDir: settings.dataDir, isolation: settings.isolation })
    this.tools = spec.tools ?? imageTools({ base: 'daytonaio/sandbox' })
    this.missing = missingPrograms(this.tools)
    const chosen = sessionShell(this.tools, spec.env.SHELL)
    this.shell = chosen.path
    this.fallback = chosen.fallback
  }

  /** Set when the image's shell is not installed on this host and another stands in for it. */
  readonly fallback: string | undefined

  /** A short id unique within this runtime (for directory names that must not come from callers). */
  nextId(): number {
    this.seq += 1
    return this.seq
  }

  async prepare(): Promise<void> {
    for (const dir of this.layout.hostDirs) await mkdir(dir, { recursive: true })
    await writeFile(this.daemonHost('label.pl'), LABELLER)
    await writeFile(this.daemonHost('git-askpass.sh'), ASKPASS, { mode: 0o755 })
    if (this.missing.length > 0) await writePathView(this.daemonHost('path-view'), this.missing)
  }

  daemonHost(...parts: string[]): string {
    return join(this.layout.toHost(this.layout.daemonDir)!, ...parts)
  }

  daemonView(...parts: string[]): string {
    return posix.join(this.layout.daemonDir, ...parts)
  }

  /** Shell snippet that labels one stream (1 = stdout, 2 = stderr) from stdin to stdout. */
  labeller(stream: 1 | 2): string {
    if (this.settings.perl) return `${shq(this.settings.perl)} ${shq(this.daemonView('label.pl'))} ${stream}`
    const marker = stream === 1 ? '\\001\\001\\001' : '\\002\\002\\002'
    return `( while IFS= read -r __dtn_l || [ -n "$__dtn_l" ]; do printf '${marker}%s\\n' "$__dtn_l"; done )`
  }

  /**
   * The environment every process of the sandbox starts with: the image's (its PATH, else Debian's default),
   * never the emulator's own. An image that lacks programs the host has sees the standard directories through
   * a view without them (path-view.ts).
   */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const user = this.spec.user || 'daytona'
    const env: Record<string, string> = {
      PATH: STANDARD_PATH,
      HOME: this.layout.home,
      USER: user,
      LOGNAME: user,
    }
    if (this.layout.isolation === 'process') env.TMPDIR = this.layout.tmpDir
    Object.assign(env, this.spec.env, extra)
    if (this.missing.length > 0) env.PATH = throughPathView(env.PATH!, this.daemonView('path-view'))
    env.HOME = this.layout.home // only this home exists (and is writable) for the sandbox
    env[SANDBOX_ID_VAR] = this.spec.id
    return env
  }

  /** Starts a process in the sandbox (own process group), remembered until it exits. */
  spawn(
    argv: string[],
    opts: { cwd?: string; env?: Record<string, string>; stdio: SpawnOptions['stdio']; roBinds?: Mount[] },
  ): ChildProcess {
    const child = spawnIn(this.layout, argv, {
      cwd: opts.cwd ?? this.layout.workDir,
      env: opts.env ?? this.env(),
      stdio: opts.stdio,
      dataDir: this.settings.dataDir,
      roBinds: opts.roBinds,
    })
    this.children.add(child)
    child.once('exit', () => this.children.delete(child))
    child.once('error', () => this.children.delete(child))
    return child
  }

  /** Ends every process of the sandbox: sessions, one-shot commands, and anything that slipped away. */
  async stop(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.destroy()))
    this.sessions.clear()
    const groups = [...this.children].map((c) => c.pid).filter((pid): pid is number => pid !== undefined)
    const stragglers = () => processesWithEnv(SANDBOX_ID_VAR, this.spec.id)
    await Promise.all(groups.map((pid) => killGroup(pid, this.settings.killGraceMs, stragglers)))
    if (stragglers().length > 0) await killGroup(undefined, 0, stragglers)
  }
}
