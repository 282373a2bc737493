// Sandbox routes other than create and list (§2.5): get, delete, start, stop, archive, recover, labels, the
// interval setters, TTL, last-activity and the URL look-ups.
import { HttpError, readJson, sendEmpty, sendJson } from '../http.ts'
import { reportedState, type SandboxRecord, toSandboxDto } from '../store.ts'
import type { ApiContext } from './context.ts'
import { checkTotals } from './quotas.ts'
import type { Route, RouteRequest } from './router.ts'
import { checkAutoPause, createSandbox, resolveAutoArchive, resolveAutoStop } from './sandbox-create.ts'
import { listSandboxes } from './sandbox-list.ts'
import { badRequest, intParam, optionalStringMap } from './validate.ts'

const conflict = () => new HttpError(409, 'Sandbox state change in progress')

function byIdOrName(ctx: ApiContext, idOrName: string): SandboxRecord {
  const sb = ctx.store.findSandbox(idOrName)
  if (!sb) throw new HttpError(404, `Sandbox with ID or name ${idOrName} not found`)
  return sb
}

function byId(ctx: ApiContext, id: string): SandboxRecord {
  const sb = ctx.store.findSandboxById(id)
  if (!sb) throw new HttpError(404, `Sandbox with ID ${id} not found`)
  return sb
}

function reply(r: RouteRequest, sb: SandboxRecord, status = 200): void {
  sendJson(r.res, status, toSandboxDto(sb, r.ctx.toolboxProxyUrl))
}

async function remove(r: RouteRequest): Promise<void> {
  const sb = byIdOrName(r.ctx, r.params.idOrName)
  // §2.5: deleting during a pending transition is refused, except while waiting for a build runner
  if (sb.pending && sb.state !== 'pending_build') throw conflict()
  r.ctx.lifecycle.destroy(sb)
  reply(r, sb)
}

async function start(r: RouteRequest): Promise<void> {
  const { ctx } = r
  const sb = byIdOrName(ctx, r.params.idOrName)
  if (sb.state === 'started' && sb.desiredState === 'started') return reply(r, sb)
  if (sb.pending) throw conflict()
  if (sb.state === 'error' || sb.state === 'build_failed') throw badRequest('Sandbox is in an errored state')
  if (sb.state !== 'stopped' && sb.state !== 'archived') throw badRequest('Sandbox is not in valid state')
  checkTotals(ctx.store, ctx.limits, sb.target, sb, sb.id)
  const fromArchive = sb.state === 'archived'
  ctx.lifecycle.start(sb)
  if (!fromArchive) {
    const state = await ctx.lifecycle.waitSettled(sb, ctx.delays.createWaitMs)
    if (state === 'error') throw badRequest(`Sandbox failed to start: ${sb.errorReason ?? 'unknown error'}`)
  }
  reply(r, sb)
}

async function stop(r: RouteRequest): Promise<void> {
  const sb = byIdOrName(r.ctx, r.params.idOrName)
  if (sb.pending) throw conflict()
  if (sb.state !== 'started') throw badRequest('Sandbox is not in a stoppable state')
  r.ctx.lifecycle.stop(sb)
  reply(r, sb)
}

/** §2.5: only an `error` with `recoverable: true` can be recovered; it then starts unless skipStart. */
async function recover(r: RouteRequest): Promise<void> {
  const { ctx } = r
  const sb = byIdOrName(ctx, r.params.idOrName)
  if (sb.pending) throw conflict()
  if (sb.state !== 'error') throw badRequest('Sandbox must be in error state to recover')
  if (!sb.recoverable)
    throw badRequest(`Sandbox error is not recoverable: ${sb.errorReason ?? 'unknown error'}`)
  const skipStart = r.url.searchParams.get('skipStart') === 'true'
  if (!skipStart) checkTotals(ctx.store, ctx.limits, sb.target, sb, sb.id)
  ctx.lifecycle.recover(sb, skipStart)
  if (!skipStart) {
    const state = await ctx.lifecycle.waitSettled(sb, ctx.delays.createWaitMs)
    if (state === 'error') throw badRequest(`Sandbox failed to start: ${sb.errorReason ?? 'unknown error'}`)
  }
  reply(r, sb)
}

async function archive(r: RouteRequest): Promise<void> {
  const sb = byIdOrName(r.ctx, r.params.idOrName)
  if (sb.pending) throw conflict()
  if (sb.state !== 'stopped') throw badRequest('Sandbox is not stopped')
  if (sb.autoDeleteInterval === 0) throw badRequest('Ephemeral sandboxes cannot be archived')
  r.ctx.lifecycle.archive(sb)
  reply(r, sb)
}

async function replaceLabels(r: RouteRequest): Promise<void> {
  const sb = byIdOrName(r.ctx, r.params.idOrName)
  const labels = optionalStringMap(await readJson(r.req), 'labels')
  if (!labels) throw badRequest('labels must be an object')
  sb.labels = labels
  sb.updatedAt = Date.now()
  // v0.190 answers the whole Sandbox; it carries `labels`, so it also satisfies the spec's {labels}
  reply(r, sb)
}

/** The interval setters answer 201 (NestJS POST default) with the Sandbox. */
function intervalRoute(
  template: string,
  apply: (sb: SandboxRecord, minutes: number, ctx: ApiContext) => void,
): Route {
  return {
    method: 'POST',
    template,
    throttler: 'authenticated',
    async handle(r) {
      const sb = byIdOrName(r.ctx, r.params.idOrName)
      apply(sb, intParam(r.params.minutes), r.ctx)
      sb.updatedAt = Date.now()
      reply(r, sb, 201)
    },
  }
}

export const sandboxRoutes: Route[] = [
  { method: 'POST', template: '/api/sandbox', throttler: 'sandbox-create', handle: createSandbox },
  { method: 'GET', template: '/api/sandbox', throttler: 'authenticated', handle: listSandboxes },
  {
    method: 'GET',
    template: '/api/sandbox/{idOrName}',
    throttler: 'authenticated',
    async handle(r) {
      const timedOut = r.ctx.store.findQueueTimedOut(r.params.idOrName)
      reply(r, timedOut ?? byIdOrName(r.ctx, r.params.idOrName))
    },
  },
  { method: 'DELETE', template: '/api/sandbox/{idOrName}', throttler: 'sandbox-lifecycle', handle: remove },
  {
    method: 'POST',
    template: '/api/sandbox/{idOrName}/start',
    throttler: 'sandbox-lifecycle',
    handle: start,
  },
  { method: 'POST', template: '/api/sandbox/{idOrName}/stop', throttler: 'sandbox-lifecycle', handle: stop },
  {
    method: 'POST',
    template: '/api/sandbox/{idOrName}/archive',
    throttler: 'sandbox-lifecycle',
    handle: archive,
  },
  {
    method: 'POST',
    template: '/api/sandbox/{idOrName}/recover',
    throttler: 'sandbox-lifecycle',
    handle: recover,
  },
  {
    method: 'PUT',
    template: '/api/sandbox/{idOrName}/labels',
    throttler: 'authenticated',
    handle: replaceLabels,
  },
  intervalRoute('/api/sandbox/{idOrName}/autostop/{minutes}', (sb, m) => {
    sb.autoStopInterval = resolveAutoStop(m)
  }),
  intervalRoute('/api/sandbox/{idOrName}/autoarchive/{minutes}', (sb, m) => {
    sb.autoArchiveInterval = resolveAutoArchive(m)
  }),
  intervalRoute('/api/sandbox/{idOrName}/autodelete/{minutes}', (sb, m) => {
    sb.autoDeleteInterval = m
  }),
  // containers cannot pause: only 0 (off, what the DTO always says) is accepted
  intervalRoute('/api/sandbox/{idOrName}/autopause/{minutes}', (_sb, m) => checkAutoPause(m, undefined)),
  intervalRoute('/api/sandbox/{idOrName}/ttl/{minutes}', (sb, m, ctx) => {
    if (m < 0) throw badRequest('ttlMinutes must not be less than 0')
    // §2.5: the TTL is re-anchored from now; 0 turns it off
    sb.autoDestroyAt = m === 0 ? undefined : Date.now() + m * ctx.delays.minuteMs
  }),
  {
    method: 'POST',
    template: '/api/sandbox/{id}/last-activity',
    throttler: 'authenticated',
    async handle(r) {
      byId(r.ctx, r.params.id).lastActivityAt = Date.now()
      sendEmpty(r.res, 201)
    },
  },
  {
    method: 'GET',
    template: '/api/sandbox/{id}/toolbox-proxy-url',
    throttler: 'authenticated',
    async handle(r) {
      byId(r.ctx, r.params.id)
      sendJson(r.res, 200, { url: r.ctx.toolboxProxyUrl })
    },
  },
  {
    method: 'GET',
    template: '/api/sandbox/{idOrName}/build-logs-url',
    throttler: 'authenticated',
    async handle(r) {
      const sb = byIdOrName(r.ctx, r.params.idOrName)
      if (!sb.buildInfo) throw new HttpError(404, `Sandbox ${r.params.idOrName} has no build info`)
      sendJson(r.res, 200, { url: `${r.ctx.proxyUrl}/sandboxes/${sb.id}/build-logs` })
    },
  },
]

/** For the admin surface: every record, destroyed ones included, with the internal pair of states. */
export function adminSandboxView(ctx: ApiContext): unknown[] {
  return [...ctx.store.sandboxes.values()].map((sb) => ({
    ...toSandboxDto(sb, ctx.toolboxProxyUrl),
    state: reportedState(sb),
    dbState: sb.state,
    pending: sb.pending,
    toolboxCreated: sb.toolboxCreated,
    destroyedAt: sb.destroyedAt === undefined ? null : new Date(sb.destroyedAt).toISOString(),
  }))
}
