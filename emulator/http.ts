// Small HTTP helpers shared by the emulator's API and toolbox routes: bodies in, Daytona's shapes out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/** An error that a route throws to answer with a status; the server turns it into the right body shape. */
export class HttpError extends Error {
  readonly status: number
  /** daemon error code (toolbox routes), e.g. FILE_NOT_FOUND */
  readonly code: string | undefined
  /** answer with no body at all, as several daemon handlers and the proxy do */
  readonly emptyBody: boolean
  readonly headers: Record<string, string>

  constructor(
    status: number,
    message: string,
    opts: { code?: string; emptyBody?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.status = status
    this.code = opts.code
    this.emptyBody = opts.emptyBody ?? false
    this.headers = opts.headers ?? {}
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Parses a JSON body; an empty body is `{}` (Daytona accepts an empty create body). */
export async function readJson<T = Record<string, unknown>>(req: IncomingMessage): Promise<T> {
  const raw = await readBody(req)
  if (raw.length === 0) return {} as T
  try {
    const value = JSON.parse(raw.toString('utf8'))
    if (value === null || typeof value !== 'object') throw new Error('not an object')
    return value as T
  } catch {
    throw new HttpError(400, 'Invalid JSON body', { code: 'INVALID_REQUEST_BODY' })
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-length': 0, ...headers })
  res.end()
}

/** Main API error body, as NestJS's all-exceptions filter writes it. */
export function sendApiError(res: ServerResponse, req: IncomingMessage, err: HttpError) {
  if (err.emptyBody) return sendEmpty(res, err.status, err.headers)
  const path = new URL(req.url ?? '/', 'http://x').pathname
  sendJson(
    res,
    err.status,
    {
      path,
      timestamp: new Date().toISOString(),
      statusCode: err.status,
      error: STATUS_CODES[err.status] ?? 'Error',
      message: err.message,
    },
    err.headers,
  )
}

/** Who produced a toolbox error: the daemon marks its own; the proxy (auth, look-up, upgrades) does not. */
export type ErrorSource = 'daemon' | 'proxy'

export interface DaemonErrorOptions {
  /** default 'daemon': adds `source: "DAYTONA_DAEMON"` as newer daemons do (§5.1) */
  source?: ErrorSource
  /** the path the body names; default the request's pathname. The daemon only sees its own sub-path. */
  path?: string
}

/** The toolbox error body (§1.4, §5.1): an upper-snake `code`, the method and path; `source` from the daemon. */
function daemonErrorBody(req: IncomingMessage, err: HttpError, opts: DaemonErrorOptions) {
  return {
    statusCode: err.status,
    message: err.message,
    code: err.code ?? defaultDaemonCode(err.status),
    timestamp: new Date().toISOString(),
    path: opts.path ?? new URL(req.url ?? '/', 'http://x').pathname,
    method: req.method,
    ...((opts.source ?? 'daemon') === 'daemon' ? { source: 'DAYTONA_DAEMON' } : {}),
  }
}

/** Daemon or proxy error answer (see DaemonErrorOptions for which). */
export function sendDaemonError(
  res: ServerResponse,
  req: IncomingMessage,
  err: HttpError,
  opts: DaemonErrorOptions = {},
) {
  if (err.emptyBody) return sendEmpty(res, err.status, err.headers)
  sendJson(res, err.status, daemonErrorBody(req, err, opts), err.headers)
}

/** Refuses a WebSocket upgrade with a plain HTTP answer in the daemon or proxy error shape. */
export function rejectUpgrade(
  socket: Duplex,
  req: IncomingMessage,
  err: HttpError,
  opts: DaemonErrorOptions = {},
) {
  const body = err.emptyBody ? '' : JSON.stringify(daemonErrorBody(req, err, opts))
  const headers = {
    ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...err.headers,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')
  socket.end(`HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}\r\n${head}\r\n${body}`)
}

function defaultDaemonCode(status: number): string {
  const known: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    408: 'REQUEST_TIMEOUT',
    409: 'CONFLICT',
    410: 'GONE',
    422: 'UNPROCESSABLE_ENTITY',
  }
  return known[status] ?? 'INTERNAL_SERVER_ERROR'
}
