import { execFile } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  commit,
  type GitServerDir,
  makeGitServer,
  makeRepo,
  removeGitServer,
} from '../../runner/git-fixtures.ts'
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.ts'

const exec = promisify(execFile)
const TOKEN = 'ghs_privateRepoToken123'
let server: GitServerDir
let http: GitHttpServer
let scratch = ''
let headSha = ''

beforeAll(async () => {
  server = await makeGitServer()
  await makeRepo(server, 'acme/private', { 'secret.txt': 'only with a token\n' })
  headSha = await commit(server, 'acme/private', { 'pr.txt': 'head\n' }, { branch: 'pr' })
  http = await startGitHttpServer(server.root, TOKEN)
  scratch = await mkdtemp(join(tmpdir(), 'git-http-test-'))
})
afterAll(async () => {
  await http.close()
  await removeGitServer(server)
  await rm(scratch, { recursive: true, force: true })
})

// No prompts, no host credential helpers: only what the test passes.
const gitEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: scratch,
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  ...extra,
})

function withCredentials(user: string, password: string): string {
  const url = new URL(`${http.serverUrl}/acme/private.git`)
  url.username = user
  url.password = password
  return url.href
}

describe('private git server over http', () => {
  it('refuses a clone without credentials with 401 and a Basic challenge', async () => {
    const before = http.requests.length
    await expect(
      exec('git', ['clone', '-q', `${http.serverUrl}/acme/private.git`, join(scratch, 'anon')], {
        env: gitEnv(),
      }),
    ).rejects.toThrow(/Authentication failed|could not read Username/)
    const seen = http.requests.slice(before)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((r) => !r.authorized && r.status === 401)).toBe(true)
    const res = await fetch(`${http.serverUrl}/acme/private.git/info/refs?service=git-upload-pack`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="git"')
  })

  it('refuses a wrong token and a wrong username', async () => {
    for (const [user, password] of [
      ['x-access-token', 'ghs_wrong'],
      ['someone', TOKEN],
    ] as const) {
      const dest = join(scratch, `wrong-${user}`)
      await expect(
        exec('git', ['clone', '-q', withCredentials(user, password), dest], { env: gitEnv() }),
      ).rejects.toThrow(/Authentication failed/)
    }
  })

  it('clones with the token in the URL and records the authorized requests', async () => {
    const before = http.requests.length
    const dest = join(scratch, 'with-url')
    await exec('git', ['clone', '-q', withCredentials('x-access-token', TOKEN), dest], { env: gitEnv() })
    expect(await readFile(join(dest, 'secret.txt'), 'utf8')).toBe('only with a token\n')
    const authorized = http.requests.slice(before).filter((r) => r.authorized)
    expect(authorized.map((r) => r.path)).toContain('/acme/private.git/info/refs?service=git-upload-pack')
    expect(authorized.every((r) => r.user === 'x-access-token' && r.status === 200)).toBe(true)
  })

  it('clones with the token from GIT_ASKPASS and fetches a commit by SHA at depth 1', async () => {
    const askpass = join(scratch, 'askpass.sh')
    await writeFile(
      askpass,
      `#!/bin/sh\ncase "$1" in Username*) echo x-access-token ;; *) echo "$GIT_TOKEN" ;; esac\n`,
    )
    await chmod(askpass, 0o755)
    const env = gitEnv({ GIT_ASKPASS: askpass, GIT_TOKEN: TOKEN })
    const dest = join(scratch, 'askpass')
    await exec('git', ['init', '-q', dest], { env })
    await exec(
      'git',
      ['-C', dest, 'fetch', '-q', '--depth', '1', `${http.serverUrl}/acme/private.git`, headSha],
      { env },
    )
    await exec('git', ['-C', dest, 'checkout', '-q', headSha], { env })
    expect(await readFile(join(dest, 'pr.txt'), 'utf8')).toBe('head\n')
  })

  it('answers 404 for a repository that does not exist', async () => {
    const auth = `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
    const res = await fetch(`${http.serverUrl}/acme/missing.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: auth },
    })
    expect(res.status).toBe(404)
  })
})
