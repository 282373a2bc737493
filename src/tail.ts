// The last bytes of a command's output, for the summary of a failure (its last lines are what people read).
// A fixed ring: pushing a gigabyte allocates nothing and keeps no reference to the chunks pushed.

const encoder = new TextEncoder()

export class Tail {
  readonly #ring: Uint8Array
  /** bytes pushed so far; the ring holds the last min(total, limit) of them */
  #total = 0

  constructor(limit: number) {
    this.#ring = new Uint8Array(limit)
  }

  push(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    const ring = this.#ring
    const size = ring.length
    // only the last `size` bytes of a big chunk can survive
    const src = bytes.length > size ? bytes.subarray(bytes.length - size) : bytes
    const skipped = bytes.length - src.length
    const at = (this.#total + skipped) % size
    const first = Math.min(src.length, size - at)
    ring.set(src.subarray(0, first), at)
    if (first < src.length) ring.set(src.subarray(first), 0)
    this.#total += bytes.length
  }

  /** The kept bytes as text; a character cut at the start of the window is dropped. */
  text(): string {
    const ring = this.#ring
    const size = ring.length
    let bytes: Uint8Array
    if (this.#total <= size) bytes = ring.subarray(0, this.#total)
    else {
      const at = this.#total % size
      bytes = new Uint8Array(size)
      bytes.set(ring.subarray(at), 0)
      bytes.set(ring.subarray(0, at), size - at)
    }
    let start = 0
    if (this.#total > size) while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++
    return new TextDecoder().decode(bytes.subarray(start))
  }
}
