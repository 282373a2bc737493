// POST /git/clone with the real git CLI: local and HTTP remotes, branches, commits, depth, credentials.
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import {
  type FixtureRepo,
  type GitHttpServer,
  makeFixtureRepo,
  startGitHttp,
} from './toolbox-git-fixtures.ts'
import { availableModes, type Client, type Harness, startToolbox } from './toolbox-harness.ts'

describe.each(availableModes())('toolbox git clone (%s)', (isolation) => {
  let h: Harness
  let sb: Client
  let repo: FixtureRepo
  let open: GitHttpServer
  let locked: GitHttpServer
  const sh = async (command: string) => {
    const r = await sb.exec(command)
    expect(r.exitCode, r.result).toBe(0)
    return r.result.trim()
  }
  const clone = (body: Record<string, unknown>) => sb.post('/git/clone', body)

  beforeAll(async () => {
    repo = makeFixtureRepo()
    open = await startGitHttp(dirname(repo.bare))
    locked = await startGitHttp(dirname(repo.bare), { user: 'ci-bot', pass: 's3cret-token' })
    h = await startToolbox({ isolation })
    sb = await h.sandbox()
  })
  afterAll(async () => {
    await h.close()
    await open.close()
    await locked.close()
    rmSync(repo.root, { recursive: true, force: true })
  })

  it('clones the default branch from a file:// URL, keeping the URL as the remote', async () => {
    const url = `file://${repo.dir}`
    const r = await clone({ url, path: 'plain' })
    expect(r.status).toBe(200)
    expect(r.body.length).toBe(0)
    expect(await sh('cat plain/file.txt')).toBe('v3')
    expect(await sh('git -C plain rev-parse HEAD')).toBe(repo.mainCommits[2])
    expect(await sh('git -C plain remote get-url origin')).toBe(url)
    expect(await sh('git -C plain branch -r')).not.toContain('feature') // single-branch
  })

  it('clones a branch, a commit and a shallow history', async () => {
    expect((await clone({ url: `file://${repo.dir}`, path: 'feat', branch: 'feature' })).status).toBe(200)
    expect(await sh('cat feat/feature.txt')).toBe('feature work')
    expect(await sh('git -C feat rev-parse --abbrev-ref HEAD')).toBe('feature')

    const old = repo.mainCommits[0]
    expect((await clone({ url: `file://${repo.dir}`, path: 'at-commit', commit_id: old })).status).toBe(200)
    expect(await sh('git -C at-commit rev-parse HEAD')).toBe(old)
    expect(await sh('cat at-commit/file.txt')).toBe('v1')

    expect((await clone({ url: `file://${repo.dir}`, path: 'shallow', depth: 1 })).status).toBe(200)
    expect(await sh('git -C shallow rev-list --count HEAD')).toBe('1')
  })

  it('clones over HTTP with credentials that never reach .git/config', async () => {
    const url = `${locked.origin}/repo.git`
    const denied = await clone({ url, path: 'no-creds' })
    expect(denied.status).toBe(401)
    expect(denied.json).toMatchObject({ code: 'GIT_AUTH_FAILED', source: 'DAYTONA_DAEMON' })
    expect(validateResponse('toolbox', 'POST', '/git/clone', 401, denied.json)).toEqual([])
    const wrong = await clone({ url, path: 'wrong', username: 'ci-bot', password: 'not-it' })
    expect(wrong.status).toBe(401)
    expect(wrong.text).not.toContain('not-it')

    const ok = await clone({ url, path: 'authed', username: 'ci-bot', password: 's3cret-token' })
    expect(ok.status, ok.text).toBe(200)
    expect(await sh('cat authed/file.txt')).toBe('v3')
    const config = await sh('cat authed/.git/config')
    expect(config).toContain(url)
    expect(config).not.toContain('s3cret-token')
    expect(config).not.toContain('ci-bot')
    expect(await sh('ls authed/.git/hooks | grep -v sample || true')).toBe('')
  })

  it('maps missing repositories, branches and commits to 404, existing paths to 409', async () => {
    const noRepo = await clone({ url: `${open.origin}/absent.git`, path: 'r1' })
    expect(noRepo.status).toBe(404)
    expect(noRepo.json.code).toBe('GIT_REPO_NOT_FOUND')
    const noLocal = await clone({ url: 'file:///no/such/repo', path: 'r2' })
    expect(noLocal.status).toBe(404)
    const noBranch = await clone({ url: `${open.origin}/repo.git`, path: 'r3', branch: 'nope' })
    expect(noBranch.status).toBe(404)
    expect(noBranch.json.code).toBe('GIT_BRANCH_NOT_FOUND')
    const noCommit = await clone({ url: `file://${repo.dir}`, path: 'r4', commit_id: 'f'.repeat(40) })
    expect(noCommit.status).toBe(404)
    expect((await sb.get('/files/info?path=r4')).status).toBe(404) // the failed clone left nothing behind
    const exists = await clone({ url: `file://${repo.dir}`, path: 'plain' })
    expect(exists.status).toBe(409)
    expect((await clone({ url: `file://${repo.dir}` })).status).toBe(400)
  })

  it('clones a repository that lives inside the sandbox', async () => {
    const home = (await sb.get('/user-home-dir')).json.dir
    await sh(
      'git init -q -b main inner && cd inner && echo inside > f && git add f && ' +
        'git -c user.name=a -c user.email=a@b commit -q -m one',
    )
    expect((await clone({ url: `file://${home}/inner`, path: 'inner-copy' })).status).toBe(200)
    expect(await sh('cat inner-copy/f')).toBe('inside')
  })
})
