// The Daytona emulator's HTTP server: the main API under /api, the toolbox proxy under /toolbox, build logs
// under /proxy, and the admin surface under /_emulator. Every request except admin ones is counted by route
// template and may be hit by an injected fault before it reaches its handler.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { handleAdmin, RequestCounters } from './admin.ts'
import { BUILD_LOG_ROUTES, serveBuildLogs } from './api/build-logs.ts'
import { Builds, type ContextStore } from './api/builds.ts'
import type { ApiContext, Delays, Limits } from './api/context.ts'
import { Lifecycle } from './api/lifecycle.ts'
import { miscRoutes } from './api/misc.ts'
import { organizationRoutes } from './api/organization.ts'
import { matchTemplate, type Route } from './api/router.ts'
import { sandboxRoutes } from './api/sandboxes.ts'
import { SnapshotEngine } from './api/snapshot-engine.ts'
import { snapshotRoutes } from './api/snapshots.ts'
import { Timers } from './api/timers.ts'
import {
  parseToolboxPath,
  proxyAuthError,
  proxyToolbox,
  proxyUpgrade,
  toolboxTemplate,
} from './api/toolbox-proxy.ts'
import { applyFault, Faults, type Surface } from './faults.ts'
import { HttpError, rejectUpgrade, sendApiError, sendDaemonError } from './http.ts'
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './rate-limit.ts'
import { ObjectStorageServer, objectStorageDir } from './s3.ts'
import { DEFAULT_SNAPSHOT_NAME, Store } from './store.ts'
import { Toolbox, type ToolboxOptions } from './toolbox/index.ts'

export const API_VERSION = 'v0.220.0-emulator'

export interface EmulatorOptions {
  apiKey: string
  /** 0 = ephemeral (default) */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** where sandbox dirs live; default a fresh temp dir, removed on close */
  dataDir?: string
  /** passed to the toolbox; default 'auto' */
  isolation?: 'auto' | 'bwrap' | 'process'
  delays?: Partial<Delays>
  limits?: Partial<Limits>
  rateLimits?: Partial<RateLimitOptions>
  /**
   * where build contexts (contextHashes) are looked up; default the object storage at `${origin}/s3`
   * (plus contexts registered through the admin API)
   */
  contextStore?: ContextStore
  /** toolbox tuning (log-follow grace, kill grace, early WebSocket close) */
  toolbox?: Omit<ToolboxOptions, 'dataDir' | 'isolation' | 'log'>
  log?: (line: string) => void
}

export interface Emulator {
  /** http://127.0.0.1:PORT/api */
  apiUrl: string
  /** http://127.0.0.1:PORT */
  origin: string
  isolation: 'bwrap' | 'process'
  /** kills every sandbox process, removes the temp data dir */
  close(): Promise<void>
}

/** Fast defaults for tests; the CLI uses slower, more realistic ones. */
export const TEST_DELAYS: Delays = {
  createMs: 200,
  destroyMs: 100,
  startMs: 150,
  stopMs: 100,
  snapshotPendingMs: 100,
  buildStepMs: 20,
  createWaitMs: 30_000,
  buildRunnerWaitMs: 2000,
  runnerAssignMs: 0,
  pullMs: 150,
  minuteMs: 60_000,
}

/** Tier 1 (§2.7). */
export const DEFAULT_LIMITS: Limits = {
  maxCpu: 4,
  maxMemory: 8,
  maxDisk: 10,
  totalCpu: 10,
  totalMemory: 20,
  totalDisk: 30,
  snapshotQuota: 30,
}

const API_ROUTES: Route[] = [...sandboxRoutes, ...snapshotRoutes, ...organizationRoutes, ...miscRoutes]

function seedDefaultSnapshot(store: Store): void {
  const created = Date.UTC(2025, 0, 1)
  store.snapshots.set('8a2f0c4e-1b3d-4e5f-8a7b-9c0d1e2f3a4b', {
    id: '8a2f0c4e-1b3d-4e5f-8a7b-9c0d1e2f3a4b',
    name: DEFAULT_SNAPSHOT_NAME,
    general: true,
    imageName: DEFAULT_SNAPSHOT_NAME,
    state: 'active',
    entrypoint: ['sleep', 'infinity'],
    cpu: 1,
    gpu: 0,
    mem: 1,
    disk: 3,
    errorReason: null,
    createdAt: created,
    updatedAt: created,
    lastUsedAt: null,
    regionIds: store.regions.map((r) => r.id),
    ref: DEFAULT_SNAPSHOT_NAME,
    image: { env: {} },
    epoch: 0,
  })
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null
  return m?.[1].trim()
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  if (!opts.apiKey) throw new Error('startEmulator: apiKey is required')
  const log = opts.log ?? (() => {})
  const ownsDataDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'daytona-emulator-')))
  const toolbox = new Toolbox({ ...opts.toolbox, dataDir, isolation: opts.isolation ?? 'auto', log })
  const timers = new Timers()
  const delays: Delays = { ...TEST_DELAYS, ...opts.delays }
  const objectStorage = await ObjectStorageServer.start(objectStorageDir(dataDir))
  const contexts = opts.contextStore ?? objectStorage.contexts
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://${opts.host ?? '127.0.0.1'}:${port}`

  const store = new Store()
  seedDefaultSnapshot(store)
  const ctx = {
    store,
    toolbox,
    builds: new Builds({ contexts, timers, stepMs: () => delays.buildStepMs }),
    contexts,
    objectStorage,
    timers,
    delays,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    origin,
    toolboxProxyUrl: `${origin}/toolbox`,
    proxyUrl: `${origin}/proxy`,
    openConnections: new Map(),
    log,
  } as Omit<ApiContext, 'lifecycle' | 'snapshots'> as ApiContext
  ctx.lifecycle = new Lifecycle(ctx)
  ctx.snapshots = new SnapshotEngine(ctx)
  ctx.lifecycle.startBackstop()

  const faults = new Faults()
  const counters = new RequestCounters()
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...opts.rateLimits })
  const admin = { ctx, faults, counters, isolation: toolbox.isolation }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const match = matchTemplate(API_ROUTES, method, url.pathname)
    counters.add(`${method} ${match?.route.template ?? url.pathname}`)
    res.setHeader('X-Daytona-Api-Version', API_VERSION)
    const ip = req.socket.remoteAddress ?? 'unknown'
    const lockout = limiter.lockout(ip)
    if (lockout.blocked) {
      throw new HttpError(429, 'ThrottlerException: Too Many Requests', { headers: lockout.headers })
    }
    const fault = await applyFault(faults, req, res, url, 'api')
    if (fault.answered) return
    // like NestJS, an unknown route is a 404 before any guard runs
    if (!match) throw new HttpError(404, `Cannot ${method} ${url.pathname}`)
    if (bearer(req) !== opts.apiKey) {
      limiter.recordAuthFailure(ip)
      throw new HttpError(401, 'Unauthorized')
    }
    if (match.route.throttler) {
      const throttle = limiter.hit(match.route.throttler)
      for (const [k, v] of Object.entries(throttle.headers)) res.setHeader(k, v)
      if (throttle.blocked) throw new HttpError(429, 'ThrottlerException: Too Many Requests')
    }
    await match.route.handle({
      req,
      res,
      url,
      params: match.params,
      ctx,
      forceStartFailure: fault.leaveErroredSandbox,
    })
  }

  async function handleProxied(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const toolboxPath = parseToolboxPath(url.pathname)
    const logsMatch = toolboxPath ? undefined : matchTemplate(BUILD_LOG_ROUTES, method, url.pathname)
    const template = toolboxPath
      ? `/toolbox/{sandboxId}${toolboxTemplate(method, toolboxPath.subPath)}`
      : (logsMatch?.route.template ?? url.pathname)
    counters.add(`${method} ${template}`)
    const fault = await applyFault(faults, req, res, url, 'proxy')
    if (fault.answered) return
    if (bearer(req) !== opts.apiKey) throw proxyAuthError()
    if (toolboxPath) return proxyToolbox(ctx, req, res, url, toolboxPath.sandboxId, toolboxPath.subPath)
    if (!logsMatch) throw new HttpError(404, `Cannot ${method} ${url.pathname}`, { code: 'NOT_FOUND' })
    const kind = url.pathname.split('/')[2]
    await serveBuildLogs(ctx, res, kind, logsMatch.params.id, url.searchParams.get('follow') === 'true')
  }

  // The object storage answers in S3's own shapes (XML errors); only faults use the proxy shape.
  async function handleS3(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    counters.add(objectStorage.template(method, url.pathname))
    const fault = await applyFault(faults, req, res, url, 'proxy')
    if (fault.answered) return
    await objectStorage.handle(req, res)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', origin)
    const surface: Surface = url.pathname.startsWith('/api') ? 'api' : 'proxy'
    const work = url.pathname.startsWith('/_emulator/')
      ? handleAdmin(admin, req, res, url)
      : objectStorage.owns(url.pathname)
        ? handleS3(req, res, url, method)
        : surface === 'api'
          ? handleApi(req, res, url, method)
          : handleProxied(req, res, url, method)
    work.catch((err: unknown) => {
      if (!(err instanceof HttpError))
        log(`error on ${method} ${url.pathname}: ${(err as Error)?.stack ?? err}`)
      if (res.headersSent) return void res.destroy()
      const httpErr =
        err instanceof HttpError
          ? err
          : new HttpError(500, surface === 'api' ? 'An unexpected error occurred.' : String(err))
      if (surface === 'api') sendApiError(res, req, httpErr)
      // the toolbox answers daemon errors itself: whatever arrives here is the proxy's (or build logs')
      else sendDaemonError(res, req, httpErr, { source: 'proxy' })
    })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin)
    const toolboxPath = parseToolboxPath(url.pathname)
    if (!toolboxPath) return void socket.destroy()
    counters.add(`GET /toolbox/{sandboxId}${toolboxTemplate('GET', toolboxPath.subPath)}`)
    socket.on('error', () => {})
    const upgrade = async () => {
      const fault = await applyFault(faults, req, undefined, url, 'proxy', socket)
      if (fault.answered) return
      if (bearer(req) !== opts.apiKey) throw proxyAuthError()
      proxyUpgrade(ctx, req, socket, head, url, toolboxPath.sandboxId, toolboxPath.subPath)
    }
    upgrade().catch((err: unknown) => {
      const httpErr = err instanceof HttpError ? err : new HttpError(500, String(err))
      if (!socket.destroyed) rejectUpgrade(socket, req, httpErr, { source: 'proxy' })
    })
  })

  let closing: Promise<void> | undefined
  return {
    apiUrl: `${origin}/api`,
    origin,
    isolation: toolbox.isolation,
    close() {
      closing ??= (async () => {
        ctx.lifecycle.stopBackstop()
        timers.close()
        server.closeAllConnections()
        await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), toolbox.close()])
        objectStorage.close()
        if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
      })()
      return closing
    },
  }
}
