// Text the pull request controls (its commands' output, its Dockerfile's build log) goes to the job log with
// workflow commands switched off, so that a line like `::add-mask::…` or `::stop-commands::…` is shown, not obeyed.
// A fence's writer dies with the fence: whatever still arrives after commands resumed (a log stream that
// outlives a cancellation) is dropped, never written where the runner would obey it. The log is the step's
// stdout, which the runner may read slower than a sandbox writes: the writer hands back a promise while
// stdout's buffer is full, so that the caller stops reading from the sandbox until it drains.
import { randomUUID } from 'node:crypto'

/** Resolves when there is room on stdout again; undefined while there is room now. */
export type UntrustedWrite = (text: string | Uint8Array) => Promise<void> | undefined

class Fence {
  readonly #token = randomUUID()
  #atLineStart = true
  #open = true

  constructor() {
    writeStdout(`::stop-commands::${this.#token}\n`)
  }

  readonly write: UntrustedWrite = (text) => {
    if (!this.#open || text.length === 0) return undefined
    this.#atLineStart = typeof text === 'string' ? text.endsWith('\n') : text[text.length - 1] === 0x0a
    return writeStdout(text)
  }

  /** Detaches every writer of this fence, then resumes workflow commands on a line of their own. */
  close(): void {
    if (!this.#open) return
    this.#open = false
    writeStdout(`${this.#atLineStart ? '' : '\n'}::${this.#token}::\n`)
  }
}

let current: Fence | undefined

/**
 * Runs `fn` with workflow commands stopped, handing it a writer for the untrusted text. Nested use shares
 * the outer fence. Whatever happens, commands are resumed on a line of their own.
 */
export async function withUntrustedOutput<T>(fn: (write: UntrustedWrite) => Promise<T>): Promise<T> {
  guardStdout()
  if (current) return fn(current.write)
  const fence = new Fence()
  current = fence
  try {
    return await fn(fence.write)
  } finally {
    if (current === fence) current = undefined
    fence.close()
  }
}

/**
 * Ends the fence now (cancellation: the action's own last words must be obeyed). Its writers go quiet
 * first, for good: output that streams in afterwards is dropped. Safe to call any time.
 */
export function resumeWorkflowCommands(): void {
  const fence = current
  current = undefined
  fence?.close()
}

let broken: Error | undefined

/**
 * A stdout that fails (EPIPE when the runner stops reading, EAGAIN/EINVAL from a pipe the kernel refuses)
 * must not crash the step: the sandbox still has to be deleted and the results reported. Without a listener
 * Node turns the stream's 'error' event into an uncaught exception. Idempotent.
 */
export function guardStdout(): void {
  if (guarded) return
  guarded = true
  process.stdout.on('error', markBroken)
}
let guarded = false

function markBroken(err: Error): void {
  if (broken) return
  broken = err
  const reason = (err as NodeJS.ErrnoException).code ?? err.message
  try {
    process.stderr.write(
      `The job log stopped accepting output (${reason}); the rest of the commands' output is dropped.\n`,
    )
  } catch {
    // stderr is gone too: nothing left to tell
  }
}

/** Whether stdout failed: what is still written is dropped (the step goes on without a log). */
export function stdoutBroken(): boolean {
  return broken !== undefined
}

function writeStdout(text: string | Uint8Array): Promise<void> | undefined {
  if (broken) return undefined
  const out = process.stdout
  try {
    if (out.write(text)) return undefined
  } catch (err) {
    // a stdout redirected to a non-blocking file descriptor fails synchronously (EAGAIN)
    markBroken(err as Error)
    return undefined
  }
  if (out.destroyed) return undefined
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      out.off('error', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
    out.on('error', done)
  })
}
