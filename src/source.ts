// Step 4: the exact commit under test, cloned inside the sandbox. The token goes to the toolbox's clone call as
// credentials for that call only (the daemon hands them to git through GIT_ASKPASS); nothing persists it.
import { posix } from 'node:path'
import * as core from '@actions/core'
import { shellQuote } from './commands.ts'
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
  // Daytona clones refs/heads/<branch> only: a tag is reached through the default branch's whole history.
  const tag = source.refType === 'tag' ? source.ref : undefined
  const request = {
    url: source.cloneUrl,
    path,
    branch: tag ? undefined : source.ref,
    commitId: source.sha || undefined,
    depth: tag ? undefined : config.cloneDepth || undefined,
    ...(credentials && { username: 'x-access-token', password: credentials }),
  }
  const what = `${source.repository}@${source.sha ? source.sha.slice(0, 12) : (source.ref ?? 'HEAD')}`
  core.info(`Cloning ${what} into ${path}…`)
  try {
    await toolbox.git.clone(request)
  } catch (err) {
    if (tag && commitNotFound(err)) throw tagUnreachable(source, tag)
    if (request.branch && branchMissing(err)) throw branchNotFound(source, request.branch)
    // A shallow clone only reaches a commit at the branch's tip: a re-run after the branch moved needs history.
    if (!request.commitId || !request.depth || !commitMissing(err)) throw err
    core.info(`Shallow clone could not reach ${request.commitId.slice(0, 12)}; fetching the full history.`)
    await toolbox.files.delete(path, { recursive: true }).catch(() => {})
    await toolbox.git.clone({ ...request, depth: undefined })
  }
  if (tag && !request.commitId) await checkOutTag(toolbox, path, source, tag)
  const sha = await headOf(toolbox, path)
  if (source.sha && sha !== source.sha) {
    throw new Error(
      `The clone's HEAD is ${sha}, not ${source.sha} as the event says: the ref may have moved. Re-run the workflow.`,
    )
  }
  core.info(`Checked out ${source.repository} at ${sha}.`)
  return { path, sha }
}

/** A full SHA-1 or SHA-256 commit id, and nothing else. */
const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/

async function headOf(toolbox: Toolbox, path: string): Promise<string> {
  const { exitCode, result } = await toolbox.process.execute({
    command: 'git rev-parse HEAD',
    cwd: path,
    timeout: 60,
  })
  if (exitCode !== 0) throw new Error(`Could not read the clone's HEAD: ${result.trim()}`)
  const head = result.trim()
  // The sandbox runs the pull request's image: its "git" may print anything, and this goes to the log.
  if (!COMMIT_ID.test(head)) {
    throw new Error(
      "Could not read the clone's HEAD: `git rev-parse HEAD` in the sandbox did not print a commit id " +
        '(is git in the image a real git?).',
    )
  }
  return head
}

/** A tag that is not the event's: the default branch's history holds it, if it holds its commit at all. */
async function checkOutTag(toolbox: Toolbox, path: string, source: Source, tag: string): Promise<void> {
  const { exitCode } = await toolbox.process.execute({
    command: `git -c advice.detachedHead=false checkout -q --detach ${shellQuote(`refs/tags/${tag}^{commit}`)} --`,
    cwd: path,
    timeout: 60,
  })
  if (exitCode !== 0) throw tagUnreachable(source, tag)
}

function tagUnreachable(source: Source, tag: string): Error {
  return new Error(
    `Could not check out tag ${tag} of ${source.repository}: Daytona clones branches only, so the action clones ` +
      `the default branch's whole history, and the tagged commit is not in it. Tag a commit of the default ` +
      `branch, or set 'ref' to the branch that holds it.`,
  )
}

function branchNotFound(source: Source, branch: string): Error {
  return new Error(
    `Branch ${branch} was not found in ${source.repository} (deleted since the event?). ` +
      `If 'ref' means a tag, write it as refs/tags/${branch}; a commit, as its full SHA.`,
  )
}

function branchMissing(err: unknown): boolean {
  return err instanceof DaytonaError && err.code === 'GIT_BRANCH_NOT_FOUND'
}

/** The repository was cloned, but the commit asked for is not in what was fetched. */
function commitNotFound(err: unknown): boolean {
  return (
    err instanceof DaytonaError &&
    err.status === 404 &&
    !['GIT_REPO_NOT_FOUND', 'GIT_BRANCH_NOT_FOUND'].includes(err.code ?? '')
  )
}

/** Errors that more history can fix; not a missing repository or a refused token. */
function commitMissing(err: unknown): boolean {
  if (!(err instanceof DaytonaError)) return false
  return (
    ![401, 403].includes(err.status ?? 0) &&
    !['GIT_REPO_NOT_FOUND', 'GIT_AUTH_FAILED'].includes(err.code ?? '')
  )
}
