// Following a command's log: from the start of the file, tailing, in frames of at most 1024 bytes, until
// EOF has been seen for a while and the command's exit code exists. Served over WebSocket (what the SDK
// uses) and, for plain GETs with ?follow=true, as a chunked body (what the v0.190 runner relayed).

import { existsSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { WebSocket } from 'ws'
import { MarkerStripper, type OutputMode } from './output-format.ts'
import type { Session, SessionCommand } from './session.ts'

export interface FollowSettings {
  /** how long EOF must last, once the exit code exists, before the stream ends (the daemon: ~1 s) */
  eofGraceMs: number
  /** close follow sockets this long after they open, whatever the command does (client resilience tests) */
  earlyCloseMs: number | undefined
}

const CHUNK = 1024
/** read in blocks, sent as frames of at most CHUNK bytes: as many frames as the daemon, fewer file reads */
const READ_BLOCK = 64 * CHUNK
/** at EOF the daemon reads again after 20 ms (apps/daemon/internal/util/log_reader.go, v0.190) */
const POLL_MS = 20

/** Reads `log` into `onChunk` until `isDone()` after EOF for `eofGraceMs` (true) or `signal` aborts (false). */
async function tail(
  log: string,
  isDone: () => boolean,
  eofGraceMs: number,
  signal: AbortSignal,
  onChunk: (chunk: Buffer) => Promise<void>,
): Promise<boolean> {
  const file = await open(log, 'r')
  try {
    let position = 0
    let eofSince: number | undefined
    while (!signal.aborted) {
      const buf = Buffer.alloc(READ_BLOCK)
      const { bytesRead } = await file.read(buf, 0, READ_BLOCK, position)
      if (bytesRead > 0) {
        position += bytesRead
        eofSince = undefined
        // frames go out in order; waiting for the last one's write keeps the reader behind the client
        let sent: Promise<void> = Promise.resolve()
        for (let at = 0; at < bytesRead; at += CHUNK) {
          sent = onChunk(buf.subarray(at, Math.min(at + CHUNK, bytesRead)))
        }
        await sent
        continue
      }
      eofSince ??= Date.now()
      if (isDone() && Date.now() - eofSince >= eofGraceMs) return true
      await sleep(Math.min(POLL_MS, Math.max(1, eofGraceMs)))
    }
    return false
  } finally {
    await file.close()
  }
}

/** Streams the log over an accepted WebSocket as binary frames; closes 1000 at the end, 1011 on errors. */
export function followOverWebSocket(
  ws: WebSocket,
  session: Session,
  cmd: SessionCommand,
  mode: OutputMode,
  settings: FollowSettings,
  follow: boolean,
): void {
  const stop = new AbortController()
  const abort = () => stop.abort()
  session.closed.signal.addEventListener('abort', abort, { once: true })
  ws.on('close', abort)
  ws.on('error', abort)
  const early = settings.earlyCloseMs === undefined ? undefined : setTimeout(abort, settings.earlyCloseMs)
  const stripper = mode === 'combined' ? new MarkerStripper() : undefined
  const send = (data: Buffer) =>
    new Promise<void>((resolve) => {
      if (data.length === 0 || ws.readyState !== ws.OPEN) return resolve()
      ws.send(data, { binary: true }, () => resolve())
    })

  const run = async () => {
    // Without ?follow=true the daemon sends what is there and closes.
    const isDone = follow ? () => existsSync(cmd.exitFile) : () => true
    const grace = follow ? settings.eofGraceMs : 0
    await tail(cmd.log, isDone, grace, stop.signal, (chunk) => send(stripper ? stripper.push(chunk) : chunk))
    if (stripper) await send(stripper.flush())
  }
  run()
    .then(() => close(1000))
    .catch(() => close(1011))
    .finally(() => {
      clearTimeout(early)
      session.closed.signal.removeEventListener('abort', abort)
    })

  function close(code: number) {
    if (ws.readyState === ws.OPEN) ws.close(code)
  }
}

/** The chunked-HTTP variant: combined, marker-free output until the command ends. */
export async function followOverHttp(
  res: ServerResponse,
  session: Session,
  cmd: SessionCommand,
  settings: FollowSettings,
): Promise<void> {
  const stop = new AbortController()
  const abort = () => stop.abort()
  session.closed.signal.addEventListener('abort', abort, { once: true })
  res.on('close', abort)
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  const stripper = new MarkerStripper()
  const write = (data: Buffer) =>
    new Promise<void>((resolve) => {
      if (data.length === 0 || res.writableEnded || res.destroyed) return resolve()
      res.write(data, () => resolve())
    })
  try {
    const isDone = () => existsSync(cmd.exitFile)
    await tail(cmd.log, isDone, settings.eofGraceMs, stop.signal, (chunk) => write(stripper.push(chunk)))
    await write(stripper.flush())
  } finally {
    session.closed.signal.removeEventListener('abort', abort)
    if (!res.writableEnded) res.end()
  }
}
