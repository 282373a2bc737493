// Splits a session command's log into stdout and stderr. The daemon prefixes every line with a 3-byte
// marker (01 01 01 = stdout, 02 02 02 = stderr); over a WebSocket the bytes arrive in frames of any size,
// so a marker or a multi-byte UTF-8 character may be cut between two frames.

export type StreamName = 'stdout' | 'stderr'

/**
 * Where demuxed bytes go. A promise means "no room right now": whoever feeds the demuxer stops reading from
 * the sandbox until it settles (backpressure from the job log back to the socket).
 */
export type ByteSink = (stream: StreamName, bytes: Uint8Array) => Promise<void> | undefined | void

const STDOUT_BYTE = 0x01
const STDERR_BYTE = 0x02

function isMarkerByte(b: number | undefined): boolean {
  return b === STDOUT_BYTE || b === STDERR_BYTE
}

/**
 * Byte-level demuxer: `feed` raw log bytes, receive each stream's bytes (markers removed) through the sink.
 * Bytes before the first marker belong to no stream and are dropped. Up to two trailing marker bytes are
 * held back until the next frame shows whether they start a marker; `end()` releases them. Consecutive lines
 * of one stream reach the sink as one piece (the daemon marks every line: handing lines on one by one
 * would make a write per line); the pieces are the demuxer's own copies.
 */
export class Demuxer {
  readonly #sink: ByteSink
  #current: StreamName | undefined
  #held: Uint8Array = new Uint8Array(0)
  #pending: Promise<void>[] = []

  constructor(sink: ByteSink) {
    this.#sink = sink
  }

  /** Resolves when the sink has room again; undefined when it has room now. */
  feed(chunk: Uint8Array): Promise<void> | undefined {
    const data = this.#held.length ? concat(this.#held, chunk) : chunk
    this.#held = new Uint8Array(0)
    const end = data.length
    const out = new Uint8Array(end)
    let written = 0
    let runStart = 0
    let start = 0
    // native scans for the next byte that could start a marker, each redone only once passed
    let nextOut = -1
    let nextErr = -1
    let i = 0
    while (i < end) {
      if (nextOut !== Infinity && nextOut < i) nextOut = indexOrInfinity(data, STDOUT_BYTE, i, end)
      if (nextErr !== Infinity && nextErr < i) nextErr = indexOrInfinity(data, STDERR_BYTE, i, end)
      const at = Math.min(nextOut, nextErr)
      if (at === Infinity) break
      const b = data[at]
      if (at + 2 < end && data[at + 1] === b && data[at + 2] === b) {
        if (this.#current) {
          out.set(data.subarray(start, at), written)
          written += at - start
        }
        const stream: StreamName = b === STDOUT_BYTE ? 'stdout' : 'stderr'
        if (stream !== this.#current) {
          this.#emit(out, runStart, written)
          runStart = written
          this.#current = stream
        }
        start = at + 3
        i = start
      } else {
        i = at + 1
      }
    }
    // The last one or two bytes may be the beginning of a marker cut by the frame boundary.
    let hold = 0
    const last = end - 1
    if (last >= start && isMarkerByte(data[last])) {
      hold = 1
      if (last - 1 >= start && data[last - 1] === data[last]) hold = 2
    }
    if (this.#current && end - hold > start) {
      out.set(data.subarray(start, end - hold), written)
      written += end - hold - start
    }
    this.#emit(out, runStart, written)
    if (hold) this.#held = data.slice(end - hold)
    return this.#backlog()
  }

  /** The log ended: held-back bytes were data after all. */
  end(): Promise<void> | undefined {
    const held = this.#held
    this.#held = new Uint8Array(0)
    this.#emit(held, 0, held.length)
    return this.#backlog()
  }

  #emit(data: Uint8Array, from: number, to: number): void {
    if (to <= from || !this.#current) return
    const full = this.#sink(this.#current, data.subarray(from, to))
    if (full) this.#pending.push(full)
  }

  #backlog(): Promise<void> | undefined {
    const pending = this.#pending
    if (pending.length === 0) return undefined
    this.#pending = []
    return pending.length === 1 ? pending[0] : Promise.all(pending).then(() => {})
  }
}

/** Streaming UTF-8 decoding per stream, so a character cut between frames is decoded whole. */
export class StreamDecoder {
  readonly #decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') }

  decode(stream: StreamName, bytes: Uint8Array): string {
    return this.#decoders[stream].decode(bytes, { stream: true })
  }

  /** Whatever incomplete character is left (as U+FFFD), per stream. */
  flush(stream: StreamName): string {
    return this.#decoders[stream].decode()
  }
}

export interface TextHandlers {
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
}

/** Demuxer + decoders: feed raw log bytes, receive stdout and stderr text. */
export class TextDemuxer {
  readonly #handlers: TextHandlers
  readonly #decoder = new StreamDecoder()
  readonly #demuxer: Demuxer

  constructor(handlers: TextHandlers) {
    this.#handlers = handlers
    this.#demuxer = new Demuxer((stream, bytes) => this.#deliver(stream, this.#decoder.decode(stream, bytes)))
  }

  feed(chunk: Uint8Array): void {
    this.#demuxer.feed(chunk)
  }

  end(): void {
    this.#demuxer.end()
    this.#deliver('stdout', this.#decoder.flush('stdout'))
    this.#deliver('stderr', this.#decoder.flush('stderr'))
  }

  #deliver(stream: StreamName, text: string): void {
    if (!text) return
    if (stream === 'stdout') this.#handlers.onStdout?.(text)
    else this.#handlers.onStderr?.(text)
  }
}

/** Demuxes a whole log at once (e.g. a plain-text logs response or an `output` field with markers). */
export function demuxAll(log: Uint8Array | string): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' }
  const demuxer = new TextDemuxer({ onStdout: (t) => (out.stdout += t), onStderr: (t) => (out.stderr += t) })
  demuxer.feed(typeof log === 'string' ? new TextEncoder().encode(log) : log)
  demuxer.end()
  return out
}

function indexOrInfinity(data: Uint8Array, byte: number, from: number, end: number): number {
  const at = data.indexOf(byte, from)
  return at === -1 || at >= end ? Infinity : at
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}
