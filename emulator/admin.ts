// The admin surface under /_emulator/ (no auth, outside Daytona's API): fault injection, request counters
// by route template, every sandbox record (destroyed ones included), and test helpers for snapshots and
// build contexts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { MemoryContextStore } from './api/builds.ts'
import type { ApiContext } from './api/context.ts'
import { matchTemplate } from './api/router.ts'
import { adminSandboxView } from './api/sandboxes.ts'
import type { FaultSpec, Faults } from './faults.ts'
import { HttpError, readJson, sendEmpty, sendJson } from './http.ts'
import { toSnapshotDto } from './store.ts'

export class RequestCounters {
  private total = 0
  private readonly routes = new Map<string, number>()

  add(key: string): void {
    this.total++
    this.routes.set(key, (this.routes.get(key) ?? 0) + 1)
  }

  snapshot(): { total: number; routes: Record<string, number> } {
    return { total: this.total, routes: Object.fromEntries(this.routes) }
  }

  reset(): void {
    this.total = 0
    this.routes.clear()
  }
}

export interface AdminDeps {
  ctx: ApiContext
  faults: Faults
  counters: RequestCounters
  isolation: string
}

interface AdminRoute {
  method: string
  template: string
  handle(
    deps: AdminDeps,
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
  ): Promise<void>
}

const routes: AdminRoute[] = [
  {
    method: 'GET',
    template: '/_emulator/health',
    async handle(d, _req, res) {
      sendJson(res, 200, { ok: true, isolation: d.isolation })
    },
  },
  {
    method: 'POST',
    template: '/_emulator/faults',
    async handle(d, req, res) {
      const spec = (await readJson(req)) as unknown as FaultSpec
      try {
        sendJson(res, 201, { id: d.faults.add(spec).id })
      } catch (err) {
        throw new HttpError(400, err instanceof Error ? err.message : String(err))
      }
    },
  },
  {
    method: 'GET',
    template: '/_emulator/faults',
    async handle(d, _req, res) {
      sendJson(res, 200, d.faults.list())
    },
  },
  {
    method: 'DELETE',
    template: '/_emulator/faults',
    async handle(d, _req, res) {
      sendJson(res, 200, { cleared: d.faults.clear() })
    },
  },
  {
    method: 'DELETE',
    template: '/_emulator/faults/{id}',
    async handle(d, _req, res, params) {
      if (!d.faults.remove(params.id)) throw new HttpError(404, `no fault ${params.id}`)
      sendEmpty(res, 204)
    },
  },
  {
    method: 'GET',
    template: '/_emulator/requests',
    async handle(d, _req, res) {
      sendJson(res, 200, d.counters.snapshot())
    },
  },
  {
    method: 'DELETE',
    template: '/_emulator/requests',
    async handle(d, _req, res) {
      d.counters.reset()
      sendEmpty(res, 204)
    },
  },
  {
    method: 'GET',
    template: '/_emulator/sandboxes',
    async handle(d, _req, res) {
      sendJson(res, 200, adminSandboxView(d.ctx))
    },
  },
  {
    // A runner-side failure (the container died): kills the sandbox's processes and leaves it in `error`,
    // `recoverable` as asked, e.g. to exercise POST /sandbox/{id}/recover.
    method: 'POST',
    template: '/_emulator/sandboxes/{idOrName}/error',
    async handle(d, req, res, params) {
      const sb = d.ctx.store.findSandbox(params.idOrName)
      if (!sb) throw new HttpError(404, `no sandbox ${params.idOrName}`)
      const body = await readJson<{ reason?: unknown; recoverable?: unknown }>(req)
      const reason = typeof body.reason === 'string' ? body.reason : 'injected runner failure'
      if (sb.toolboxCreated) await d.ctx.toolbox.stop(sb.id)
      d.ctx.lifecycle.fail(sb, reason, 'error', body.recoverable === true)
      sendJson(
        res,
        200,
        adminSandboxView(d.ctx).find((v) => (v as { id: string }).id === sb.id),
      )
    },
  },
  {
    // What a region without a free runner does to a sandbox that waited longer than its queueTimeout ([N220]):
    // destroys it and sets queueTimedOutAt. Only a sandbox not yet started can be waiting for a runner.
    method: 'POST',
    template: '/_emulator/sandboxes/{idOrName}/queue-timeout',
    async handle(d, _req, res, params) {
      const sb = d.ctx.store.findSandbox(params.idOrName)
      if (!sb) throw new HttpError(404, `no sandbox ${params.idOrName}`)
      if (!['unknown', 'creating', 'pending_build', 'pulling_snapshot'].includes(sb.state)) {
        throw new HttpError(409, `sandbox ${params.idOrName} is ${sb.state}: it is not waiting for a runner`)
      }
      sb.queueTimedOutAt = Date.now()
      d.ctx.lifecycle.destroy(sb)
      sendEmpty(res, 204)
    },
  },
  {
    method: 'GET',
    template: '/_emulator/snapshots',
    async handle(d, _req, res) {
      sendJson(res, 200, [...d.ctx.store.snapshots.values()].map(toSnapshotDto))
    },
  },
  {
    // Daytona deactivates snapshots unused for 14 days; tests need it now.
    method: 'POST',
    template: '/_emulator/snapshots/{idOrName}/deactivate-now',
    async handle(d, req, res, params) {
      const snap = d.ctx.store.findSnapshot(params.idOrName)
      if (!snap) throw new HttpError(404, `no snapshot ${params.idOrName}`)
      const body = await readJson(req)
      d.ctx.snapshots.deactivate(snap)
      // Daytona's own deactivation of an idle snapshot is usually long over when a job meets it: unless
      // `justNow` asks for it, the 10-minute "deactivation is still in progress" window of activate has passed.
      if (body.justNow !== true) snap.updatedAt -= 10 * d.ctx.delays.minuteMs
      sendJson(res, 200, toSnapshotDto(snap))
    },
  },
  {
    // Registers an uploaded build context (its tar entry names) until the S3 endpoint exists.
    method: 'PUT',
    template: '/_emulator/contexts/{hash}',
    async handle(d, req, res, params) {
      if (!(d.ctx.contexts instanceof MemoryContextStore)) {
        throw new HttpError(409, 'this emulator reads build contexts from its object storage')
      }
      const body = await readJson<{ files?: unknown }>(req)
      if (!Array.isArray(body.files) || body.files.some((f) => typeof f !== 'string')) {
        throw new HttpError(400, '"files" must be an array of paths')
      }
      d.ctx.contexts.put(params.hash, body.files as string[])
      sendEmpty(res, 204)
    },
  },
  {
    // Runs the auto-stop/archive/delete and TTL pass now instead of waiting for the next tick.
    method: 'POST',
    template: '/_emulator/backstop/sweep',
    async handle(d, _req, res) {
      d.ctx.lifecycle.sweep()
      sendEmpty(res, 204)
    },
  },
]

export async function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, url: URL) {
  const match = matchTemplate(routes, req.method ?? 'GET', url.pathname)
  try {
    if (!match) throw new HttpError(404, `no admin route ${req.method} ${url.pathname}`)
    await match.route.handle(deps, req, res, match.params)
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 500
    if (!res.headersSent) sendJson(res, status, { message: err instanceof Error ? err.message : String(err) })
  }
}
