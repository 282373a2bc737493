// Step 4: the exact commit under test, cloned inside the sandbox by the daemon's own git (go-git), so the image
// needs no `git` program. A public repository is cloned without credentials; for a private one the token goes
// to that clone call only (the daemon keeps it out of .git/config). Nothing runs `git` in the sandbox.
import * as core from '@actions/core'
import { DaytonaError } from './daytona/errors.ts'
import type { Toolbox } from './daytona/toolbox/index.ts'
import { commitOf } from './github-api.ts'
import type { EventInfo, Source } from './github-context.ts'
import type { Config } from './inputs.ts'

export interface Checkout {
  /** the clone inside the sandbox, relative to its working directory (the image's WORKDIR, else the home) */
  path: string
  /** the commit at HEAD, when the daemon could tell */
  sha?: string
}

/** A branch's tip is read through /git/history for shallow clones only: a full history's log is too large. */
const TIP_READ_DEPTH = 50

/**
 * The source with the commit a tag names filled in, before anything is created: Daytona clones branches only,
 * so a tag is reached as a commit of the default branch's history.
 */
export async function pinCommit(source: Source, config: Pick<Config, 'token'>): Promise<Source> {
  if (source.sha || source.refType !== 'tag' || !source.ref) return source
  return { ...source, sha: await commitOf(source.repository, `tags/${source.ref}`, config.token) }
}

export async function cloneSource(
  toolbox: Toolbox,
  source: Source,
  config: Config,
  event: Pick<EventInfo, 'payload'>,
): Promise<Checkout> {
  const path = source.repository.split('/')[1] ?? 'repository'
  const https = /^https?:/.test(source.cloneUrl)
  const withheld = Boolean(config.token && https && isPublic(source, event))
  const credentials = config.token && https && !withheld ? config.token : undefined
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
  core.info(`Cloning ${what} into ${path}${withheld ? ' (public: no credentials sent)' : ''}…`)
  try {
    await toolbox.git.clone(request)
  } catch (err) {
    if (tag && commitNotFound(err)) throw tagUnreachable(source, tag)
    if (request.branch && branchMissing(err)) throw branchNotFound(source, request.branch)
    // A shallow clone only reaches a commit at the branch's tip: a re-run after the branch moved needs history.
    if (!request.commitId || !request.depth || !commitMissing(err)) throw err
    core.info(`Shallow clone could not reach ${request.commitId.slice(0, 12)}; fetching the full history.`)
    await toolbox.files.delete(path, { recursive: true }).catch(() => {})
    request.depth = undefined
    await toolbox.git.clone(request)
  }
  // With commit_id the daemon checks that commit out or fails the clone (apps/daemon/pkg/git/clone.go, go-git
  // and CLI paths alike), so HEAD is known without asking; only a branch's tip is read back.
  const sha = request.commitId ?? (await tipOf(toolbox, path, request.depth))
  core.info(`Checked out ${source.repository} at ${sha ?? `the tip of ${source.ref ?? 'HEAD'}`}.`)
  return { path, sha }
}

/** A full SHA-1 or SHA-256 commit id, and nothing else. */
const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/** The commit a branch clone checked out, for the log; undefined when the log cannot be read cheaply. */
async function tipOf(toolbox: Toolbox, path: string, depth: number | undefined): Promise<string | undefined> {
  if (!depth || depth > TIP_READ_DEPTH) return undefined
  try {
    const head = (await toolbox.git.history(path))[0]?.hash
    return head && COMMIT_ID.test(head) ? head : undefined
  } catch (err) {
    core.debug(`Could not read the clone's history: ${err}`)
    return undefined
  }
}

/** The event says whether the repository being cloned is public; anything else gets the token. */
function isPublic(source: Source, event: Pick<EventInfo, 'payload'>): boolean {
  const repo = (value: unknown) => value as { full_name?: unknown; private?: unknown } | undefined
  const pr = event.payload.pull_request as { head?: { repo?: unknown } } | undefined
  const candidates = [repo(event.payload.repository), repo(pr?.head?.repo)]
  const match = candidates.find((r) => r?.full_name === source.repository)
  return match?.private === false
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
