// Fault injection: tests register faults on the admin surface; each request takes the first fault whose
// method and path pattern match it, and the server applies it (latency, a canned status, a dropped socket,
// a conflict, or a create that fails after leaving an errored sandbox behind).
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpError, sendApiError, sendDaemonError, sendJson } from './http.ts'

export interface FaultSpec {
  method?: string
  /** regex source matched against the URL pathname */
  path: string
  /** how many requests it applies to; unlimited when absent */
  times?: number
  /** how many matching requests pass untouched before it applies (a fault at the N+1-th call) */
  skip?: number
  status?: number
  body?: unknown
  emptyBody?: boolean
  headers?: Record<string, string>
  /** with status 429: sets Retry-After-<throttler> */
  throttler?: string
  retryAfterSeconds?: number
  /** destroy the socket without answering */
  drop?: boolean
  /** handle the request for real, then destroy the socket instead of answering: a lost answer */
  dropAfterHandling?: boolean
  latencyMs?: number
  /** on POST /api/sandbox: answer 400 'Sandbox failed to start: …' but leave the record in state error */
  leaveErroredSandbox?: boolean
  /** answer 409 'Sandbox state change in progress' */
  conflict?: boolean
}

export interface Fault extends FaultSpec {
  id: string
  /** requests it has applied to so far */
  hits: number
  /** matching requests it let pass (see `skip`) */
  passed: number
}

export class Faults {
  private readonly faults: Fault[] = []

  /** Validates and registers a fault; throws a message for a bad spec. */
  add(spec: FaultSpec): Fault {
    if (typeof spec?.path !== 'string' || spec.path.length === 0)
      throw new Error('fault needs a "path" regex')
    new RegExp(spec.path) // throws on a bad pattern
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
      throw new Error('"times" must be a positive integer')
    }
    if (spec.skip !== undefined && !(Number.isInteger(spec.skip) && spec.skip >= 0)) {
      throw new Error('"skip" must be a whole number')
    }
    if (
      spec.status !== undefined &&
      !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status < 600)
    ) {
      throw new Error('"status" must be an HTTP status code')
    }
    const fault: Fault = { ...spec, id: randomUUID(), hits: 0, passed: 0 }
    this.faults.push(fault)
    return fault
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }))
  }

  clear(): number {
    return this.faults.splice(0).length
  }

  remove(id: string): boolean {
    const i = this.faults.findIndex((f) => f.id === id)
    if (i < 0) return false
    this.faults.splice(i, 1)
    return true
  }

  /** Takes the first fault matching this request, using up one of its `times`. */
  take(method: string, pathname: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) && new RegExp(f.path).test(pathname),
    )
    if (i < 0) return undefined
    const fault = this.faults[i]
    if (fault.passed < (fault.skip ?? 0)) {
      fault.passed++
      return undefined
    }
    fault.hits++
    if (fault.times !== undefined && fault.hits >= fault.times) this.faults.splice(i, 1)
    return { ...fault }
  }
}

/** Which error shape a faulted answer takes: the API's or the proxy's (no daemon `source`). */
export type Surface = 'api' | 'proxy'

export interface FaultOutcome {
  /** the fault answered (or dropped) the request: nothing else must happen */
  answered: boolean
  leaveErroredSandbox: boolean
}

function faultError(fault: Fault): HttpError {
  const headers: Record<string, string> = { ...fault.headers }
  if (fault.conflict) return new HttpError(409, 'Sandbox state change in progress', { headers })
  const status = fault.status ?? 500
  if (status === 429 && fault.throttler)
    headers[`Retry-After-${fault.throttler}`] = String(fault.retryAfterSeconds ?? 60)
  else if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds)
  const message =
    status === 429 ? 'ThrottlerException: Too Many Requests' : (STATUS_CODES[status] ?? 'Injected fault')
  return new HttpError(status, message, { headers, emptyBody: fault.emptyBody })
}

/**
 * Applies the fault matching this request, if any. With a socket (WebSocket upgrade), answers on the raw
 * socket; otherwise on `res`.
 */
export async function applyFault(
  faults: Faults,
  req: IncomingMessage,
  res: ServerResponse | undefined,
  url: URL,
  surface: Surface,
  socket?: Duplex,
): Promise<FaultOutcome> {
  const fault = faults.take(req.method ?? 'GET', url.pathname)
  if (!fault) return { answered: false, leaveErroredSandbox: false }
  if (fault.latencyMs) await sleep(fault.latencyMs)
  if (fault.drop) {
    ;(socket ?? req.socket).destroy()
    return { answered: true, leaveErroredSandbox: false }
  }
  if (fault.dropAfterHandling && res) {
    const lose = () => {
      req.socket.destroy()
      return res
    }
    res.writeHead = lose as typeof res.writeHead
    res.end = lose as typeof res.end
    res.write = (() => lose() && false) as typeof res.write
    return { answered: false, leaveErroredSandbox: false }
  }
  if (!fault.conflict && fault.status === undefined) {
    return { answered: false, leaveErroredSandbox: fault.leaveErroredSandbox === true }
  }
  const err = faultError(fault)
  if (socket) throw err
  const out = res as ServerResponse
  if (fault.body !== undefined && !fault.emptyBody && !fault.conflict) {
    if (typeof fault.body === 'string') {
      const length = Buffer.byteLength(fault.body)
      out.writeHead(err.status, {
        ...err.headers,
        'content-type': 'text/plain; charset=utf-8',
        'content-length': length,
      })
      out.end(fault.body)
    } else sendJson(out, err.status, fault.body, err.headers)
  } else if (surface === 'api') sendApiError(out, req, err)
  else sendDaemonError(out, req, err, { source: 'proxy' })
  return { answered: true, leaveErroredSandbox: false }
}
