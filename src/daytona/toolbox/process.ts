// Commands in a sandbox (daytona-api.md §4.1, §4.3, §4.4): one-shot execute, sessions, and command logs.
import type { HttpClient, ResponseBody } from '../http.ts'
import type {
  ExecuteRequest,
  ExecuteResponse,
  Session,
  SessionCommand,
  SessionCommandLogs,
  SessionExecuteResponse,
} from '../types.ts'
import { type ByteSink, Demuxer, demuxAll, type StreamName, TextDemuxer } from './demux.ts'
import { type FollowEnd, type FrameSink, followSocket, loadWebSocket } from './follow.ts'
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

export type FollowResult = FollowEnd

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
    // A session's commands are followed: load the WebSocket client now, while the clone beside the session
    // runs. Not sooner: compiling it holds the thread for ~10 ms, which would delay sending the clone (its
    // socket connects after anything queued now). A failure resurfaces at the first follow.
    loadWebSocket().catch(() => {})
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
    onBytes: ByteSink,
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
      else {
        // not reading the next chunk is what slows the body down while the sink has no room
        const full = demuxer.feed(chunk)
        if (full) await full
      }
    }
    await demuxer.end()
    if (!json) return
    const logs = parseLogs(JSON.parse(Buffer.concat(json).toString('utf8')))
    const encoder = new TextEncoder()
    await onBytes('stdout', encoder.encode(logs.stdout))
    await onBytes('stderr', encoder.encode(logs.stderr))
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

  /** Same as followLogs, raw frames (markers included); the socket pauses while `onFrame` has no room. */
  followLogBytes(
    sessionId: string,
    cmdId: string,
    onFrame: FrameSink,
    signal?: AbortSignal,
  ): Promise<FollowResult> {
    const url = `${this.#command(sessionId, cmdId)}/logs?follow=true`.replace(/^http/, 'ws')
    // headers carry the auth (Node can set them)
    return followSocket(url, this.#http.commonHeaders(), onFrame, signal)
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
          // No demuxer.end() when it closes: a whole log ends with a newline (the daemon ends every line),
          // so bytes held back are only ever a marker cut by an early close, which the next pass resolves.
          const demuxer = new Demuxer(onBytes)
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
