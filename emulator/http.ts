// Small HTTP helpers shared by the emulator's API and toolbox routes: bodies in, Daytona's shapes out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

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

/** Daemon / proxy error body: an upper-snake `code`, the method and path. */
export function sendDaemonError(res: ServerResponse, req: IncomingMessage, err: HttpError) {
  if (err.emptyBody) return sendEmpty(res, err.status, err.headers)
  const path = new URL(req.url ?? '/', 'http://x').pathname
  sendJson(
    res,
    err.status,
    {
      statusCode: err.status,
      message: err.message,
      code: err.code ?? defaultDaemonCode(err.status),
      timestamp: new Date().toISOString(),
      path,
      method: req.method,
      source: 'DAYTONA_DAEMON',
    },
    err.headers,
  )
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
