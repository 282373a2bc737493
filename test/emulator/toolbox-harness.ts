// Mounts the toolbox on a bare HTTP server (routes /toolbox/:id/*) and gives tests a small client for it.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request, WebSocket } from 'undici'
import { HttpError, sendDaemonError } from '../../emulator/http.ts'
import {
  type Isolation,
  type SandboxSpec,
  Toolbox,
  type ToolboxOptions,
} from '../../emulator/toolbox/index.ts'
import { detectIsolation } from '../../emulator/toolbox/isolation.ts'

/** The isolation modes this machine can run: process always, bwrap when a trial sandbox works. */
export function availableModes(): Isolation[] {
  const dir = mkdtempSync(join(tmpdir(), 'tbx-probe-'))
  try {
    return detectIsolation(dir).isolation === 'bwrap' ? ['bwrap', 'process'] : ['process']
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface Harness {
  toolbox: Toolbox
  dataDir: string
  origin: string
  /** creates a sandbox and returns a client bound to its toolbox base URL */
  sandbox(spec?: Partial<SandboxSpec>): Promise<Client>
  close(): Promise<void>
}

export async function startToolbox(
  opts: Partial<ToolboxOptions> & { isolation: Isolation },
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tbx-'))
  const toolbox = new Toolbox({ followEofGraceMs: 200, killGraceMs: 300, ...opts, dataDir })
  const route = (url: URL) => /^\/toolbox\/([^/]+)(\/.*)?$/.exec(url.pathname)
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const m = route(url)
    try {
      if (!m) throw new HttpError(404, 'not found')
      await toolbox.handle(req, res, m[1], m[2] ?? '/', url)
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, (err as Error).message)
      if (!res.headersSent) sendDaemonError(res, req, e)
      else res.destroy()
    }
  })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const m = route(url)
    if (!m) return socket.destroy()
    toolbox.upgrade(req, socket, head, m[1], m[2] ?? '/', url)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    toolbox,
    dataDir,
    origin,
    async sandbox(spec = {}) {
      const full: SandboxSpec = { id: randomUUID(), user: 'daytona', env: {}, ...spec }
      await toolbox.create(full)
      return new Client(`${origin}/toolbox/${full.id}`, full.id)
    },
    async close() {
      await toolbox.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  json: any
}

/** Current SDK behaviour unless a test says otherwise. */
export const SDK = { 'x-daytona-sdk-version': '0.218.0' }

export class Client {
  readonly base: string
  readonly id: string

  constructor(base: string, id: string) {
    this.base = base
    this.id = id
  }

  async call(
    method: string,
    path: string,
    opts: { json?: unknown; body?: Buffer | string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...SDK, ...opts.headers }
    let body = opts.body
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json)
      headers['content-type'] = 'application/json'
    }
    const res = await request(`${this.base}${path}`, { method: method as 'GET', headers, body })
    const buf = Buffer.from(await res.body.arrayBuffer())
    const text = buf.toString('utf8')
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: res.statusCode, headers: res.headers, body: buf, text, json }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.call('GET', path, { headers })
  }

  post(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.call('POST', path, { json: json ?? {}, headers })
  }

  delete(path: string) {
    return this.call('DELETE', path)
  }

  /** Runs a one-shot command and returns its { exitCode, result }. */
  async exec(command: string, extra: Record<string, unknown> = {}) {
    const r = await this.post('/process/execute', { command, ...extra })
    if (r.status !== 200) throw new Error(`execute → ${r.status}: ${r.text}`)
    return r.json as { exitCode: number; result: string }
  }
}

/** Host processes whose command line contains `needle` (read from /proc, independently of the toolbox). */
export function hostProcesses(needle: string): number[] {
  const found: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`).toString('utf8').replace(/\0/g, ' ')
      const state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0]
      if (cmdline.includes(needle) && state !== 'Z') found.push(Number(name))
    } catch {
      // gone meanwhile
    }
  }
  return found
}

/** Polls `probe` until it returns a value that is not undefined (or throws after `ms`). */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

export interface FollowStream {
  socket: WebSocket
  /** resolves once the socket has opened (with the subprotocol the server picked) */
  opened: Promise<string>
  chunks: Buffer[]
  /** resolves with the close code */
  closed: Promise<number>
  /** resolves once the received bytes contain `text` */
  waitFor(text: string): Promise<void>
  bytes(): Buffer
}

/** Opens the logs-follow WebSocket for a command and records what arrives. */
export function followLogs(
  client: Client,
  sessionId: string,
  cmdId: string,
  init: { headers?: Record<string, string>; protocols?: string[]; query?: string } = {},
): FollowStream {
  const url = `${client.base.replace(/^http/, 'ws')}/process/session/${sessionId}/command/${cmdId}/logs?${init.query ?? 'follow=true'}`
  const socket = new WebSocket(url, { headers: init.headers ?? SDK, protocols: init.protocols ?? [] })
  socket.binaryType = 'arraybuffer'
  const chunks: Buffer[] = []
  const waiters: { text: string; resolve: () => void }[] = []
  const bytes = () => Buffer.concat(chunks)
  socket.addEventListener('message', (event) => {
    chunks.push(Buffer.from(event.data as ArrayBuffer))
    const all = bytes().toString('latin1')
    for (const w of [...waiters]) {
      if (all.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
    }
  })
  const opened = new Promise<string>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(socket.protocol))
    socket.addEventListener('error', () => reject(new Error('websocket error')))
  })
  opened.catch(() => {})
  const closed = new Promise<number>((resolve) => socket.addEventListener('close', (e) => resolve(e.code)))
  return {
    socket,
    opened,
    chunks,
    closed,
    bytes,
    waitFor(text: string) {
      if (bytes().toString('latin1').includes(text)) return Promise.resolve()
      return new Promise<void>((resolve) => waiters.push({ text, resolve }))
    },
  }
}
