// Polling a resource until it reaches a wanted state: backoff from 250 ms to 2 s, a failure set,
// unknown states treated as transitional, and one last refresh at the deadline before giving up.
import { abortableSleep } from './http.ts'

export interface WaitOptions {
  timeoutMs: number
  signal?: AbortSignal
  /** called with each new state seen (the first one included) */
  onState?: (state: string) => void
}

export interface PollSpec<T> {
  fetch: () => Promise<T>
  stateOf: (item: T) => string
  isDone: (state: string) => boolean
  isFailed: (state: string) => boolean
  failure: (item: T, state: string) => Error
  timeout: (item: T, state: string) => Error
  minDelayMs?: number
  maxDelayMs?: number
}

export async function pollUntil<T>(spec: PollSpec<T>, opts: WaitOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs
  let delay = spec.minDelayMs ?? 250
  const maxDelay = spec.maxDelayMs ?? 2000
  let last: string | undefined
  for (;;) {
    opts.signal?.throwIfAborted()
    const item = await spec.fetch()
    const state = spec.stateOf(item)
    if (state !== last) {
      last = state
      opts.onState?.(state)
    }
    if (spec.isDone(state)) return item
    if (spec.isFailed(state)) throw spec.failure(item, state)
    const remaining = deadline - Date.now()
    if (remaining <= 0) throw spec.timeout(item, state)
    // sleeping at most until the deadline means the last fetch happens right at it
    await abortableSleep(Math.min(delay, remaining), opts.signal)
    delay = Math.min(maxDelay, delay * 2)
  }
}
