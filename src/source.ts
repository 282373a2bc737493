// Step 4: the exact commit under test, cloned inside the sandbox. The token goes to the toolbox's clone call as
// credentials for that call only (the daemon hands them to git through GIT_ASKPASS); nothing persists it.
import { posix } from 'node:path'
import * as core from '@actions/core'
import { DaytonaError } from './daytona/errors.ts'
import type { Toolbox } from './daytona/toolbox/index.ts'
import type { Source } from './github-context.ts'
import type { Config } from './inputs.ts'

export interface Checkout {
  /** absolute path of the clone inside the sandbox */
  path: string
  /** the commit at HEAD, verified against the one the event names */
  sha: string
}

export async function cloneSource(toolbox: Toolbox, source: Source, config: Config): Promise<Checkout> {
  const workDir = await toolbox.workDir()
  const repoName = source.repository.split('/')[1] ?? 'repository'
  const path = posix.join(workDir, repoName)
  const credentials = config.token && /^https?:/.test(source.cloneUrl) ? config.token : undefined
  const request = {
    url: source.cloneUrl,
    path,
    branch: source.ref && !isSha(source.ref) ? source.ref : undefined,
    commitId: source.sha || undefined,
    depth: config.cloneDepth || undefined,
    ...(credentials && { username: 'x-access-token', password: credentials }),
  }
  const what = `${source.repository}@${source.sha ? source.sha.slice(0, 12) : (source.ref ?? 'HEAD')}`
  core.info(`Cloning ${what} into ${path}…`)
  try {
    await toolbox.git.clone(request)
  } catch (err) {
    // A shallow clone only reaches a commit at the branch's tip: a re-run after the branch moved needs history.
    if (!request.commitId || !request.depth || !commitMissing(err)) throw err
    core.info(`Shallow clone could not reach ${request.commitId.slice(0, 12)}; fetching the full history.`)
    await toolbox.files.delete(path, { recursive: true }).catch(() => {})
    await toolbox.git.clone({ ...request, depth: undefined })
  }
  const sha = await headOf(toolbox, path)
  if (source.sha && sha !== source.sha) {
    throw new Error(
      `The clone's HEAD is ${sha}, not ${source.sha} as the event says: the ref may have moved. Re-run the workflow.`,
    )
  }
  core.info(`Checked out ${source.repository} at ${sha}.`)
  return { path, sha }
}

async function headOf(toolbox: Toolbox, path: string): Promise<string> {
  const { exitCode, result } = await toolbox.process.execute({
    command: 'git rev-parse HEAD',
    cwd: path,
    timeout: 60,
  })
  if (exitCode !== 0) throw new Error(`Could not read the clone's HEAD: ${result.trim()}`)
  return result.trim()
}

/** Errors that more history can fix; not a missing repository or a refused token. */
function commitMissing(err: unknown): boolean {
  if (!(err instanceof DaytonaError)) return false
  return (
    ![401, 403].includes(err.status ?? 0) &&
    !['GIT_REPO_NOT_FOUND', 'GIT_AUTH_FAILED'].includes(err.code ?? '')
  )
}

function isSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref)
}
