// The post step always runs (post-if: always()): it deletes whatever main's saved state still names. It warns,
// never fails: the job's result is main's to decide.
import * as core from '@actions/core'
import { deleteSandbox, savedState } from './cleanup.ts'
import { Daytona } from './daytona/client.ts'
import { guardStdout } from './untrusted-output.ts'

const POST_DEADLINE_MS = 60_000

async function run(): Promise<void> {
  // a job log that breaks (EPIPE) must not crash the step before it has cleaned up
  guardStdout()
  const sandbox = savedState.sandbox()
  if (savedState.settled() || (!sandbox.id && !sandbox.name)) return
  const apiKey = core.getInput('api-key') || process.env.DAYTONA_API_KEY || ''
  core.setSecret(apiKey)
  const apiUrl = savedState.apiUrl()
  if (!apiKey || !apiUrl) {
    core.warning(
      `Sandbox ${sandbox.name ?? sandbox.id} may still exist: no API key or URL to delete it with.`,
    )
    return
  }
  core.info(`Main did not finish cleaning up: deleting sandbox ${sandbox.name ?? sandbox.id}.`)
  const client = new Daytona({ apiUrl, apiKey, onRetry: core.debug })
  try {
    await deleteSandbox(client, sandbox, POST_DEADLINE_MS)
  } finally {
    await client.close()
  }
}

run().catch((err: unknown) => core.warning(`Cleanup failed: ${err instanceof Error ? err.message : err}`))
