// Starting a sandbox's processes: inside bubblewrap (a private root where only the sandbox's own
// directories are writable and only its own processes are visible), or as plain host processes.
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process'
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs'
import { delimiter, join, posix } from 'node:path'
import { type Isolation, type Mount, SandboxLayout } from './layout.ts'

/** Absolute path of an executable found on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

// Host directories the sandbox sees read-only. /home, /root, /tmp and /run stay private: they may hold the
// host's secrets, sockets or other sandboxes' data.
const SYSTEM_DIRS = [
  'bin',
  'sbin',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'usr',
  'etc',
  'opt',
  'var',
  'srv',
  'sys',
]
const NEVER_BOUND = new Set(['home', 'root', 'tmp', 'run', 'proc', 'dev'])

let topLevelCache: string[] | undefined

/** `--ro-bind`/`--symlink` arguments recreating the host's system directories and the PATH's top dirs. */
function topLevelArgs(): string[] {
  if (topLevelCache) return topLevelCache
  const names = new Set(SYSTEM_DIRS)
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const top = dir.split('/')[1]
    if (dir.startsWith('/') && top && !NEVER_BOUND.has(top)) names.add(top)
  }
  const args: string[] = []
  const present = new Set(readdirSync('/'))
  for (const name of names) {
    if (!present.has(name)) continue
    const path = `/${name}`
    try {
      const stat = lstatSync(path)
      if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path)
      else if (stat.isDirectory()) args.push('--ro-bind', path, path)
    } catch {
      // unreadable: leave it out
    }
  }
  topLevelCache = args
  return args
}

function boundTop(path: string): boolean {
  const top = path.split('/')[1]
  return !!top && !NEVER_BOUND.has(top) && topLevelArgs().includes(`/${top}`)
}

/** bwrap cannot create a mount point inside a read-only bind: cover the deepest existing ancestor with tmpfs. */
function mountPointArgs(view: string): string[] {
  if (!boundTop(view) || existsSync(view)) return []
  let dir = posix.dirname(view)
  while (dir !== '/' && !existsSync(dir)) dir = posix.dirname(dir)
  return dir === '/' ? [] : ['--tmpfs', dir]
}

export interface BwrapOptions {
  cwd: string
  dataDir: string
  /** extra read-only binds (e.g. a host repository to clone from) */
  roBinds?: Mount[]
}

export function bwrapArgs(layout: SandboxLayout, opts: BwrapOptions): string[] {
  const args = [...topLevelArgs(), '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/run']
  if (boundTop(opts.dataDir)) args.push('--tmpfs', opts.dataDir) // other sandboxes stay invisible
  for (const m of [...layout.mounts].reverse()) args.push(...mountPointArgs(m.view), '--bind', m.host, m.view)
  for (const m of opts.roBinds ?? []) args.push('--ro-bind', m.host, m.view)
  args.push('--unshare-pid', '--unshare-ipc', '--die-with-parent', '--chdir', opts.cwd, '--')
  return args
}

export interface SpawnInOptions {
  cwd: string
  env: Record<string, string>
  stdio: SpawnOptions['stdio']
  dataDir: string
  roBinds?: Mount[]
}

/** Starts `argv` in the sandbox, in a new process group (so it can be killed as one). */
export function spawnIn(layout: SandboxLayout, argv: string[], opts: SpawnInOptions): ChildProcess {
  if (layout.isolation === 'bwrap') {
    const args = [...bwrapArgs(layout, opts), ...argv]
    // found on the host's PATH: the sandbox's may not hold the host's directories (path-view.ts)
    return spawn(which('bwrap') ?? 'bwrap', args, { env: opts.env, stdio: opts.stdio, detached: true })
  }
  return spawn(argv[0], argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: opts.stdio, detached: true })
}

/** Picks the isolation for 'auto': bwrap when it is installed and a trial sandbox actually runs. */
export function detectIsolation(dataDir: string): { isolation: Isolation; reason: string } {
  if (!which('bwrap')) return { isolation: 'process', reason: 'bwrap not found' }
  const trialDir = join(dataDir, '.bwrap-trial')
  try {
    const layout = new SandboxLayout({ id: 'trial', user: 'daytona', dataDir: trialDir, isolation: 'bwrap' })
    for (const dir of layout.hostDirs) mkdirSync(dir, { recursive: true })
    const args = [
      ...bwrapArgs(layout, { cwd: layout.home, dataDir: trialDir }),
      'sh',
      '-c',
      `echo ok > ${layout.home}/trial`,
    ]
    const run = spawnSync('bwrap', args, { encoding: 'utf8', timeout: 10_000 })
    if (run.status === 0 && existsSync(join(layout.root, 'home', 'trial'))) {
      return { isolation: 'bwrap', reason: 'bwrap trial run succeeded' }
    }
    return {
      isolation: 'process',
      reason: `bwrap trial failed: ${(run.stderr || run.error?.message || '').trim()}`,
    }
  } finally {
    rmSync(trialDir, { recursive: true, force: true })
  }
}
