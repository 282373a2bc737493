// Where a sandbox lives on the host, what its processes see, and how an API path maps to a host file.
//
// Host side, everything is under `${dataDir}/sandboxes/<id>/`: home/, tmp/, workdir/ (a WORKDIR outside the
// home), daemon/ (session logs, helper scripts). What processes see depends on the isolation:
// - bwrap: the sandbox's own view (/home/<user>, /tmp, the WORKDIR, /.daytona), bind-mounted from those dirs;
// - process: the host paths themselves; sandbox-style paths (/home/<user>/…, the WORKDIR) are accepted as aliases.
import { lstatSync, readlinkSync } from 'node:fs'
import { join, posix } from 'node:path'
import { HttpError } from '../http.ts'

export type Isolation = 'bwrap' | 'process'

/** A writable directory of the sandbox: `view` is the path its processes (and API callers) use. */
export interface Mount {
  view: string
  host: string
}

export interface LayoutInput {
  id: string
  user: string
  workDir?: string
  dataDir: string
  isolation: Isolation
}

const SAFE_USER = /^[a-z_][a-z0-9_-]*$/i

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`)
}

export class SandboxLayout {
  readonly isolation: Isolation
  /** host directory holding everything of this sandbox */
  readonly root: string
  /** the sandbox user's home, as processes see it */
  readonly home: string
  /** default directory for commands and relative paths, as processes see it */
  readonly workDir: string
  readonly tmpDir: string
  /** session logs and helper scripts, as processes see it */
  readonly daemonDir: string
  /** writable directories, longest view first (bind mounts under bwrap; path aliases in process mode) */
  readonly mounts: Mount[]
  /** host directories to create */
  readonly hostDirs: string[]

  constructor(input: LayoutInput) {
    this.isolation = input.isolation
    this.root = join(input.dataDir, 'sandboxes', input.id)
    const user = SAFE_USER.test(input.user) ? input.user : 'daytona'
    const virtualHome = user === 'root' ? '/root' : `/home/${user}`
    const host = {
      home: join(this.root, 'home'),
      tmp: join(this.root, 'tmp'),
      daemon: join(this.root, 'daemon'),
    }
    const wanted =
      input.workDir && posix.isAbsolute(input.workDir) ? posix.normalize(input.workDir) : undefined
    const mounts: Mount[] = []

    if (input.isolation === 'bwrap') {
      this.home = virtualHome
      this.tmpDir = '/tmp'
      this.daemonDir = '/.daytona'
      mounts.push({ view: virtualHome, host: host.home }, { view: '/tmp', host: host.tmp })
      mounts.push({ view: '/.daytona', host: host.daemon })
      this.workDir = virtualHome
      if (wanted && wanted !== '/') {
        this.workDir = wanted
        if (!within(wanted, virtualHome) && !within(wanted, '/tmp')) {
          mounts.push({ view: wanted, host: join(this.root, 'workdir') })
        }
      }
    } else {
      this.home = host.home
      this.tmpDir = host.tmp
      this.daemonDir = host.daemon
      mounts.push({ view: this.root, host: this.root }, { view: virtualHome, host: host.home })
      this.workDir = host.home
      if (wanted && wanted !== '/') {
        if (within(wanted, virtualHome)) {
          this.workDir = join(host.home, posix.relative(virtualHome, wanted))
        } else {
          this.workDir = join(this.root, 'workdir')
          mounts.push({ view: wanted, host: this.workDir })
        }
      }
    }
    this.mounts = mounts.sort((a, b) => b.view.length - a.view.length)
    this.hostDirs = [host.home, host.tmp, host.daemon, ...mounts.map((m) => m.host)]
    const workHost = this.toHost(this.workDir)
    if (workHost) this.hostDirs.push(workHost)
  }

  /** Lexical mapping of an absolute view path to the host; undefined when it is not a sandbox directory. */
  toHost(view: string): string | undefined {
    for (const m of this.mounts) {
      if (within(view, m.view)) return join(m.host, posix.relative(m.view, view))
    }
    return undefined
  }

  /** The view path of a host path inside the sandbox (the inverse of toHost). */
  toView(hostPath: string): string | undefined {
    if (this.isolation === 'process') return within(hostPath, this.root) ? hostPath : undefined
    for (const m of [...this.mounts].sort((a, b) => b.host.length - a.host.length)) {
      if (within(hostPath, m.host)) return posix.join(m.view, posix.relative(m.host, hostPath))
    }
    return undefined
  }

  /** An API path made absolute (relative paths are relative to the work dir) and normalised. */
  absolute(apiPath: string): string {
    return posix.resolve(this.workDir, apiPath)
  }

  /**
   * Resolves an API path to a host path, following symlinks the way the sandbox would see them,
   * and refuses (403) anything that ends up outside the sandbox's own directories.
   */
  resolve(apiPath: string): { host: string; view: string } {
    let view = this.absolute(apiPath)
    for (let hops = 0; hops < 40; hops++) {
      const next = this.followFirstLink(view)
      if (next === undefined) {
        const hostPath = this.toHost(view)
        if (hostPath === undefined) break
        return { host: hostPath, view }
      }
      view = next
    }
    throw new HttpError(403, `access denied: ${apiPath} is outside the sandbox`, {
      code: 'FILE_ACCESS_DENIED',
    })
  }

  /** The path with its first symlink component replaced by the link's target, or undefined if none. */
  private followFirstLink(view: string): string | undefined {
    const parts = view.split('/').filter(Boolean)
    let prefix = '/'
    for (let i = 0; i < parts.length; i++) {
      prefix = posix.join(prefix, parts[i])
      const hostPath = this.toHost(prefix)
      if (hostPath === undefined) continue
      let isLink = false
      try {
        isLink = lstatSync(hostPath).isSymbolicLink()
      } catch {
        return undefined // missing: nothing below it can be a link
      }
      if (isLink) {
        const target = readlinkSync(hostPath)
        return posix.resolve(posix.dirname(prefix), target, ...parts.slice(i + 1))
      }
    }
    return undefined
  }
}
