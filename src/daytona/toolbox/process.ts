// Commands in a sandbox (daytona-api.md §4.1, §4.3, §4.4): one-shot execute, sessions, and command logs.
import { WebSocket } from 'undici'
import type { HttpClient, ResponseBody } from '../http.ts'
import type {
  ExecuteRequest,
  ExecuteResponse,
  Session,
  SessionCommand,
  SessionCommandLogs,
  SessionExecuteResponse,
} from '../types.ts'
import { Demuxer, demuxAll, type StreamName, TextDemuxer } from './demux.ts'
import { type StreamHandlers, streamCommand } from './stream.ts'

/** Daemons from 0.27.0 up to (not including) 0.167.0 answer session logs as plain text with the markers. */
const PLAIN_LOGS_SDK_VERSION = '0.166.0'

/** A sync `/process/execute` without its own timeout may legitimately run long. */
const EXECUTE_DEFAULT_DEADLINE_MS = 60 * 60_000

export interface FollowHandlers {
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
  signal?: AbortSignal
}

export interface FollowResult {
  /** whether the WebSocket handshake succeeded */
  opened: boolean
  closeCode: number
}

export class ProcessApi {
  readonly #http: HttpClient
  readonly #base: string

  constructor(http: HttpClient, toolboxBase: string) {
    this.#http = http
    this.#base = toolboxBase
  }

  /**
   * One command, stdout and stderr combined in `result`. With `timeout` (seconds) the daemon kills it and
   * answers 408 (TimeoutError, output lost); our HTTP deadline is then timeout + 5 s.
   */
  execute(
    req: ExecuteRequest,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<ExecuteResponse> {
    const timeoutMs =
      opts.timeoutMs ?? (req.timeout ? req.timeout * 1000 + 5000 : EXECUTE_DEFAULT_DEADLINE_MS)
    return this.#http.request<ExecuteResponse>({
      method: 'POST',
      url: `${this.#base}process/execute`,
      body: req,
      timeoutMs,
      signal: opts.signal,
    })
  }

  async createSession(sessionId: string): Promise<void> {
    await this.#http.request({ method: 'POST', url: `${this.#base}process/session`, body: { sessionId } })
  }

  getSession(sessionId: string): Promise<Session> {
    return this.#http.request<Session>({ method: 'GET', url: this.#session(sessionId) })
  }

  /** Kills the session's whole process group (there is no way to kill a single command). */
  async deleteSession(sessionId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
    await this.#http.request({ method: 'DELETE', url: this.#session(sessionId), ...opts })
  }

  /** Runs a command in the session; with `runAsync` the answer (202) carries only `cmdId`. */
  exec(
    sessionId: string,
    command: string,
    opts: { runAsync?: boolean; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<SessionExecuteResponse> {
    return this.#http.request<SessionExecuteResponse>({
      method: 'POST',
      url: `${this.#session(sessionId)}/exec`,
      body: { command, runAsync: opts.runAsync ?? false },
      // a sync exec holds the request open until the command ends
      timeoutMs: opts.timeoutMs ?? (opts.runAsync ? undefined : EXECUTE_DEFAULT_DEADLINE_MS),
      signal: opts.signal,
    })
  }

  /** `exitCode` is absent while the command runs. */
  getCommand(sessionId: string, cmdId: string, opts: { signal?: AbortSignal } = {}): Promise<SessionCommand> {
    return this.#http.request<SessionCommand>({
      method: 'GET',
      url: this.#command(sessionId, cmdId),
      ...opts,
    })
  }

  /** The whole log so far, split by stream (whatever format the daemon answered in). */
  async getLogs(
    sessionId: string,
    cmdId: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<SessionCommandLogs> {
    const res = await this.#http.request<unknown>({
      method: 'GET',
      url: `${this.#command(sessionId, cmdId)}/logs`,
      ...opts,
    })
    return parseLogs(res)
  }

  /**
   * The whole log so far as raw bytes, demuxed as they stream in. It asks for the daemon's plain format
   * (markers kept, §4.2) so that a large log is streamed once, not buffered as JSON holding it twice; a
   * daemon that answers JSON anyway is read through getLogs' parsing.
   */
  async replayLogs(
    sessionId: string,
    cmdId: string,
    onBytes: (stream: StreamName, bytes: Uint8Array) => void,
    opts: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const body = await this.#http.request<ResponseBody>({
      method: 'GET',
      url: `${this.#command(sessionId, cmdId)}/logs`,
      headers: { 'x-daytona-sdk-version': PLAIN_LOGS_SDK_VERSION },
      raw: true,
      ...opts,
    })
    const demuxer = new Demuxer(onBytes)
    let json: Uint8Array[] | undefined
    let first = true
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      if (first && chunk.length > 0) {
        first = false
        if (chunk[0] === 0x7b /* '{' */) json = []
      }
      if (json) json.push(chunk)
      else demuxer.feed(chunk)
    }
    demuxer.end()
    if (!json) return
    const logs = parseLogs(JSON.parse(Buffer.concat(json).toString('utf8')))
    const encoder = new TextEncoder()
    onBytes('stdout', encoder.encode(logs.stdout))
    onBytes('stderr', encoder.encode(logs.stderr))
  }

  /**
   * Follows the command's log over a WebSocket (binary frames, markers included, replayed from the start).
   * Resolves when the socket closes, normally or not; the caller reconciles with getCommand/getLogs.
   */
  async followLogs(sessionId: string, cmdId: string, handlers: FollowHandlers): Promise<FollowResult> {
    const demuxer = new TextDemuxer(handlers)
    const result = await this.followLogBytes(
      sessionId,
      cmdId,
      (chunk) => demuxer.feed(chunk),
      handlers.signal,
    )
    demuxer.end()
    return result
  }

  /** Same as followLogs, raw frames (markers included). */
  followLogBytes(
    sessionId: string,
    cmdId: string,
    onFrame: (chunk: Uint8Array) => void,
    signal?: AbortSignal,
  ): Promise<FollowResult> {
    const url = `${this.#command(sessionId, cmdId)}/logs?follow=true`.replace(/^http/, 'ws')
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve({ opened: false, closeCode: 1006 })
      // Headers carry the auth (Node can set them); offer no subprotocol: the daemon would fail the
      // handshake on one it does not recognise.
      const ws = new WebSocket(url, {
        headers: this.#http.commonHeaders(),
        dispatcher: this.#http.dispatcher,
      })
      ws.binaryType = 'arraybuffer'
      let opened = false
      const onAbort = () => ws.close()
      signal?.addEventListener('abort', onAbort, { once: true })
      ws.onopen = () => {
        opened = true
      }
      ws.onmessage = (event) => {
        const data = event.data
        onFrame(
          typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data as ArrayBuffer),
        )
      }
      ws.onclose = (event) => {
        signal?.removeEventListener('abort', onAbort)
        resolve({ opened, closeCode: event.code })
      }
      // an error is always followed by a close event, which settles the promise
      ws.onerror = () => {}
    })
  }

  /**
   * Live output of a running command until it ends, never duplicated nor lost: follows over WebSocket as
   * best effort, reconnects (skipping what was shown) if the socket closes early, polls the status slowly
   * as a safety net, and reconciles once with the plain logs at the end. Resolves with the exit code.
   */
  streamCommand(sessionId: string, cmdId: string, handlers: StreamHandlers): Promise<{ exitCode: number }> {
    return streamCommand(
      {
        follow: (onBytes, signal) => {
          const demuxer = new Demuxer(onBytes)
          // a socket that closes mid-marker leaves held bytes: the replay after a reconnect resolves them
          return this.followLogBytes(sessionId, cmdId, (chunk) => demuxer.feed(chunk), signal)
        },
        status: (signal) => this.getCommand(sessionId, cmdId, { signal }),
        replay: (onBytes, signal) => this.replayLogs(sessionId, cmdId, onBytes, { signal }),
      },
      handlers,
    )
  }

  #session(sessionId: string): string {
    return `${this.#base}process/session/${encodeURIComponent(sessionId)}`
  }

  #command(sessionId: string, cmdId: string): string {
    return `${this.#session(sessionId)}/command/${encodeURIComponent(cmdId)}`
  }
}

/** Session logs in whichever format the daemon answered: JSON with or without the split, or raw text. */
function parseLogs(res: unknown): SessionCommandLogs {
  if (res === undefined) return { output: '', stdout: '', stderr: '' }
  if (typeof res === 'string') return { output: res, ...demuxAll(res) }
  const body = res as Partial<SessionCommandLogs>
  const output = body.output ?? ''
  if (typeof body.stdout === 'string' || typeof body.stderr === 'string') {
    return { output, stdout: body.stdout ?? '', stderr: body.stderr ?? '' }
  }
  return { output, ...demuxAll(output) }
}

export type { StreamName }
