// A tiny route table: path templates like '/api/sandbox/{idOrName}/stop' matched segment by segment.
// The template is also the key of the request counters, so tests can assert "how many creates".
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ThrottlerName } from '../rate-limit.ts'
import type { ApiContext } from './context.ts'

export interface RouteRequest {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  ctx: ApiContext
  /** set by a fault with leaveErroredSandbox: the create answers 400 and leaves an errored record */
  forceStartFailure?: boolean
}

export interface Route {
  method: string
  template: string
  /** which throttler counts this route (§5.3); none for unthrottled ones */
  throttler?: ThrottlerName
  handle(r: RouteRequest): Promise<void>
}

export interface RouteMatch<T extends { method: string; template: string }> {
  route: T
  params: Record<string, string>
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0)
}

/** Matches a pathname against templates; literal segments beat `{params}` when both fit. */
export function matchTemplate<T extends { method: string; template: string }>(
  routes: readonly T[],
  method: string,
  pathname: string,
): RouteMatch<T> | undefined {
  const parts = segments(pathname)
  let best: { match: RouteMatch<T>; literals: number } | undefined
  for (const route of routes) {
    if (route.method !== method) continue
    const tpl = segments(route.template)
    if (tpl.length !== parts.length) continue
    const params: Record<string, string> = {}
    let literals = 0
    let ok = true
    for (let i = 0; i < tpl.length && ok; i++) {
      const t = tpl[i]
      if (t.startsWith('{') && t.endsWith('}')) {
        try {
          params[t.slice(1, -1)] = decodeURIComponent(parts[i])
        } catch {
          ok = false
        }
      } else if (t === parts[i]) literals++
      else ok = false
    }
    if (ok && (!best || literals > best.literals)) best = { match: { route, params }, literals }
  }
  return best?.match
}
