// Text the pull request controls (its commands' output, its Dockerfile's build log) goes to the job log with
// workflow commands switched off, so that a line like `::add-mask::…` or `::stop-commands::…` is shown, not obeyed.
// A fence's writer dies with the fence: whatever still arrives after commands resumed (a log stream that
// outlives a cancellation) is dropped, never written where the runner would obey it.
import { randomUUID } from 'node:crypto'

type Write = (text: string) => void

class Fence {
  readonly #token = randomUUID()
  #atLineStart = true
  #open = true

  constructor() {
    process.stdout.write(`::stop-commands::${this.#token}\n`)
  }

  readonly write: Write = (text) => {
    if (!this.#open || !text) return
    process.stdout.write(text)
    this.#atLineStart = text.endsWith('\n')
  }

  /** Detaches every writer of this fence, then resumes workflow commands on a line of their own. */
  close(): void {
    if (!this.#open) return
    this.#open = false
    process.stdout.write(`${this.#atLineStart ? '' : '\n'}::${this.#token}::\n`)
  }
}

let current: Fence | undefined

/**
 * Runs `fn` with workflow commands stopped, handing it a writer for the untrusted text. Nested use shares
 * the outer fence. Whatever happens, commands are resumed on a line of their own.
 */
export async function withUntrustedOutput<T>(fn: (write: Write) => Promise<T>): Promise<T> {
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
