// Live output of a session command (the design's "live output" decision). The follow WebSocket is best
// effort: it may close early, and each connection replays the log from the start. So we count the bytes
// shown per stream, skip the replayed prefix after a reconnect, poll the status slowly as a safety net,
// and reconcile once with the plain log when the command ends, skipping the bytes already shown. Output is
// never duplicated nor lost.
import { abortableSleep } from '../http.ts'
import { StreamDecoder, type StreamName } from './demux.ts'

export interface StreamHandlers {
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
  signal?: AbortSignal
  /**
   * The status poll while the socket is open starts at `firstPollMs` and doubles up to `pollMs` (default
   * 25 ms → 10 s): a short command ends promptly, a quiet long one costs a request every 10 s.
   */
  pollMs?: number
  firstPollMs?: number
  /** after the poll saw the command end, how long the socket may take to deliver its tail and close */
  graceMs?: number
}

/** What streamCommand needs from the toolbox; an interface so the logic is testable without one. */
export interface CommandSource {
  /** one follow connection, demuxed; resolves when it closes */
  follow: (onBytes: OnBytes, signal: AbortSignal) => Promise<unknown>
  status: (signal?: AbortSignal) => Promise<{ exitCode?: number | null }>
  /** the whole plain log once, from the start, demuxed as it streams in */
  replay: (onBytes: OnBytes, signal?: AbortSignal) => Promise<unknown>
}

type OnBytes = (stream: StreamName, bytes: Uint8Array) => void

const STREAMS: StreamName[] = ['stdout', 'stderr']

export async function streamCommand(
  src: CommandSource,
  handlers: StreamHandlers,
): Promise<{ exitCode: number }> {
  const { signal } = handlers
  const pollMs = handlers.pollMs ?? 10_000
  const firstPollMs = Math.min(handlers.firstPollMs ?? 25, pollMs)
  // The plain log reconciles whatever the socket has not delivered, so waiting for the socket's own close
  // (the daemon waits a second of silence) would only slow every command down.
  const graceMs = handlers.graceMs ?? 0
  const shown: Record<StreamName, number> = { stdout: 0, stderr: 0 }
  const decoder = new StreamDecoder()
  const emit = (stream: StreamName, text: string) => {
    if (!text) return
    if (stream === 'stdout') handlers.onStdout?.(text)
    else handlers.onStderr?.(text)
  }
  /** A sink for one pass over the log from its start: it delivers only the bytes not shown yet. */
  const freshBytesOnly = (): OnBytes => {
    const seen: Record<StreamName, number> = { stdout: 0, stderr: 0 }
    return (stream, bytes) => {
      const start = seen[stream]
      seen[stream] += bytes.length
      const skip = shown[stream] - start
      if (skip >= bytes.length) return
      const fresh = skip > 0 ? bytes.subarray(skip) : bytes
      shown[stream] += fresh.length
      emit(stream, decoder.decode(stream, fresh))
    }
  }

  /** One connection; resolves with the exit code if the safety-net poll saw the command end. */
  const followOnce = async (): Promise<number | undefined> => {
    const onBytes = freshBytesOnly()
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
      await src.replay(freshBytesOnly(), signal)
      for (const stream of STREAMS) emit(stream, decoder.flush(stream))
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
