// The toolbox proxy (§1.4): /toolbox/{sandboxId}/{subPath} → the in-process toolbox. Like the real proxy it
// looks the sandbox up by ID only, refuses sandboxes that are not started, and counts every request (and
// every open request or WebSocket) as activity that keeps auto-stop away. Errors thrown here are the
// proxy's own (no `source`); the daemon answers its errors itself, in its shape.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { HttpError } from '../http.ts'
import { reportedState } from '../store.ts'
import type { ApiContext } from './context.ts'
import { matchTemplate } from './router.ts'

/** Toolbox paths with parameters (toolbox.json); every other sub-path is its own template. */
const PARAM_TEMPLATES = [
  '/process/session/entrypoint',
  '/process/session/entrypoint/logs',
  '/process/session/{sessionId}',
  '/process/session/{sessionId}/exec',
  '/process/session/{sessionId}/command/{commandId}',
  '/process/session/{sessionId}/command/{commandId}/logs',
  '/process/session/{sessionId}/command/{commandId}/input',
  '/process/pty/{sessionId}',
  '/process/pty/{sessionId}/connect',
  '/process/pty/{sessionId}/resize',
  '/process/interpreter/context/{id}',
  '/port/{port}/in-use',
  '/computeruse/recordings/{id}',
  '/computeruse/recordings/{id}/download',
  '/computeruse/process/{processName}/errors',
  '/computeruse/process/{processName}/logs',
  '/computeruse/process/{processName}/restart',
  '/computeruse/process/{processName}/status',
]

/** The spec template of a toolbox sub-path, e.g. `/process/session/{sessionId}/exec`. */
export function toolboxTemplate(method: string, subPath: string): string {
  const routes = PARAM_TEMPLATES.map((template) => ({ method, template }))
  return matchTemplate(routes, method, subPath)?.route.template ?? subPath
}

/** `/toolbox/{id}/process/execute` → { sandboxId, subPath: '/process/execute' } */
export function parseToolboxPath(pathname: string): { sandboxId: string; subPath: string } | undefined {
  const m = /^\/toolbox\/([^/]+)(\/.*)?$/.exec(pathname)
  if (!m) return undefined
  return { sandboxId: decodeURIComponent(m[1]), subPath: m[2] ?? '/' }
}

export function proxyAuthError(): HttpError {
  return new HttpError(401, 'unauthorized: authentication failed: invalid or missing API key', {
    code: 'UNAUTHORIZED',
  })
}

/** Throws the proxy's answer for a sandbox that is unknown or not running. */
function requireStarted(ctx: ApiContext, sandboxId: string) {
  const sb = ctx.store.findSandboxById(sandboxId)
  if (!sb) throw new HttpError(404, `Sandbox with ID ${sandboxId} not found`, { code: 'NOT_FOUND' })
  if (reportedState(sb) !== 'started') {
    throw new HttpError(400, 'no IP address found. Is the Sandbox started?', { code: 'BAD_REQUEST' })
  }
  return sb
}

/** Marks activity now and for as long as the connection stays open. */
function trackActivity(
  ctx: ApiContext,
  req: IncomingMessage,
  sandboxId: string,
  closer: NodeJS.EventEmitter,
) {
  if (req.headers['x-daytona-skip-last-activity-update'] === 'true') return
  const sb = ctx.store.sandboxes.get(sandboxId)
  if (sb) sb.lastActivityAt = Date.now()
  ctx.openConnections.set(sandboxId, (ctx.openConnections.get(sandboxId) ?? 0) + 1)
  closer.once('close', () => {
    const left = (ctx.openConnections.get(sandboxId) ?? 1) - 1
    if (left > 0) ctx.openConnections.set(sandboxId, left)
    else ctx.openConnections.delete(sandboxId)
    const current = ctx.store.sandboxes.get(sandboxId)
    if (current) current.lastActivityAt = Date.now()
  })
}

export async function proxyToolbox(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sandboxId: string,
  subPath: string,
): Promise<void> {
  requireStarted(ctx, sandboxId)
  // the real proxy strips the credentials before forwarding to the daemon
  delete req.headers.authorization
  trackActivity(ctx, req, sandboxId, res)
  await ctx.toolbox.handle(req, res, sandboxId, subPath, url)
}

export function proxyUpgrade(
  ctx: ApiContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
  sandboxId: string,
  subPath: string,
): void {
  requireStarted(ctx, sandboxId)
  delete req.headers.authorization
  trackActivity(ctx, req, sandboxId, socket)
  ctx.toolbox.upgrade(req, socket, head, sandboxId, subPath, url)
}
