// The GitHub REST reads the action makes with the job's token: a file at the commit under test (a Dockerfile
// without a checkout), the commit a tag names (so the sandbox clones that exact commit), and whether a run has
// ended (the orphan sweep). One way to ask; the token never appears in a message.
import { getGlobalDispatcher } from 'undici'
import { errorCode, requestAt } from './daytona/http.ts'

const GITHUB_TIMEOUT_MS = 15_000

export interface GitHubAnswer {
  status: number
  contentType: string
  text: string
}

/** GET `path` (e.g. `/repos/o/r/commits/x`) of the job's GitHub API, as `accept`. Throws on a network error. */
export async function githubGet(
  path: string,
  accept: string,
  token: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitHubAnswer> {
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  const res = await requestAt(getGlobalDispatcher(), `${api}${path}`, {
    method: 'GET',
    headers: {
      accept,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'daytona-action',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    headersTimeout: GITHUB_TIMEOUT_MS,
    bodyTimeout: GITHUB_TIMEOUT_MS,
  })
  return {
    status: res.statusCode,
    contentType: String(res.headers['content-type']),
    text: await res.body.text(),
  }
}

/** The commit SHA `ref` (a tag, branch or SHA) names in `repository`, from GET /repos/{repo}/commits/{ref}. */
export async function commitOf(
  repository: string,
  ref: string,
  token: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let status: number | string
  try {
    const res = await githubGet(`/repos/${repository}/commits/${encodeURIComponent(ref)}`, SHA, token, env)
    const text = res.text.trim()
    if (res.status === 200 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text)) return text
    status = `HTTP ${res.status}`
  } catch (err) {
    status = errorCode(err) ?? (err as Error).message
  }
  throw new Error(
    `Could not find which commit ${ref} of ${repository} is (GitHub API: ${status}). Check that the tag exists ` +
      "and that 'token' can read the repository.",
  )
}

/**
 * A workflow run's status (`queued`, `in_progress`, `completed`, …) from GET /repos/{repo}/actions/runs/{id}, or
 * undefined when GitHub does not say (no such run, no access, unreachable): the caller then decides by age.
 */
export async function runStatus(
  repository: string,
  runId: string,
  token: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (!/^\d+$/.test(runId)) return undefined
  try {
    const res = await githubGet(`/repos/${repository}/actions/runs/${runId}`, JSON_TYPE, token, env)
    if (res.status !== 200) return undefined
    const status = (JSON.parse(res.text) as { status?: unknown }).status
    return typeof status === 'string' ? status : undefined
  } catch {
    return undefined
  }
}

const SHA = 'application/vnd.github.sha'
const JSON_TYPE = 'application/vnd.github+json'
