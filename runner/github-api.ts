// A stand-in for the GitHub REST calls the action makes (a file at a commit; the commit a ref names), answering from the
// bare repositories of a GitServerDir, so that a job's GITHUB_API_URL can point somewhere real and offline.
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { bareRepoPath, type GitServerDir } from './git-fixtures.ts'

const CONTENTS = /^\/repos\/([^/]+\/[^/]+)\/contents\/(.+)$/
const COMMITS = /^\/repos\/([^/]+\/[^/]+)\/commits\/(.+)$/
const RUNS = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)$/

export interface GitHubApiRequest {
  path: string
  ref: string | null
  accept?: string
  authorization?: string
}

export interface GitHubApi {
  /** GITHUB_API_URL for a job */
  url: string
  requests: GitHubApiRequest[]
  /** workflow runs by id → status (`completed`, `in_progress`…); others answer 404 */
  runs: Map<string, string>
  close(): Promise<void>
}

/** `overrides` ("owner/repo:path" → text) answer before the repositories do, for files no commit holds. */
export async function startGitHubApi(
  git: GitServerDir,
  overrides: Record<string, string> = {},
): Promise<GitHubApi> {
  const requests: GitHubApiRequest[] = []
  const runs = new Map<string, string>()
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push({
      path: url.pathname,
      ref: url.searchParams.get('ref'),
      accept: req.headers.accept,
      authorization: req.headers.authorization,
    })
    const run = RUNS.exec(url.pathname)
    if (run) {
      const status = runs.get(run[2]!)
      res.writeHead(status ? 200 : 404, { 'content-type': 'application/json' })
      res.end(JSON.stringify(status ? { id: Number(run[2]), status } : { message: 'Not Found' }))
      return
    }
    const commit = COMMITS.exec(url.pathname)
    if (commit && req.headers.accept === 'application/vnd.github.sha') {
      const sha = await commitOf(git, commit[1]!, decodeURIComponent(commit[2]!))
      res.writeHead(sha ? 200 : 422, { 'content-type': 'text/plain' })
      res.end(sha ?? 'No commit found for SHA')
      return
    }
    const match = CONTENTS.exec(url.pathname)
    const text = match && (await fileAt(git, match[1]!, decodeURIComponent(match[2]!), url, overrides))
    if (text === undefined || text === null) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"message":"Not Found","status":"404"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' })
    res.end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    runs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function fileAt(
  git: GitServerDir,
  repo: string,
  path: string,
  url: URL,
  overrides: Record<string, string>,
): Promise<string | undefined> {
  const override = overrides[`${repo}:${path}`]
  if (override !== undefined) return override
  const ref = url.searchParams.get('ref') ?? 'HEAD'
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${ref}:${path}`], {
      cwd: bareRepoPath(git, repo),
    })
    return stdout
  } catch {
    return undefined
  }
}

/** GET /repos/{repo}/commits/{ref} with the sha media type: the commit id alone. */
async function commitOf(git: GitServerDir, repo: string, ref: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--verify', '-q', `${ref}^{commit}`], {
      cwd: bareRepoPath(git, repo),
    })
    return stdout.trim()
  } catch {
    return undefined
  }
}
