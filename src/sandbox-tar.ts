// Packing and unpacking archives in the sandbox (the workspace upload, the dependency cache): a POSIX script
// run by sh, whatever shell the daemon would pick, with the image's tar and gzip.
import type { Toolbox } from './daytona/toolbox/index.ts'
import { shellQuote } from './shell/exec-text.ts'

const TAR_TIMEOUT_S = 900

/** Runs `script` with sh in the sandbox and returns its output; `what` ("unpack the workspace") names a failure. */
export async function runTarScript(toolbox: Toolbox, script: string, what: string): Promise<string> {
  const { exitCode, result } = await toolbox.process.execute({
    command: `sh -c ${shellQuote(script)}`,
    timeout: TAR_TIMEOUT_S,
  })
  if (exitCode !== 0) {
    const last = result.trim().split('\n').slice(-1)[0] ?? ''
    throw new Error(
      `could not ${what} in the sandbox (exit code ${exitCode}; its image needs tar and gzip). ${last}`.trim(),
    )
  }
  return result.trim()
}
