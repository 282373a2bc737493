// Live output of a session command (the design's "live output" decision). The follow WebSocket is best
// effort: it may close early, and each connection replays the log from the start. So we count the bytes
// shown per stream, skip the replayed prefix after a reconnect, poll the status slowly as a safety net,
// and reconcile once with the plain logs when the command ends. Output is never duplicated nor lost
// (up to byte offsets: the daemon's JSON logs turn invalid UTF-8 into U+FFFD).
import { abortableSleep } from '../http.ts'
import { StreamDecoder, type StreamName } from './demux.ts'

export interface StreamHandlers {
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
  signal?: AbortSignal
  /**
   * The status poll while the socket is open starts at `firstPollMs` and doubles up to `pollMs` (default
   * 100 ms → 10 s): a short command ends promptly, a quiet long one costs a request every 10 s.
   */
  pollMs?: number
  firstPollMs?: number
  /** after the poll saw the command end, how long the socket may take to deliver its tail and close */
  graceMs?: number
}

/** What streamCommand needs from the toolbox; an interface so the logic is testable without one. */
export interface CommandSource {
  /** one follow connection, demuxed; resolves when it closes */
  follow: (onBytes: (stream: StreamName, bytes: Uint8Array) => void, signal: AbortSignal) => Promise<unknown>
  status: (signal?: AbortSignal) => Promise<{ exitCode?: number | null }>
  logs: (signal?: AbortSignal) => Promise<{ stdout: string; stderr: string }>
}

const STREAMS: StreamName[] = ['stdout', 'stderr']

export async function streamCommand(
  src: CommandSource,
  handlers: StreamHandlers,
): Promise<{ exitCode: number }> {
  const { signal } = handlers
  const pollMs = handlers.pollMs ?? 10_000
  const firstPollMs = Math.min(handlers.firstPollMs ?? 100, pollMs)
  // The plain logs reconcile whatever the socket has not delivered, so the grace only saves that transfer.
  const graceMs = handlers.graceMs ?? 100
  const shown: Record<StreamName, number> = { stdout: 0, stderr: 0 }
  const decoder = new StreamDecoder()
  const emit = (stream: StreamName, text: string) => {
    if (!text) return
    if (stream === 'stdout') handlers.onStdout?.(text)
    else handlers.onStderr?.(text)
  }
  const deliver = (stream: StreamName, bytes: Uint8Array) => emit(stream, decoder.decode(stream, bytes))

  /** One connection; resolves with the exit code if the safety-net poll saw the command end. */
  const followOnce = async (): Promise<number | undefined> => {
    const seen: Record<StreamName, number> = { stdout: 0, stderr: 0 }
    const onBytes = (stream: StreamName, bytes: Uint8Array) => {
      const start = seen[stream]
      seen[stream] += bytes.length
      const skip = shown[stream] - start
      if (skip >= bytes.length) return
      const fresh = skip > 0 ? bytes.subarray(skip) : bytes
      shown[stream] += fresh.length
      deliver(stream, fresh)
    }
    const stopSocket = new AbortController()
    const stopPoll = new AbortController()
    const socketSignal = signal ? AbortSignal.any([signal, stopSocket.signal]) : stopSocket.signal
    const socket = src.follow(onBytes, socketSignal).finally(() => stopPoll.abort())
    let exitCode: number | undefined
    const poll = (async () => {
      try {
        for (let wait = firstPollMs; ; wait = Math.min(wait * 2, pollMs)) {
          await abortableSleep(wait, stopPoll.signal)
          const cmd = await src.status(stopPoll.signal).catch(() => undefined)
          if (cmd?.exitCode !== undefined && cmd.exitCode !== null) {
            exitCode = cmd.exitCode
            await abortableSleep(graceMs, stopPoll.signal)
            stopSocket.abort()
            return
          }
        }
      } catch {
        // the socket closed: the poll is no longer needed
      }
    })()
    await socket
    stopPoll.abort()
    await poll
    return exitCode
  }

  let pause = 250
  for (;;) {
    signal?.throwIfAborted()
    const before = shown.stdout + shown.stderr
    let exitCode = await followOnce()
    signal?.throwIfAborted()
    if (exitCode === undefined) {
      const cmd = await src.status(signal)
      if (cmd.exitCode !== undefined && cmd.exitCode !== null) exitCode = cmd.exitCode
    }
    if (exitCode !== undefined) {
      const logs = await src.logs(signal)
      for (const stream of STREAMS) {
        const full = new TextEncoder().encode(logs[stream])
        if (full.length > shown[stream]) {
          deliver(stream, full.subarray(shown[stream]))
          shown[stream] = full.length
        }
        emit(stream, decoder.flush(stream))
      }
      return { exitCode }
    }
    // Still running: reconnect. A connection that brought nothing new is retried less eagerly, so a
    // socket that keeps failing degrades into the slow poll instead of a busy loop.
    if (shown.stdout + shown.stderr > before) pause = 250
    else {
      await abortableSleep(pause, signal)
      pause = Math.min(pause * 2, pollMs)
    }
  }
}
