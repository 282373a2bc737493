// Git fixtures for the toolbox tests: a local repository with history and branches, and a smart-HTTP
// server (git http-backend behind node:http) that can demand Basic credentials.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim()
}

export interface FixtureRepo {
  /** the temporary directory holding both repositories (remove it when done) */
  root: string
  dir: string
  /** a bare copy, for the HTTP server */
  bare: string
  /** commits on main, oldest first */
  mainCommits: string[]
  featureCommit: string
}

/** main: three commits (file.txt = v1, v2, v3); feature: branched at v2 with feature.txt. */
export function makeFixtureRepo(): FixtureRepo {
  const root = mkdtempSync(join(tmpdir(), 'tbx-git-'))
  const dir = join(root, 'src')
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: GIT_ENV })
  const mainCommits: string[] = []
  const commit = (file: string, text: string) => {
    execFileSync('sh', ['-c', `printf '%s\\n' "$1" > "$2"`, 'sh', text, file], { cwd: dir })
    git(dir, 'add', file)
    git(dir, 'commit', '-q', '-m', `${file}: ${text}`)
    return git(dir, 'rev-parse', 'HEAD')
  }
  mainCommits.push(commit('file.txt', 'v1'), commit('file.txt', 'v2'))
  git(dir, 'checkout', '-q', '-b', 'feature')
  const featureCommit = commit('feature.txt', 'feature work')
  git(dir, 'checkout', '-q', 'main')
  mainCommits.push(commit('file.txt', 'v3'))
  const bare = join(root, 'repo.git')
  git(root, 'clone', '-q', '--bare', dir, bare)
  return { root, dir, bare, mainCommits, featureCommit }
}

export interface GitHttpServer {
  origin: string
  close(): Promise<void>
}

/** Serves the bare repositories under `projectRoot`; with `auth`, only to those Basic credentials. */
export async function startGitHttp(
  projectRoot: string,
  auth?: { user: string; pass: string },
): Promise<GitHttpServer> {
  const expected = auth ? `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}` : undefined
  const server = createServer((req, res) => {
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="fixture"' })
      return res.end('unauthorized')
    }
    const url = new URL(req.url ?? '/', 'http://x')
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...GIT_ENV,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: auth?.user ?? '',
        REMOTE_ADDR: '127.0.0.1',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
    })
    req.pipe(cgi.stdin)
    let head = Buffer.alloc(0)
    let headersDone = false
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk)
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      headersDone = true
      let status = 200
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const [name, ...rest] = line.split(':')
        const value = rest.join(':').trim()
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else res.setHeader(name, value)
      }
      res.writeHead(status)
      res.write(head.subarray(end + 4))
    })
    cgi.on('close', () => res.end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
