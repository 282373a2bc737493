// Git fixtures for clone tests: a folder that stands in for GITHUB_SERVER_URL (bare repos at
// <root>/<owner>/<repo>.git, reachable as file://<root>/<owner>/<repo>.git), real commits made with the git CLI,
// and GitHub-shaped event payloads that point at them.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync } from 'node:fs'
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface GitServerDir {
  /** file:///var/tmp/git-fixture-xxx/server — use as GITHUB_SERVER_URL */
  serverUrl: string
  root: string
}

/** path → content; null deletes the file; content starting with `#!` is committed as executable */
export type Files = Record<string, string | null>
export interface CommitOptions {
  branch?: string
  message?: string
  /** start a new branch from this ref (default: the repository's default branch) */
  from?: string
}

// Identity and config on the command line (not from ~/.gitconfig), so fixtures are the same on every machine.
const GIT_CONFIG = [
  ...['-c', 'user.name=Fixture Bot', '-c', 'user.email=fixture-bot@example.com'],
  ...['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', '-c', 'commit.gpgsign=false'],
]

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    LC_ALL: 'C',
  }
  const { stdout } = await run('git', [...GIT_CONFIG, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 })
  return stdout.trim()
}

function split(fullName: string): [string, string] {
  const [owner, repo, ...rest] = fullName.split('/')
  if (!owner || !repo || rest.length > 0)
    throw new Error(`expected owner/repo, got ${JSON.stringify(fullName)}`)
  return [owner, repo]
}

export function bareRepoPath(server: GitServerDir, fullName: string): string {
  const [owner, repo] = split(fullName)
  return join(server.root, owner, `${repo}.git`)
}

function workPath(server: GitServerDir, fullName: string): string {
  return join(dirname(server.root), 'work', fullName)
}

/**
 * Where fixture servers live. Not /tmp: under bubblewrap a sandbox has a private /tmp, so the emulator reads
 * file:///tmp/... as a path inside the sandbox and cannot clone from it. /var/tmp is the host's everywhere.
 */
function fixtureParent(): string {
  if (process.env.GIT_FIXTURE_DIR) return process.env.GIT_FIXTURE_DIR
  try {
    accessSync('/var/tmp', constants.W_OK)
    return '/var/tmp'
  } catch {
    return tmpdir()
  }
}

export async function makeGitServer(opts: { parent?: string } = {}): Promise<GitServerDir> {
  const base = await mkdtemp(join(opts.parent ?? fixtureParent(), 'git-fixture-'))
  const root = join(base, 'server')
  await mkdir(root)
  return { serverUrl: `file://${root}`, root }
}

/** Deletes the server folder and the work clones next to it. */
export async function removeGitServer(server: GitServerDir): Promise<void> {
  await rm(dirname(server.root), { recursive: true, force: true })
}

// GitHub serves any commit by SHA (`git fetch origin <sha>`), which is how a PR's head commit is fetched.
async function allowFetchBySha(bare: string): Promise<void> {
  await git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
}

async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path)
    if (content === null) {
      await rm(file, { force: true })
      continue
    }
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
    await chmod(file, content.startsWith('#!') ? 0o755 : 0o644)
  }
}

async function commitAll(work: string, message: string): Promise<string> {
  await git(work, 'add', '-A')
  await git(work, 'commit', '-q', '--allow-empty', '-m', message)
  return git(work, 'rev-parse', 'HEAD')
}

/** Creates <owner>/<repo>.git with one commit holding `files` on `branch` (default main). */
export async function makeRepo(
  server: GitServerDir,
  fullName: string,
  files: Files,
  opts: { branch?: string; message?: string } = {},
): Promise<{ sha: string; bare: string }> {
  const branch = opts.branch ?? 'main'
  const bare = bareRepoPath(server, fullName)
  const work = workPath(server, fullName)
  await mkdir(dirname(bare), { recursive: true })
  await mkdir(work, { recursive: true })
  await git(server.root, 'init', '-q', '--bare', `--initial-branch=${branch}`, bare)
  await allowFetchBySha(bare)
  await git(work, 'init', '-q', `--initial-branch=${branch}`)
  await git(work, 'remote', 'add', 'origin', bare)
  await writeFiles(work, files)
  const sha = await commitAll(work, opts.message ?? 'Initial commit')
  await git(work, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`)
  return { sha, bare }
}

/** Another commit, on `branch` (created from `from` or the default branch if new); returns its SHA. */
export async function commit(
  server: GitServerDir,
  fullName: string,
  files: Files,
  opts: CommitOptions = {},
): Promise<string> {
  const work = workPath(server, fullName)
  const bare = bareRepoPath(server, fullName)
  await git(work, 'fetch', '-q', '--prune', 'origin')
  const defaultBranch = (await git(bare, 'symbolic-ref', 'HEAD')).replace('refs/heads/', '')
  const branch = opts.branch ?? defaultBranch
  const exists = await git(work, 'rev-parse', '-q', '--verify', `refs/remotes/origin/${branch}`).then(
    () => true,
    () => false,
  )
  // -B resets the local branch to what the server has, so pushes made by others are built upon, not lost
  const start = exists ? `origin/${branch}` : (opts.from ?? `origin/${defaultBranch}`)
  await git(work, 'checkout', '-q', '-B', branch, start)
  await writeFiles(work, files)
  const sha = await commitAll(work, opts.message ?? `Update ${Object.keys(files).join(', ')}`)
  await git(work, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`)
  return sha
}

/** A fork: `to` gets every branch of `from`, with its own work clone for further commits. */
export async function forkRepo(server: GitServerDir, from: string, to: string): Promise<{ bare: string }> {
  const bare = bareRepoPath(server, to)
  const work = workPath(server, to)
  await mkdir(dirname(bare), { recursive: true })
  await mkdir(dirname(work), { recursive: true })
  await git(server.root, 'clone', '-q', '--bare', bareRepoPath(server, from), bare)
  await allowFetchBySha(bare)
  await git(server.root, 'clone', '-q', bare, work)
  return { bare }
}

export async function revParse(server: GitServerDir, fullName: string, ref: string): Promise<string> {
  return git(bareRepoPath(server, fullName), 'rev-parse', '--verify', `${ref}^{commit}`)
}

export interface PullRequestOptions {
  /** base repository, owner/repo */
  base: string
  /** head repository, owner/repo (a fork when different from base) */
  head: string
  headRef: string
  headSha: string
  number: number
  baseSha?: string
  baseRef?: string
  /** opened, synchronize, … (default opened) */
  action?: string
  /** event name: pull_request (default) or pull_request_target */
  name?: string
  mergeSha?: string | null
  serverUrl?: string
  title?: string
  author?: string
}

function repoObject(fullName: string, serverUrl: string, fork: boolean) {
  const [owner, name] = split(fullName)
  const id = createHash('sha1').update(fullName).digest().readUInt32BE(0)
  return {
    id,
    name,
    full_name: fullName,
    owner: { login: owner, type: 'User' },
    private: false,
    fork,
    html_url: `${serverUrl}/${fullName}`,
    clone_url: `${serverUrl}/${fullName}.git`,
    default_branch: 'main',
  }
}

/** A pull_request (or pull_request_target) event as GitHub sends it, trimmed to the fields actions read. */
export function pullRequestEvent(opts: PullRequestOptions): {
  name: string
  payload: Record<string, unknown>
} {
  const serverUrl = opts.serverUrl ?? 'https://github.com'
  const baseRef = opts.baseRef ?? 'main'
  const author = { login: opts.author ?? split(opts.head)[0], type: 'User' }
  const fork = opts.head !== opts.base
  const pullRequest = {
    number: opts.number,
    title: opts.title ?? `Change ${opts.headRef}`,
    state: 'open',
    draft: false,
    merged: false,
    html_url: `${serverUrl}/${opts.base}/pull/${opts.number}`,
    user: author,
    head: {
      label: `${split(opts.head)[0]}:${opts.headRef}`,
      ref: opts.headRef,
      sha: opts.headSha,
      user: author,
      repo: repoObject(opts.head, serverUrl, fork),
    },
    base: {
      label: `${split(opts.base)[0]}:${baseRef}`,
      ref: baseRef,
      sha: opts.baseSha ?? '',
      repo: repoObject(opts.base, serverUrl, false),
    },
    merge_commit_sha: opts.mergeSha ?? null,
  }
  const payload = {
    action: opts.action ?? 'opened',
    number: opts.number,
    pull_request: pullRequest,
    repository: repoObject(opts.base, serverUrl, false),
    sender: author,
  }
  return { name: opts.name ?? 'pull_request', payload }
}

export function pushEvent(opts: {
  repo: string
  sha: string
  ref?: string
  before?: string
  serverUrl?: string
}): { name: 'push'; payload: Record<string, unknown> } {
  const sender = { login: split(opts.repo)[0], type: 'User' }
  const payload = {
    ref: opts.ref ?? 'refs/heads/main',
    before: opts.before ?? '0'.repeat(40),
    after: opts.sha,
    created: false,
    deleted: false,
    forced: false,
    head_commit: { id: opts.sha, message: 'fixture commit' },
    repository: repoObject(opts.repo, opts.serverUrl ?? 'https://github.com', false),
    pusher: { name: sender.login },
    sender,
  }
  return { name: 'push', payload }
}

/**
 * Opens a pull request the way GitHub stores one: refs/pull/N/head in the base repository and, when the
 * branches merge cleanly, a test-merge commit at refs/pull/N/merge (the event's merge_commit_sha).
 */
export async function openPullRequest(
  server: GitServerDir,
  opts: Omit<PullRequestOptions, 'headSha' | 'baseSha' | 'mergeSha' | 'serverUrl'>,
): Promise<{
  event: { name: string; payload: Record<string, unknown> }
  headSha: string
  baseSha: string
  mergeSha: string | null
}> {
  const baseRef = opts.baseRef ?? 'main'
  const baseBare = bareRepoPath(server, opts.base)
  const headSha = await revParse(server, opts.head, `refs/heads/${opts.headRef}`)
  const baseSha = await revParse(server, opts.base, `refs/heads/${baseRef}`)
  const pullRef = `refs/pull/${opts.number}`
  await git(
    baseBare,
    'fetch',
    '-q',
    bareRepoPath(server, opts.head),
    `+refs/heads/${opts.headRef}:${pullRef}/head`,
  )
  const scratch = await mkdtemp(join(dirname(server.root), 'merge-'))
  let mergeSha: string | null = null
  try {
    await git(scratch, 'clone', '-q', '-b', baseRef, baseBare, '.')
    await git(scratch, 'fetch', '-q', 'origin', `${pullRef}/head`)
    const merged = await git(
      scratch,
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge ${headSha} into ${baseSha}`,
      'FETCH_HEAD',
    )
      .then(() => true)
      .catch(() => false)
    if (merged) {
      mergeSha = await git(scratch, 'rev-parse', 'HEAD')
      await git(scratch, 'push', '-q', 'origin', `HEAD:${pullRef}/merge`)
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const event = pullRequestEvent({ ...opts, headSha, baseSha, mergeSha, serverUrl: server.serverUrl })
  return { event, headSha, baseSha, mergeSha }
}

/**
 * `fullName` on the server from a local repository: its working tree as one commit on `main` (tracked and
 * untracked files that git does not ignore, as they are on disk), or, with `rev`, that commit and its history.
 */
export async function importLocalRepo(
  server: GitServerDir,
  fullName: string,
  sourceDir: string,
  rev?: string,
): Promise<{ sha: string; branch: string }> {
  const bare = bareRepoPath(server, fullName)
  await mkdir(dirname(bare), { recursive: true })
  if (rev) {
    const sha = await git(sourceDir, 'rev-parse', '--verify', `${rev}^{commit}`)
    await git(server.root, 'init', '-q', '--bare', '--initial-branch=main', bare)
    await allowFetchBySha(bare)
    await git(sourceDir, 'push', '-q', bare, `${sha}:refs/heads/main`)
    return { sha, branch: 'main' }
  }
  const files = (await git(sourceDir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'))
    .split('\0')
    .filter((path) => path && existsSync(join(sourceDir, path)))
  const work = workPath(server, fullName)
  await mkdir(work, { recursive: true })
  for (const path of files) {
    await mkdir(dirname(join(work, path)), { recursive: true })
    await cp(join(sourceDir, path), join(work, path), { verbatimSymlinks: true })
  }
  await git(server.root, 'init', '-q', '--bare', '--initial-branch=main', bare)
  await allowFetchBySha(bare)
  await git(work, 'init', '-q', '--initial-branch=main')
  await git(work, 'remote', 'add', 'origin', bare)
  const sha = await commitAll(work, 'The working tree, as it is on disk')
  await git(work, 'push', '-q', 'origin', 'HEAD:refs/heads/main')
  return { sha, branch: 'main' }
}
