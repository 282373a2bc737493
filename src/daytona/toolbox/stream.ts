// Live output of a session command (the design's "live output" decision), in bounded memory. The follow
// WebSocket is best effort: it may close early, and each connection replays the log from the start. So we
// count the bytes shown per stream and skip the replayed prefix after a reconnect; the status is checked
// sparsely (the socket itself says when the log ends). The plain log is read again only when the socket
// could not have delivered everything, skipping the bytes already shown. Output is never duplicated nor
// lost, and nothing is buffered: while the consumer has no room, the socket (or the plain log's body) is not
// read.
import { abortableSleep } from '../http.ts'
import { type ByteSink, StreamDecoder, type StreamName } from './demux.ts'
import { deliveredWholeLog, type FollowEnd } from './follow.ts'

/** A promise means "no room now": reading from the sandbox waits until it settles. */
export type TextSink = (text: string) => Promise<void> | undefined | void

export interface StreamHandlers {
  /**
   * The output as it comes, undecoded (the cheapest path: no text is made of it). The daemon switches
   * streams only at line starts, so a character is never cut between two streams. Replaces onStdout/onStderr.
   */
  onOutput?: ByteSink
  onStdout?: TextSink
  onStderr?: TextSink
  signal?: AbortSignal
  /**
   * The status is checked while the socket is open: first `firstPollMs` after it opens, doubling while
   * under `quickPollsMs` (default 25 ms → 800 ms: a short command ends promptly), then every `pollMs`
   * (default 30 s). In between, the socket's own close (a second after the end) says when a command ended:
   * the sparse checks are only a safety net for a socket that never closes. A silent 10-minute command
   * costs about 30 requests.
   */
  pollMs?: number
  firstPollMs?: number
  quickPollsMs?: number
  /**
   * After the status showed the end of a command with a large output, how long its socket may stay silent
   * before we stop waiting for its close (default 3 s; the daemon closes after 1 s of silence)
   */
  graceMs?: number
  /**
   * The exit code when the output itself says that the command ended (everything before it shown), so the
   * stream stops there without asking; checked after each chunk delivered.
   */
  endedWith?: () => number | undefined
}

/** What streamCommand needs from the toolbox; an interface so the logic is testable without one. */
export interface CommandSource {
  /**
   * one follow connection, demuxed; resolves when it closes (with how, when known: a Partial<FollowEnd>);
   * pauses while the sink has no room
   */
  follow: (sink: ByteSink, signal: AbortSignal) => Promise<unknown>
  status: (signal?: AbortSignal) => Promise<{ exitCode?: number | null }>
  /** the whole plain log once, from the start, demuxed as it streams in, read no faster than the sink */
  replay: (sink: ByteSink, signal?: AbortSignal) => Promise<unknown>
}

const STREAMS: StreamName[] = ['stdout', 'stderr']

/**
 * When the status shows the end first, a log this small is read again at once (one short request) rather
 * than waiting the second the daemon takes to close the socket; a larger one is left to the socket.
 */
const SMALL_LOG_BYTES = 64 * 1024
/** a socket that keeps failing: reconnect (and check the status) at least this often */
const RECONNECT_PAUSE_CAP_MS = 10_000

export async function streamCommand(
  src: CommandSource,
  handlers: StreamHandlers,
): Promise<{ exitCode: number }> {
  const { signal } = handlers
  const pollMs = handlers.pollMs ?? 30_000
  const firstPollMs = Math.min(handlers.firstPollMs ?? 25, pollMs)
  const quickPollsMs = handlers.quickPollsMs ?? 800
  const nextPoll = (wait: number) => (wait * 2 <= quickPollsMs ? Math.min(wait * 2, pollMs) : pollMs)
  const graceMs = handlers.graceMs ?? 3_000
  const shown: Record<StreamName, number> = { stdout: 0, stderr: 0 }
  const decoder = new StreamDecoder()
  const emitText = (stream: StreamName, text: string) => {
    if (!text) return undefined
    return (stream === 'stdout' ? handlers.onStdout?.(text) : handlers.onStderr?.(text)) ?? undefined
  }
  const { onOutput } = handlers
  const emit = (stream: StreamName, bytes: Uint8Array) =>
    onOutput ? (onOutput(stream, bytes) ?? undefined) : emitText(stream, decoder.decode(stream, bytes))
  /** A sink for one pass over the log from its start: it delivers only the bytes not shown yet. */
  const freshBytesOnly = (): ByteSink => {
    const seen: Record<StreamName, number> = { stdout: 0, stderr: 0 }
    return (stream, bytes) => {
      const start = seen[stream]
      seen[stream] += bytes.length
      const skip = shown[stream] - start
      if (skip >= bytes.length) return undefined
      const fresh = skip > 0 ? bytes.subarray(skip) : bytes
      shown[stream] += fresh.length
      return emit(stream, fresh)
    }
  }
  const total = () => shown.stdout + shown.stderr
  const finish = async (exitCode: number) => {
    if (!onOutput) for (const stream of STREAMS) await emitText(stream, decoder.flush(stream))
    return { exitCode }
  }

  /** One connection: how it ended, and the exit code if the status check or the output showed it. */
  const followOnce = async (): Promise<{ exitCode?: number; complete: boolean }> => {
    const sink = freshBytesOnly()
    const stopSocket = new AbortController()
    const stopPoll = new AbortController()
    const socketSignal = signal ? AbortSignal.any([signal, stopSocket.signal]) : stopSocket.signal
    let exitCode: number | undefined
    let endedInOutput = false
    let lastBytesAt = performance.now()
    let waitingForRoom = 0
    const watched: ByteSink = (stream, bytes) => {
      if (endedInOutput) return undefined
      lastBytesAt = performance.now()
      const full = sink(stream, bytes)
      if (full) {
        // waiting for the consumer is not the socket's silence
        waitingForRoom++
        const done = () => {
          waitingForRoom--
          lastBytesAt = performance.now()
        }
        full.then(done, done)
      }
      const ended = handlers.endedWith?.()
      if (ended !== undefined && exitCode === undefined) {
        exitCode = ended
        endedInOutput = true
        // the rest of this frame, and anything after, is not the command's
        stopSocket.abort()
      }
      return full
    }
    // whether the end was known when the socket closed (a status answer arriving after it proves nothing)
    let endKnownAtClose = false
    const socket = src.follow(watched, socketSignal).finally(() => {
      endKnownAtClose = exitCode !== undefined
      stopPoll.abort()
    })
    const poll = (async () => {
      try {
        for (let wait = firstPollMs; ; wait = nextPoll(wait)) {
          await abortableSleep(wait, stopPoll.signal)
          const cmd = await src.status(stopPoll.signal).catch(() => undefined)
          if (cmd?.exitCode === undefined || cmd.exitCode === null) continue
          exitCode ??= cmd.exitCode
          // a large log is left to the socket, for as long as it keeps delivering
          if (total() >= SMALL_LOG_BYTES)
            while (waitingForRoom > 0 || performance.now() - lastBytesAt < graceMs)
              await abortableSleep(graceMs / 6, stopPoll.signal)
          stopSocket.abort()
          return
        }
      } catch {
        // the socket closed: the poll is no longer needed
      }
    })()
    const end = ((await socket) ?? {}) as Partial<FollowEnd>
    stopPoll.abort()
    await poll
    if (endedInOutput) return { exitCode, complete: true }
    return { exitCode, complete: deliveredWholeLog(end, endKnownAtClose) }
  }

  let pause = 250
  for (;;) {
    signal?.throwIfAborted()
    const before = total()
    const connection = await followOnce()
    let exitCode = connection.exitCode
    signal?.throwIfAborted()
    if (exitCode === undefined) {
      const cmd = await src.status(signal)
      if (cmd.exitCode !== undefined && cmd.exitCode !== null) exitCode = cmd.exitCode
    }
    if (exitCode !== undefined) {
      if (!connection.complete) await src.replay(freshBytesOnly(), signal)
      return finish(exitCode)
    }
    // Still running: reconnect. A connection that brought nothing new is retried less eagerly, so a
    // socket that keeps failing degrades into the slow poll instead of a busy loop.
    if (total() > before) pause = 250
    else {
      await abortableSleep(pause, signal)
      pause = Math.min(pause * 2, RECONNECT_PAUSE_CAP_MS)
    }
  }
}
