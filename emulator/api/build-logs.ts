// The build-logs URL handed out by GET …/build-logs-url (§3.5), served like the region proxy and runner do:
// raw text lines, application/octet-stream, chunked. With ?follow=true the stream stays open while building;
// it ends after a successful build but NOT after a failed one (clients must watch the state themselves).
import type { ServerResponse } from 'node:http'
import { HttpError } from '../http.ts'
import type { ApiContext } from './context.ts'
import type { LogStream } from './timers.ts'

export const BUILD_LOG_ROUTES = [
  { method: 'GET', template: '/proxy/sandboxes/{id}/build-logs' },
  { method: 'GET', template: '/proxy/snapshots/{id}/build-logs' },
]

function logSource(ctx: ApiContext, kind: string, id: string): () => LogStream | undefined {
  if (kind === 'sandboxes') {
    const sb = ctx.store.sandboxes.get(id)
    const ref = sb?.buildInfo?.snapshotRef
    if (!ref) throw new HttpError(404, `Sandbox ${id} has no build info`)
    return () => ctx.builds.get(ref)?.log
  }
  const snap = ctx.store.snapshots.get(id)
  if (!snap) throw new HttpError(404, `Snapshot ${id} not found`)
  return () => ctx.snapshots.logOf(snap)
}

export async function serveBuildLogs(
  ctx: ApiContext,
  res: ServerResponse,
  kind: string,
  id: string,
  follow: boolean,
): Promise<void> {
  const source = logSource(ctx, kind, id)
  const headers = { 'content-type': 'application/octet-stream', 'cache-control': 'no-cache' }
  if (!follow) {
    const text = (source()?.lines ?? []).map((l) => `${l}\n`).join('')
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(text) })
    res.end(text)
    return
  }
  res.writeHead(200, headers)
  res.flushHeaders()
  let closed = false
  const cleanups: (() => void)[] = []
  res.on('close', () => {
    closed = true
    for (const c of cleanups) c()
  })
  // the build may not have started yet (pending): wait for its log to exist
  let log = source()
  while (!log && !closed && !ctx.timers.isClosed) {
    await ctx.timers.sleep(50)
    log = source()
  }
  if (!log || closed) return
  for (const line of log.lines) res.write(`${line}\n`)
  const endIfBuilt = () => {
    // like the runner: the follow ends only once the image exists
    if (log.outcome === true) res.end()
  }
  if (log.outcome !== undefined) return endIfBuilt()
  cleanups.push(
    log.subscribe((line) => {
      if (line === null) endIfBuilt()
      else res.write(`${line}\n`)
    }),
  )
}
