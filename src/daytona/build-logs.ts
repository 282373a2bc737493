// Following a build log (sandbox or snapshot). The runner's follow stream ends when the image is built,
// but NEVER on a failed build, so reads race a 2 s idle timer; on each idle tick we re-read the state and
// stop after two consecutive checks find it terminal (what Daytona's SDK does, daytona-api.md §3.5).
import { NotFoundError } from './errors.ts'
import { abortableSleep, type HttpClient, type ResponseBody } from './http.ts'

export interface FollowOptions {
  signal?: AbortSignal
  /** idle time between state checks */
  idleCheckMs?: number
}

/** Whose build it is: how to read its state, and the states in which its build is over. */
export interface BuildOwner {
  state: () => Promise<string | undefined>
  terminal: ReadonlySet<string>
}

export async function followLogUrl(
  http: HttpClient,
  url: string,
  onLine: (line: string) => void,
  owner: BuildOwner,
  opts: FollowOptions = {},
): Promise<void> {
  // a sandbox or snapshot that is gone has no build to wait for
  const isTerminal = () =>
    owner.state().then(
      (state) => owner.terminal.has(state ?? ''),
      (err: unknown) => {
        if (err instanceof NotFoundError) return true
        throw err
      },
    )
  const stop = new AbortController()
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal
  const body = await http.request<ResponseBody>({
    method: 'GET',
    url,
    query: { follow: true },
    raw: true,
    idleTimeoutMs: 0,
    signal,
  })
  const lines = new LineSplitter(onLine)
  const reader = body[Symbol.asyncIterator]()
  let terminalChecks = 0
  let next = reader.next()
  try {
    for (;;) {
      const tick = new AbortController()
      const idle = abortableSleep(opts.idleCheckMs ?? 2000, tick.signal).then(
        () => 'idle' as const,
        () => 'read' as const,
      )
      const winner = await Promise.race([next.then(() => 'read' as const), idle])
      tick.abort()
      if (winner === 'idle') {
        terminalChecks = (await isTerminal()) ? terminalChecks + 1 : 0
        if (terminalChecks >= 2) break
        continue
      }
      const { done, value } = await next
      if (done) break
      terminalChecks = 0
      lines.push(value as Buffer)
      next = reader.next()
    }
    lines.end()
  } catch (err) {
    opts.signal?.throwIfAborted()
    throw err
  } finally {
    // a read still pending when we stop rejects once the body is destroyed: nobody waits for it
    next.catch(() => {})
    stop.abort()
    body.destroy()
  }
}

/** Bytes in, whole lines out (without the newline); a last unterminated line is flushed at the end. */
export class LineSplitter {
  readonly #onLine: (line: string) => void
  readonly #decoder = new TextDecoder('utf-8')
  #partial = ''

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine
  }

  push(bytes: Uint8Array): void {
    this.#split(this.#partial + this.#decoder.decode(bytes, { stream: true }))
  }

  end(): void {
    const rest = this.#partial + this.#decoder.decode()
    this.#partial = ''
    if (rest) this.#onLine(rest.replace(/\r$/, ''))
  }

  #split(text: string): void {
    const parts = text.split('\n')
    this.#partial = parts.pop() ?? ''
    for (const line of parts) this.#onLine(line.replace(/\r$/, ''))
  }
}
