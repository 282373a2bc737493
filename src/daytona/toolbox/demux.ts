// Splits a session command's log into stdout and stderr. The daemon prefixes every line with a 3-byte
// marker (01 01 01 = stdout, 02 02 02 = stderr); over a WebSocket the bytes arrive in frames of any size,
// so a marker or a multi-byte UTF-8 character may be cut between two frames.

export type StreamName = 'stdout' | 'stderr'

const STDOUT_BYTE = 0x01
const STDERR_BYTE = 0x02

function isMarkerByte(b: number | undefined): boolean {
  return b === STDOUT_BYTE || b === STDERR_BYTE
}

/**
 * Byte-level demuxer: `feed` raw log bytes, receive each stream's bytes (markers removed) through the sink.
 * Bytes before the first marker belong to no stream and are dropped. Up to two trailing marker bytes are
 * held back until the next frame shows whether they start a marker; `end()` releases them.
 */
export class Demuxer {
  readonly #sink: (stream: StreamName, bytes: Uint8Array) => void
  #current: StreamName | undefined
  #held: Uint8Array = new Uint8Array(0)

  constructor(sink: (stream: StreamName, bytes: Uint8Array) => void) {
    this.#sink = sink
  }

  feed(chunk: Uint8Array): void {
    const data = this.#held.length ? concat(this.#held, chunk) : chunk
    this.#held = new Uint8Array(0)
    let start = 0
    let i = 0
    while (i + 2 < data.length) {
      const b = data[i]
      if (isMarkerByte(b) && data[i + 1] === b && data[i + 2] === b) {
        this.#emit(data, start, i)
        this.#current = b === STDOUT_BYTE ? 'stdout' : 'stderr'
        i += 3
        start = i
      } else {
        i++
      }
    }
    // The last one or two bytes may be the beginning of a marker cut by the frame boundary.
    let hold = 0
    const last = data.length - 1
    if (last >= start && isMarkerByte(data[last])) {
      hold = 1
      if (last - 1 >= start && data[last - 1] === data[last]) hold = 2
    }
    this.#emit(data, start, data.length - hold)
    if (hold) this.#held = data.slice(data.length - hold)
  }

  /** The log ended: held-back bytes were data after all. */
  end(): void {
    const held = this.#held
    this.#held = new Uint8Array(0)
    this.#emit(held, 0, held.length)
  }

  #emit(data: Uint8Array, from: number, to: number): void {
    if (to <= from || !this.#current) return
    this.#sink(this.#current, data.slice(from, to))
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}
