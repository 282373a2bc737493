// The one GitHub REST read the clone needs: the commit a tag names, so that the sandbox clones that exact
// commit without a `git` program of its own. Never puts the token in a message.
import { request } from 'undici'
import { errorCode } from './daytona/http.ts'

const GITHUB_TIMEOUT_MS = 15_000

/** The commit SHA `ref` (a tag, branch or SHA) names in `repository`, from GET /repos/{repo}/commits/{ref}. */
export async function commitOf(
  repository: string,
  ref: string,
  token: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  let status: number | string
  try {
    const res = await request(`${api}/repos/${repository}/commits/${encodeURIComponent(ref)}`, {
      headers: {
        accept: 'application/vnd.github.sha',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'daytona-action',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      headersTimeout: GITHUB_TIMEOUT_MS,
      bodyTimeout: GITHUB_TIMEOUT_MS,
    })
    const text = (await res.body.text()).trim()
    if (res.statusCode === 200 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text)) return text
    status = `HTTP ${res.statusCode}`
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
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  try {
    const res = await request(`${api}/repos/${repository}/actions/runs/${runId}`, {
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'daytona-action',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      headersTimeout: GITHUB_TIMEOUT_MS,
      bodyTimeout: GITHUB_TIMEOUT_MS,
    })
    const text = await res.body.text()
    if (res.statusCode !== 200) return undefined
    const status = (JSON.parse(text) as { status?: unknown }).status
    return typeof status === 'string' ? status : undefined
  } catch {
    return undefined
  }
}
