// Git in a sandbox (daytona-api.md §4.6). Credentials are used for the clone only and never persisted by
// the daemon; they travel in the request body, which no error message or retry log ever includes.
import type { HttpClient } from '../http.ts'
import type { GitCloneRequest, GitCommitInfo } from '../types.ts'

const CLONE_DEADLINE_MS = 15 * 60_000

export interface CloneOptions {
  url: string
  /** destination in the sandbox */
  path: string
  branch?: string
  /** must be reachable from the cloned branch */
  commitId?: string
  username?: string
  password?: string
  depth?: number
}

export class GitApi {
  readonly #http: HttpClient
  readonly #base: string

  constructor(http: HttpClient, toolboxBase: string) {
    this.#http = http
    this.#base = `${toolboxBase}git`
  }

  async clone(opts: CloneOptions & { signal?: AbortSignal; timeoutMs?: number }): Promise<void> {
    const body: GitCloneRequest = { url: opts.url, path: opts.path }
    if (opts.branch) body.branch = opts.branch
    // snake_case on the wire
    if (opts.commitId) body.commit_id = opts.commitId
    if (opts.username !== undefined) body.username = opts.username
    if (opts.password !== undefined) body.password = opts.password
    if (opts.depth !== undefined) body.depth = opts.depth
    await this.#http.request({
      method: 'POST',
      url: `${this.#base}/clone`,
      body,
      timeoutMs: opts.timeoutMs ?? CLONE_DEADLINE_MS,
      signal: opts.signal,
    })
  }

  /** The commits reachable from HEAD of the repository at `path`, newest first (no `git` program needed). */
  history(path: string, opts: { signal?: AbortSignal } = {}): Promise<GitCommitInfo[]> {
    return this.#http.request<GitCommitInfo[]>({
      method: 'GET',
      url: `${this.#base}/history`,
      query: { path },
      signal: opts.signal,
    })
  }
}
