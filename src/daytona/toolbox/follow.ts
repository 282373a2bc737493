// One follow connection to a command's log (daytona-api.md §4.4): a WebSocket of binary frames, markers
// included, replayed from the start of the log. The `ws` library rather than undici's WebSocket because it can
// pause: while the job log has no room, the socket is not read, TCP's window closes and the daemon's writer
// blocks, so nothing piles up in between. It is loaded on the first follow: a run that never gets there
// (a bad input, a failed create) does not pay for it at start-up.

/** How one connection ended. */
export interface FollowEnd {
  /** whether the WebSocket handshake succeeded */
  opened: boolean
  closeCode: number
  /** the far end closed it (not our abort) */
  byServer: boolean
  /** ms between the last frame (or the opening) and the close */
  silenceMs: number
}

/** `onFrame` answers a promise while it has no room: the socket is paused until it settles. */
export type FrameSink = (frame: Uint8Array) => Promise<void> | undefined | void

/**
 * The daemon closes a follow normally only after a second of EOF with the exit code present (v0.190
 * `ReadLogWithExitCode`: 50 reads 20 ms apart): a 1000 close after that much silence means the whole log
 * came through. Anything else (the early closes seen on v0.204, our own abort) proves nothing.
 */
const COMPLETE_CLOSE_SILENCE_MS = 900

export function deliveredWholeLog(end: Partial<FollowEnd>): boolean {
  return end.byServer === true && end.closeCode === 1000 && (end.silenceMs ?? 0) >= COMPLETE_CLOSE_SILENCE_MS
}

/**
 * The daemon never pings and Daytona's proxy drops connections idle for 70 s: a silent command's socket is
 * kept alive by our pings (the daemon answers them first, v0.190 `ws_keepalive.go`).
 */
const PING_EVERY_MS = 25_000
const HANDSHAKE_TIMEOUT_MS = 30_000

export async function followSocket(
  url: string,
  headers: Record<string, string>,
  onFrame: FrameSink,
  signal?: AbortSignal,
): Promise<FollowEnd> {
  if (signal?.aborted) return { opened: false, closeCode: 1006, byServer: false, silenceMs: 0 }
  const { WebSocket } = await import('ws')
  return new Promise((resolve) => {
    // Offer no subprotocol: the daemon fails the handshake on one it does not recognise.
    const ws = new WebSocket(url, {
      headers,
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    })
    let opened = false
    let aborted = false
    let lastActivity = performance.now()
    let waiting = 0
    const onAbort = () => {
      aborted = true
      ws.terminate()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const pinger = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping()
    }, PING_EVERY_MS)
    ws.on('open', () => {
      opened = true
      lastActivity = performance.now()
    })
    // The daemon sends frames of at most 1 KiB; one socket read holds dozens. They are joined and handed on
    // once per read, so that a gigabyte of output is 16 thousand writes to the job log, not a million.
    let batch: Buffer[] = []
    const flush = () => {
      const frames = batch
      batch = []
      const full = onFrame(frames.length === 1 ? frames[0]! : Buffer.concat(frames))
      if (!full) return
      if (waiting++ === 0) ws.pause()
      const release = () => {
        if (--waiting === 0 && ws.readyState === ws.OPEN) ws.resume()
      }
      full.then(release, release)
    }
    ws.on('message', (data: Buffer) => {
      lastActivity = performance.now()
      if (batch.push(data) === 1) queueMicrotask(flush)
    })
    ws.on('close', (code: number) => {
      if (batch.length) flush()
      clearInterval(pinger)
      signal?.removeEventListener('abort', onAbort)
      resolve({
        opened,
        closeCode: code,
        byServer: !aborted,
        silenceMs: performance.now() - lastActivity,
      })
    })
    // an error (refused upgrade, reset) is always followed by a close event, which settles the promise
    ws.on('error', () => {})
  })
}
