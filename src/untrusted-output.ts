// Text the pull request controls (its commands' output, its Dockerfile's build log) goes to the job log with
// workflow commands switched off, so that a line like `::add-mask::…` or `::stop-commands::…` is shown, not obeyed.
import { randomUUID } from 'node:crypto'

let fence: { token: string; atLineStart: boolean } | undefined

/**
 * Runs `fn` with workflow commands stopped, handing it a writer for the untrusted text. Nested use shares
 * the outer fence. Whatever happens, commands are resumed on a line of their own.
 */
export async function withUntrustedOutput<T>(fn: (write: (text: string) => void) => Promise<T>): Promise<T> {
  if (fence) return fn(write)
  fence = { token: randomUUID(), atLineStart: true }
  process.stdout.write(`::stop-commands::${fence.token}\n`)
  try {
    return await fn(write)
  } finally {
    resumeWorkflowCommands()
  }
}

/** Ends the fence now (cancellation: the action's own last words must be obeyed). Safe to call any time. */
export function resumeWorkflowCommands(): void {
  if (!fence) return
  const { token, atLineStart } = fence
  fence = undefined
  process.stdout.write(`${atLineStart ? '' : '\n'}::${token}::\n`)
}

function write(text: string): void {
  if (!text) return
  process.stdout.write(text)
  if (fence) fence.atLineStart = text.endsWith('\n')
}
