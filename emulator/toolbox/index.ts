// The emulator's toolbox: the in-sandbox daemon API (processes, sessions, logs, files, git) doing real
// work for each sandbox, in bubblewrap when it is available, else as plain host processes.
// The server authenticates, checks the sandbox exists and injects faults, then hands requests to `handle`
// (or WebSocket upgrades to `upgrade`) with the part of the path after `/toolbox/{sandboxId}`.

import { rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { HttpError, rejectUpgrade, sendDaemonError, sendJson } from '../http.ts'
import { execute } from './execute.ts'
import { bulkDownload, createFolder, deleteFile, downloadFile, fileInfo, listFiles } from './files.ts'
import { gitClone, gitHistory } from './git.ts'
import { detectIsolation, which } from './isolation.ts'
import type { Isolation } from './layout.ts'
import { type FollowSettings, followOverWebSocket } from './logs-follow.ts'
import { isDaytonaSubprotocol, outputMode } from './output-format.ts'
import { SandboxRuntime, type SandboxSpec } from './runtime.ts'
import {
  createSession,
  deleteSession,
  entrypointLogs,
  execInSession,
  findCommand,
  findSession,
  getCommand,
  getCommandLogs,
  getSession,
  listSessions,
  type RouteContext,
  sendInput,
} from './session-routes.ts'
import { bulkUpload, uploadLegacy, uploadV2 } from './upload.ts'

export type { Isolation } from './layout.ts'
export type { SandboxSpec } from './runtime.ts'

/** The daemon version the emulator claims (GET /version; also fit for Sandbox.daemonVersion). */
export const DAEMON_VERSION = '0.205.1'

export interface ToolboxOptions {
  dataDir: string
  /** 'auto' (default) → bwrap if it exists and a trial run works; env DAYTONA_EMULATOR_ISOLATION overrides 'auto' */
  isolation?: Isolation | 'auto'
  log?: (line: string) => void
  /** EOF must last this long (with the exit code present) before a follow stream ends; default 1000 ms */
  followEofGraceMs?: number
  /** SIGTERM → SIGKILL grace when a session is deleted or a sandbox stopped; default 1000 ms */
  killGraceMs?: number
  /** close log-follow sockets this many ms after they open; default env DAYTONA_EMULATOR_WS_EARLY_CLOSE */
  wsEarlyCloseMs?: number
}

type Handler = (ctx: RouteContext) => Promise<void>

const dir = (pick: (rt: SandboxRuntime) => string): Handler => {
  return async ({ rt, res }) => sendJson(res, 200, { dir: pick(rt) })
}

const ROUTES: [string, RegExp, Handler][] = [
  ['POST', /^\/process\/execute$/, execute],
  ['POST', /^\/process\/session$/, createSession],
  ['GET', /^\/process\/session$/, listSessions],
  ['GET', /^\/process\/session\/entrypoint\/logs$/, entrypointLogs],
  ['GET', /^\/process\/session\/([^/]+)$/, getSession],
  ['DELETE', /^\/process\/session\/([^/]+)$/, deleteSession],
  ['POST', /^\/process\/session\/([^/]+)\/exec$/, execInSession],
  ['GET', /^\/process\/session\/([^/]+)\/command\/([^/]+)$/, getCommand],
  ['GET', /^\/process\/session\/([^/]+)\/command\/([^/]+)\/logs$/, getCommandLogs],
  ['POST', /^\/process\/session\/([^/]+)\/command\/([^/]+)\/input$/, sendInput],
  ['GET', /^\/files\/?$/, listFiles],
  ['DELETE', /^\/files\/?$/, deleteFile],
  ['GET', /^\/files\/info$/, fileInfo],
  ['GET', /^\/files\/download$/, downloadFile],
  ['POST', /^\/files\/bulk-download$/, bulkDownload],
  ['POST', /^\/files\/bulk-upload$/, bulkUpload],
  ['POST', /^\/files\/upload-v2$/, uploadV2],
  ['POST', /^\/files\/upload$/, uploadLegacy],
  ['POST', /^\/files\/folder$/, createFolder],
  ['POST', /^\/git\/clone$/, gitClone],
  ['GET', /^\/git\/history$/, gitHistory],
  ['GET', /^\/user-home-dir$/, dir((rt) => rt.layout.home)],
  ['GET', /^\/project-dir$/, dir((rt) => rt.layout.home)],
  ['GET', /^\/work-dir$/, dir((rt) => rt.layout.workDir)],
  ['GET', /^\/version$/, async ({ res }) => sendJson(res, 200, { version: DAEMON_VERSION })],
]

/** File-system errors as the daemon reports them; anything else is left for the server to answer. */
function toHttpError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException)?.code
  const message = (err as Error)?.message ?? String(err)
  if (err instanceof HttpError || typeof code !== 'string') return err
  if (code === 'ENOENT') return new HttpError(404, message, { code: 'FILE_NOT_FOUND' })
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new HttpError(403, message, { code: 'FILE_ACCESS_DENIED' })
  }
  if (['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY', 'ENAMETOOLONG', 'ELOOP'].includes(code)) {
    return new HttpError(400, message, { code: 'BAD_REQUEST' })
  }
  return err
}

const LOGS_PATH = /^\/process\/session\/([^/]+)\/command\/([^/]+)\/logs$/
const ENTRYPOINT_LOGS_PATH = /^\/process\/session\/entrypoint\/logs$/

function errorText(err: unknown): string {
  return (err as Error)?.stack ?? String(err)
}

function envMs(name: string): number | undefined {
  const value = Number(process.env[name])
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : undefined
}

export class Toolbox {
  readonly isolation: Isolation
  private readonly dataDir: string
  private readonly runtimes = new Map<string, SandboxRuntime>()
  private readonly follow: FollowSettings
  private readonly killGraceMs: number
  private readonly perl = which('perl')
  private readonly wss: WebSocketServer
  private readonly log: (line: string) => void

  constructor(opts: ToolboxOptions) {
    this.dataDir = opts.dataDir
    const log = opts.log ?? (() => {})
    this.log = log
    const forced = process.env.DAYTONA_EMULATOR_ISOLATION
    const wanted = opts.isolation ?? 'auto'
    if (wanted !== 'auto') {
      this.isolation = wanted
      log(`toolbox: isolation ${wanted} (chosen by the caller)`)
    } else if (forced === 'bwrap' || forced === 'process') {
      this.isolation = forced
      log(`toolbox: isolation ${forced} (DAYTONA_EMULATOR_ISOLATION)`)
    } else {
      const detected = detectIsolation(opts.dataDir)
      this.isolation = detected.isolation
      log(`toolbox: isolation ${detected.isolation} (${detected.reason})`)
    }
    this.follow = {
      eofGraceMs: opts.followEofGraceMs ?? 1000,
      earlyCloseMs: opts.wsEarlyCloseMs ?? envMs('DAYTONA_EMULATOR_WS_EARLY_CLOSE'),
    }
    this.killGraceMs = opts.killGraceMs ?? 1000
    this.wss = new WebSocketServer({
      noServer: true,
      // Echo only the daemon's own subprotocol; offering none is fine too.
      handleProtocols: (protocols) => [...protocols].find(isDaytonaSubprotocol) ?? false,
    })
  }

  /** Close log-follow sockets `ms` after they open (undefined: never), to test client resilience. */
  setEarlyClose(ms: number | undefined): void {
    this.follow.earlyCloseMs = ms
  }

  /** Makes the sandbox's directories (idempotent). */
  async create(spec: SandboxSpec): Promise<void> {
    let rt = this.runtimes.get(spec.id)
    if (!rt) {
      rt = new SandboxRuntime(spec, {
        dataDir: this.dataDir,
        isolation: this.isolation,
        perl: this.perl,
        killGraceMs: this.killGraceMs,
      })
      this.runtimes.set(spec.id, rt)
      if (rt.fallback) this.log(`toolbox: sandbox ${spec.id}: ${rt.fallback}`)
    }
    await rt.prepare()
  }

  /** Kills all of the sandbox's processes and forgets its sessions; its files stay. */
  async stop(id: string): Promise<void> {
    await this.runtimes.get(id)?.stop()
  }

  /** Stops the sandbox and removes its files. */
  async destroy(id: string): Promise<void> {
    const rt = this.runtimes.get(id)
    await rt?.stop()
    this.runtimes.delete(id)
    await rm(rt?.layout.root ?? join(this.dataDir, 'sandboxes', id), { recursive: true, force: true })
  }

  /**
   * Serves one daemon request. Errors are answered here, in the daemon's shape (`source: "DAYTONA_DAEMON"`,
   * `path` the daemon's own path such as `/files/info`): the daemon never sees the proxy's `/toolbox/{id}`.
   */
  async handle(req: IncomingMessage, res: ServerResponse, sandboxId: string, subPath: string, url: URL) {
    const path = subPath || '/'
    try {
      await this.dispatch(req, res, sandboxId, path, url)
    } catch (err) {
      // Mid-stream failures cannot become an error body any more: cut the response instead.
      if (res.headersSent) return void res.destroy(err as Error)
      const mapped = toHttpError(err)
      if (!(mapped instanceof HttpError))
        this.log(`toolbox error on ${req.method} ${path}: ${errorText(err)}`)
      const httpErr =
        mapped instanceof HttpError ? mapped : new HttpError(500, (err as Error)?.message ?? String(err))
      sendDaemonError(res, req, httpErr, { source: 'daemon', path })
    }
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    sandboxId: string,
    path: string,
    url: URL,
  ) {
    const rt = this.runtime(sandboxId)
    for (const [method, pattern, handler] of ROUTES) {
      const m = pattern.exec(path)
      if (!m || req.method !== method) continue
      const params = m.slice(1).map((p) => decodeURIComponent(p))
      return handler({ rt, req, res, url, params, follow: this.follow })
    }
    throw new HttpError(404, `${req.method} ${path} not found`, { code: 'NOT_FOUND' })
  }

  /** WebSocket upgrades (log follows); refusals answer in the daemon's error shape. */
  upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    sandboxId: string,
    subPath: string,
    url: URL,
  ): void {
    try {
      const rt = this.runtime(sandboxId)
      if (ENTRYPOINT_LOGS_PATH.test(subPath)) {
        // the emulator runs no entrypoint: its log is empty and complete, so the follow ends at once
        this.wss.handleUpgrade(req, socket, head, (ws) => ws.close(1000))
        return
      }
      const m = LOGS_PATH.exec(subPath)
      if (!m) throw new HttpError(404, `no WebSocket endpoint at ${subPath}`, { code: 'NOT_FOUND' })
      const session = findSession(rt, decodeURIComponent(m[1]))
      const cmd = findCommand(session, decodeURIComponent(m[2]))
      const follow = url.searchParams.get('follow') === 'true'
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        followOverWebSocket(ws, session, cmd, outputMode(req), this.follow, follow)
      })
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, (err as Error).message)
      rejectUpgrade(socket, req, e, { source: 'daemon', path: subPath })
    }
  }

  /** Kills everything of every sandbox and closes follow sockets; files stay. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate()
    await Promise.all([...this.runtimes.values()].map((rt) => rt.stop()))
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private runtime(id: string): SandboxRuntime {
    const rt = this.runtimes.get(id)
    if (!rt) throw new HttpError(404, 'sandbox not found', { code: 'NOT_FOUND' })
    return rt
  }
}
