// The bench's latency-injecting proxy, in front of the emulator: every HTTP request and every WebSocket
// handshake waits `latencyMs` before it is forwarded, like a round trip to a distant service. Both the action
// and the SDK baseline talk to Daytona through it, so they pay the same price per request. It rewrites the
// emulator's origin to its own in JSON bodies (toolboxProxyUrl, build-log URLs), so that toolbox calls come
// back through it too, and it logs when each request started and when its answer was complete (for a
// WebSocket: when the handshake's answer arrived), which is what the round-trip chain is computed from.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import { connect } from 'node:net'
import type { Duplex } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

export interface LoggedRequest {
  method: string
  path: string
  /** ms on performance.now()'s clock: the request reached the proxy, its answer left it */
  start: number
  end: number
}

export interface LatencyProxy {
  /** the proxy's origin: use `${origin}/api` as the API URL */
  origin: string
  latencyMs: number
  log: LoggedRequest[]
  close(): Promise<void>
}

export async function startLatencyProxy(target: string, latencyMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target)
  const log: LoggedRequest[] = []
  const tunnels = new Set<Duplex>()
  let origin = ''
  const server: Server = createServer((req, res) => {
    const start = performance.now()
    void (async () => {
      await sleep(latencyMs)
      const up = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (upRes) => {
          const type = String(upRes.headers['content-type'] ?? '')
          const record = () =>
            log.push({ method: req.method ?? 'GET', path: path(req), start, end: performance.now() })
          if (!/json/.test(type)) {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers)
            upRes.pipe(res)
            res.on('finish', record)
            return
          }
          // JSON answers are small: rewrite the emulator's origin so that follow-up calls come back here
          const chunks: Buffer[] = []
          upRes.on('data', (c: Buffer) => chunks.push(c))
          upRes.on('end', () => {
            const body = Buffer.from(
              Buffer.concat(chunks).toString('utf8').replaceAll(upstream.origin, origin),
            )
            const headers = { ...upRes.headers, 'content-length': String(body.length) }
            delete headers['transfer-encoding']
            res.writeHead(upRes.statusCode ?? 502, headers)
            res.end(body, record)
          })
        },
      )
      up.on('error', () => res.destroy())
      req.pipe(up)
    })()
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const start = performance.now()
    tunnels.add(socket)
    socket.on('close', () => tunnels.delete(socket))
    socket.on('error', () => {})
    void (async () => {
      await sleep(latencyMs)
      const up = connect(Number(upstream.port), upstream.hostname)
      up.on('error', () => socket.destroy())
      socket.on('close', () => up.destroy())
      up.on('close', () => socket.destroy())
      up.once('connect', () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`]
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          const name = req.rawHeaders[i]!
          lines.push(`${name}: ${name.toLowerCase() === 'host' ? upstream.host : req.rawHeaders[i + 1]}`)
        }
        up.write(`${lines.join('\r\n')}\r\n\r\n`)
        if (head.length) up.write(head)
        up.once('data', () => log.push({ method: 'GET', path: path(req), start, end: performance.now() }))
        up.pipe(socket)
        socket.pipe(up)
      })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the latency proxy has no port')
  origin = `http://127.0.0.1:${address.port}`
  return {
    origin,
    latencyMs,
    log,
    async close() {
      server.closeAllConnections()
      for (const socket of tunnels) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function path(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://x').pathname
}

/**
 * The round trips on the critical path: the longest chain of requests each of which started after the previous
 * one's answer was complete (earliest end first, which finds the longest such chain). Requests that overlap
 * count once.
 */
export function sequentialChain(log: readonly LoggedRequest[]): LoggedRequest[] {
  const chain: LoggedRequest[] = []
  let free = Number.NEGATIVE_INFINITY
  for (const r of [...log].sort((a, b) => a.end - b.end)) {
    if (r.start < free) continue
    chain.push(r)
    free = r.end
  }
  return chain
}

/** How long the job had a request to Daytona outstanding (the union of their intervals, latency included). */
export function waitedOnDaytonaMs(log: readonly LoggedRequest[]): number {
  let waited = 0
  let coveredUntil = Number.NEGATIVE_INFINITY
  for (const r of [...log].sort((a, b) => a.start - b.start)) {
    const from = Math.max(r.start, coveredUntil)
    if (r.end > from) waited += r.end - from
    coveredUntil = Math.max(coveredUntil, r.end)
  }
  return waited
}
