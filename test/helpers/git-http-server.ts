// A git host over HTTP: `git http-backend` (CGI) serves the bare repos under `root`. Given a token it is
// private: Basic auth with username `x-access-token` and that token (as GitHub accepts an installation
// token); without one it is public. Every request is recorded, so a test can prove the token was checked
// and not just ignored.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'

export interface GitHttpRequest {
  method: string
  /** path and query, e.g. /acme/app.git/info/refs?service=git-upload-pack */
  path: string
  user?: string
  authorized: boolean
  status: number
}

export interface GitHttpServer {
  /** http://127.0.0.1:PORT — use as GITHUB_SERVER_URL; repos are at <serverUrl>/<owner>/<repo>.git */
  serverUrl: string
  requests: GitHttpRequest[]
  close(): Promise<void>
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** Splits CGI output into its header block (status + headers) and the body bytes already read. */
function splitCgiHead(
  buf: Buffer,
): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
  const crlf = buf.indexOf('\r\n\r\n')
  const lf = buf.indexOf('\n\n')
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1
  if (end < 0) return undefined
  let status = 200
  const headers: Record<string, string> = {}
  for (const line of buf.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
    else headers[name] = value
  }
  return { status, headers, body: buf.subarray(end) }
}

/** Serves the bare repos under `root`; only to `x-access-token:<token>` when a token is given, else to all. */
export async function startGitHttpServer(root: string, token?: string): Promise<GitHttpServer> {
  const requests: GitHttpRequest[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const creds = basicCredentials(req.headers.authorization)
    const authorized = token === undefined || (creds?.user === 'x-access-token' && creds.password === token)
    const record: GitHttpRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      authorized,
      status: 0,
    }
    if (creds) record.user = creds.user
    requests.push(record)
    if (!authorized) {
      record.status = 401
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' })
      res.end('Authentication required\n')
      return
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      // GitHub lets clients fetch any commit by SHA (the action fetches a PR's head SHA)
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'uploadpack.allowAnySHA1InWant',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: creds?.user ?? '',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    }
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length']
    // git gzips big request bodies; protocol v2 is negotiated through this header
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding']
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol'])

    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    req.pipe(cgi.stdin)
    cgi.stdin.on('error', () => {}) // the backend may exit before reading a body it rejects
    let head = Buffer.alloc(0)
    let headersSent = false
    let stderr = ''
    cgi.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk)
        return
      }
      head = Buffer.concat([head, chunk])
      const parsed = splitCgiHead(head)
      if (!parsed) return
      headersSent = true
      record.status = parsed.status
      res.writeHead(parsed.status, parsed.headers)
      if (parsed.body.length > 0) res.write(parsed.body)
    })
    cgi.on('close', (code) => {
      if (!headersSent) {
        record.status = 500
        res.writeHead(500, { 'Content-Type': 'text/plain' })
        res.end(`git http-backend exited with ${code}: ${stderr}`)
        return
      }
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    serverUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
