// One follow connection to a command's log (daytona-api.md §4.4): a WebSocket of binary frames, markers
// included, replayed from the start of the log. The `ws` library rather than undici's WebSocket because it can
// pause: while the job log has no room, the socket is not read, TCP's window closes and the daemon's writer
// blocks, so nothing piles up in between. It is loaded once a session opens (loadWebSocket), while the source
// is cloned: a run that never gets there (a bad input, a failed create) does not pay for it at start-up, and the
// first command does not wait for it.

/** How one connection ended. */
export interface FollowEnd {
  /** whether the WebSocket handshake succeeded */
  opened: boolean
  closeCode: number
  /** the far end closed it (not our abort) */
  byServer: boolean
  /** ms between the last frame (or the opening) and the close */
  silenceMs: number
  /** ms from the opening to the close (0 if it never opened) */
  openMs: number
  /** ms between the last time the consumer held the socket back and the close (undefined: never) */
  heldBackMsAgo?: number
}

/** `onFrame` answers a promise while it has no room: the socket is paused until it settles. */
export type FrameSink = (frame: Uint8Array) => Promise<void> | undefined | void

/**
 * The daemon closes a follow normally only after a second of EOF with the exit code present (v0.190
 * `ReadLogWithExitCode`: 50 reads 20 ms apart), so a normal close always comes at least a second after the
 * opening, behind every byte of the log. The early closes seen on v0.204 come at once. So a server's 1000
 * close proves the log complete when the socket lived that long and either we had seen the command end,
 * or a second of silence preceded the close. The silence is ours to measure only while we read as fast as
 * the frames come: when the consumer held the socket back, the daemon's second may have passed while its
 * last frames waited in the network buffers.
 */
const DAEMON_EOF_GRACE_MS = 900
const HELD_BACK_BLUR_MS = 3_000

export function deliveredWholeLog(end: Partial<FollowEnd>, sawTheEnd = false): boolean {
  if (end.byServer !== true || end.closeCode !== 1000 || (end.openMs ?? 0) < DAEMON_EOF_GRACE_MS) return false
  if (sawTheEnd || (end.silenceMs ?? 0) >= DAEMON_EOF_GRACE_MS) return true
  return end.heldBackMsAgo !== undefined && end.heldBackMsAgo < HELD_BACK_BLUR_MS
}

/**
 * The daemon never pings and Daytona's proxy drops connections idle for 70 s: a silent command's socket is
 * kept alive by our pings (the daemon answers them first, v0.190 `ws_keepalive.go`).
 */
const PING_EVERY_MS = 25_000
const HANDSHAKE_TIMEOUT_MS = 30_000

let webSocketModule: Promise<typeof import('ws')> | undefined

/** Loads `ws` (once). */
export function loadWebSocket(): Promise<typeof import('ws')> {
  webSocketModule ??= import('ws')
  return webSocketModule
}

export async function followSocket(
  url: string,
  headers: Record<string, string>,
  onFrame: FrameSink,
  signal?: AbortSignal,
): Promise<FollowEnd> {
  if (signal?.aborted) return { opened: false, closeCode: 1006, byServer: false, silenceMs: 0, openMs: 0 }
  const { WebSocket } = await loadWebSocket()
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
    let openedAt: number | undefined
    let heldBackAt: number | undefined
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
      openedAt = lastActivity = performance.now()
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
        heldBackAt = performance.now()
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
      const now = performance.now()
      resolve({
        opened,
        closeCode: code,
        byServer: !aborted,
        silenceMs: now - lastActivity,
        openMs: openedAt === undefined ? 0 : now - openedAt,
        heldBackMsAgo: waiting > 0 ? 0 : heldBackAt === undefined ? undefined : now - heldBackAt,
      })
    })
    // an error (refused upgrade, reset) is always followed by a close event, which settles the promise
    ws.on('error', () => {})
  })
}
