// POST /git/clone and GET /git/history with the real git CLI standing in for the daemon's go-git, run inside
// the sandbox. Credentials reach git only through
// GIT_ASKPASS (a script reading the environment) with credential helpers and hooks disabled, so they are
// never written to .git/config; the remote stored is the URL exactly as given.
import { existsSync } from 'node:fs'
import { readdir, rm, stat } from 'node:fs/promises'
import { HttpError, readJson, sendEmpty, sendJson } from '../http.ts'
import { STANDARD_PATH } from './image-tools.ts'
import type { Mount } from './layout.ts'
import { SANDBOX_ID_VAR, type SandboxRuntime } from './runtime.ts'
import type { RouteContext } from './session-routes.ts'

/** Where a host repository outside the sandbox is shown to git under bwrap. */
const HOST_SOURCE_VIEW = '/.daytona-clone-source'

interface CloneRequest {
  url: string
  path: string
  branch?: string
  commitId?: string
  username?: string
  password?: string
  depth?: number
  insecure: boolean
}

function parse(body: Record<string, unknown>): CloneRequest {
  const s = (key: string) =>
    typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined
  const url = s('url')
  const path = s('path')
  if (!url || !path) throw new HttpError(400, 'url and path are required', { code: 'INVALID_REQUEST_BODY' })
  const depth = body.depth
  if (
    depth !== undefined &&
    depth !== null &&
    (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0)
  ) {
    throw new HttpError(400, 'depth must be a non-negative integer', { code: 'INVALID_REQUEST_BODY' })
  }
  return {
    url,
    path,
    branch: s('branch'),
    commitId: s('commit_id'),
    username: s('username'),
    password: s('password'),
    depth: typeof depth === 'number' && depth > 0 ? depth : undefined,
    insecure: body.insecure_skip_tls === true,
  }
}

/**
 * A local repository URL (file:// or an absolute path) as git inside the sandbox can reach it: sandbox paths
 * as they are (host paths in process mode), host paths outside the sandbox bound read-only under bwrap.
 */
function localSource(rt: SandboxRuntime, url: string): { url: string; roBinds: Mount[] } | undefined {
  const isFileUrl = url.startsWith('file://')
  if (!isFileUrl && !url.startsWith('/')) return undefined
  const path = isFileUrl ? decodeURIComponent(new URL(url).pathname) : url
  const rebuild = (p: string) => (isFileUrl ? `file://${p}` : p)
  const inSandbox = rt.layout.toHost(path)
  if (rt.layout.isolation === 'process') {
    return inSandbox && inSandbox !== path ? { url: rebuild(inSandbox), roBinds: [] } : undefined
  }
  // The sandbox's own path wins; a host path (e.g. under the host's /tmp, hidden by the sandbox's) comes next.
  if ((inSandbox && existsSync(inSandbox)) || !existsSync(path)) return undefined
  return { url: rebuild(HOST_SOURCE_VIEW), roBinds: [{ view: HOST_SOURCE_VIEW, host: path }] }
}

/**
 * The daemon clones with go-git, inside its own process: nothing of the image's environment (GIT_TRACE_*,
 * GIT_SSL_NO_VERIFY, a GIT_ASKPASS of its own, git config files) reaches it. The emulator's git stands in for
 * go-git, so it runs with the daemon's environment alone: the host's git on Debian's PATH, no config read.
 */
function daemonGitEnv(rt: SandboxRuntime): Record<string, string> {
  return {
    PATH: STANDARD_PATH,
    HOME: rt.layout.home,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    [SANDBOX_ID_VAR]: rt.spec.id,
  }
}

function run(rt: SandboxRuntime, args: string[], env: Record<string, string>, roBinds: Mount[] = []) {
  const child = rt.spawn(['git', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], roBinds })
  const out: Buffer[] = []
  child.stdout?.on('data', (c: Buffer) => out.push(c))
  child.stderr?.on('data', (c: Buffer) => out.push(c))
  return new Promise<{ code: number; output: string }>((resolve) => {
    child.once('error', (err) => resolve({ code: -1, output: err.message }))
    child.once('close', (code) => resolve({ code: code ?? -1, output: Buffer.concat(out).toString('utf8') }))
  })
}

function redact(text: string, req: CloneRequest): string {
  let out = text.replace(/(\/\/)[^/@\s]+@/g, '$1***@')
  if (req.password) out = out.split(req.password).join('***')
  return out.trim()
}

function mapError(output: string, req: CloneRequest): HttpError {
  const message = redact(output, req) || 'git clone failed'
  const has = (re: RegExp) => re.test(output)
  if (
    has(
      /Authentication failed|could not read (Username|Password)|terminal prompts disabled|returned error: 401/i,
    )
  ) {
    return new HttpError(401, message, { code: 'GIT_AUTH_FAILED' })
  }
  if (has(/returned error: 403/)) return new HttpError(403, message, { code: 'FORBIDDEN' })
  if (has(/Remote branch .* not found|couldn't find remote ref/i)) {
    return new HttpError(404, message, { code: 'GIT_BRANCH_NOT_FOUND' })
  }
  if (has(/not found|does not appear to be a git repository|does not exist|returned error: 404/i)) {
    return new HttpError(404, message, { code: 'GIT_REPO_NOT_FOUND' })
  }
  if (has(/already exists and is not an empty directory/))
    return new HttpError(409, message, { code: 'CONFLICT' })
  if (has(/Could not resolve host|Failed to connect|Connection refused|unable to access/i)) {
    return new HttpError(500, message, { code: 'GIT_TRANSPORT_FAILED' })
  }
  return new HttpError(500, message)
}

export async function gitClone({ rt, req, res }: RouteContext) {
  const clone = parse(await readJson(req))
  const dest = rt.layout.resolve(clone.path)
  const existing = await stat(dest.host).catch(() => undefined)
  if (existing && (!existing.isDirectory() || (await readdir(dest.host)).length > 0)) {
    throw new HttpError(409, `destination path '${clone.path}' already exists`, { code: 'CONFLICT' })
  }

  const env = daemonGitEnv(rt)
  if (clone.username !== undefined || clone.password !== undefined) {
    env.GIT_ASKPASS = rt.daemonView('git-askpass.sh')
    env.DAYTONA_GIT_USERNAME = clone.username ?? ''
    env.DAYTONA_GIT_PASSWORD = clone.password ?? ''
  }
  const config = ['-c', 'credential.helper=', '-c', 'core.hooksPath=/dev/null', '-c', 'safe.directory=*']
  if (clone.insecure) config.push('-c', 'http.sslVerify=false')
  const local = localSource(rt, clone.url)
  const args = [...config, 'clone', '--single-branch']
  if (clone.branch) args.push('--branch', clone.branch)
  if (clone.depth) args.push('--depth', String(clone.depth))
  args.push('--', local?.url ?? clone.url, dest.view)

  const fail = async (err: HttpError) => {
    if (!existing) await rm(dest.host, { recursive: true, force: true })
    else for (const entry of await readdir(dest.host)) await rm(`${dest.host}/${entry}`, { recursive: true })
    throw err
  }
  const cloned = await run(rt, args, env, local?.roBinds)
  if (cloned.code !== 0) return fail(mapError(cloned.output, clone))
  // The daemon clones refs/heads/<branch>; `git clone --branch` also takes a tag (and detaches HEAD there).
  if (clone.branch) {
    const head = await run(rt, [...config, '-C', dest.view, 'symbolic-ref', '-q', 'HEAD'], env)
    if (head.output.trim() !== `refs/heads/${clone.branch}`) {
      const message = `Remote branch ${clone.branch} not found in upstream origin (reference not found)`
      return fail(new HttpError(404, message, { code: 'GIT_BRANCH_NOT_FOUND' }))
    }
  }
  if (local) await run(rt, [...config, '-C', dest.view, 'remote', 'set-url', 'origin', clone.url], env)
  if (clone.commitId) {
    const checkout = ['-c', 'advice.detachedHead=false', ...config, '-C', dest.view, 'checkout', '-q']
    const result = await run(rt, [...checkout, clone.commitId, '--'], env)
    if (result.code !== 0) {
      const message = `commit ${clone.commitId} not found in the cloned history: ${redact(result.output, clone)}`
      return fail(new HttpError(404, message, { code: 'NOT_FOUND' }))
    }
  }
  sendEmpty(res, 200)
}

/** GET /git/history?path=: the commits reachable from HEAD, newest first (go-git's Log). */
export async function gitHistory({ rt, res, url }: RouteContext) {
  const path = url.searchParams.get('path')
  if (!path) throw new HttpError(400, 'path is required', { code: 'BAD_REQUEST' })
  const dir = rt.layout.resolve(path)
  const format = '--format=%H%x00%an%x00%ae%x00%aI%x00%B%x1e'
  const log = await run(rt, ['-c', 'safe.directory=*', '-C', dir.view, 'log', format], daemonGitEnv(rt))
  if (log.code !== 0) throw new HttpError(404, 'repository does not exist', { code: 'NOT_FOUND' })
  const commits = log.output
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [hash, author, email, timestamp, message] = record.split('\0')
      return { hash, author, email, message, timestamp: new Date(timestamp ?? '').toISOString() }
    })
  sendJson(res, 200, commits)
}
