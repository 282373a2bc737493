// POST /git/clone with the real git CLI: local and HTTP remotes, branches, commits, depth, credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bareRepoPath,
  commit,
  type GitServerDir,
  git,
  makeGitServer,
  makeRepo,
  removeGitServer,
} from '../../runner/git-fixtures.ts'
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.ts'
import { validateResponse } from '../helpers/openapi.ts'
import { availableModes, type Client, type Harness, startToolbox } from './toolbox-harness.ts'

const REPO = 'acme/tools'
const TOKEN = 's3cret-token'

describe.each(availableModes())('toolbox git clone (%s)', (isolation) => {
  let h: Harness
  let sb: Client
  let server: GitServerDir
  /** file:// URL of the bare repository */
  let local: string
  /** commits on main, oldest first (file.txt = v1, v2, v3); feature branched at v2 with feature.txt */
  const mainCommits: string[] = []
  let open: GitHttpServer
  let locked: GitHttpServer
  const sh = async (command: string) => {
    const r = await sb.exec(command)
    expect(r.exitCode, r.result).toBe(0)
    return r.result.trim()
  }
  const clone = (body: Record<string, unknown>) => sb.post('/git/clone', body)

  beforeAll(async () => {
    server = await makeGitServer()
    mainCommits.push((await makeRepo(server, REPO, { 'file.txt': 'v1\n' })).sha)
    mainCommits.push(await commit(server, REPO, { 'file.txt': 'v2\n' }))
    await commit(server, REPO, { 'feature.txt': 'feature work\n' }, { branch: 'feature' })
    mainCommits.push(await commit(server, REPO, { 'file.txt': 'v3\n' }))
    await git(bareRepoPath(server, REPO), 'tag', 'v2.0', mainCommits[1]!)
    local = `file://${bareRepoPath(server, REPO)}`
    open = await startGitHttpServer(server.root)
    locked = await startGitHttpServer(server.root, TOKEN)
    h = await startToolbox({ isolation })
    sb = await h.sandbox()
  })
  afterAll(async () => {
    await h.close()
    await open.close()
    await locked.close()
    await removeGitServer(server)
  })

  it('clones the default branch from a file:// URL, keeping the URL as the remote', async () => {
    const r = await clone({ url: local, path: 'plain' })
    expect(r.status).toBe(200)
    expect(r.body.length).toBe(0)
    expect(await sh('cat plain/file.txt')).toBe('v3')
    expect(await sh('git -C plain rev-parse HEAD')).toBe(mainCommits[2])
    expect(await sh('git -C plain remote get-url origin')).toBe(local)
    expect(await sh('git -C plain branch -r')).not.toContain('feature') // single-branch
  })

  it('clones a branch, a commit and a shallow history', async () => {
    expect((await clone({ url: local, path: 'feat', branch: 'feature' })).status).toBe(200)
    expect(await sh('cat feat/feature.txt')).toBe('feature work')
    expect(await sh('git -C feat rev-parse --abbrev-ref HEAD')).toBe('feature')

    const old = mainCommits[0]
    expect((await clone({ url: local, path: 'at-commit', commit_id: old })).status).toBe(200)
    expect(await sh('git -C at-commit rev-parse HEAD')).toBe(old)
    expect(await sh('cat at-commit/file.txt')).toBe('v1')

    expect((await clone({ url: local, path: 'shallow', depth: 1 })).status).toBe(200)
    expect(await sh('git -C shallow rev-list --count HEAD')).toBe('1')
  })

  it('clones over HTTP with credentials that never reach .git/config', async () => {
    const url = `${locked.serverUrl}/${REPO}.git`
    const user = 'x-access-token'
    const sent = () => locked.requests.splice(0) // what the git host saw since the last call
    const denied = await clone({ url, path: 'no-creds' })
    expect(denied.status).toBe(401)
    expect(denied.json).toMatchObject({ code: 'GIT_AUTH_FAILED', source: 'DAYTONA_DAEMON' })
    expect(validateResponse('toolbox', 'POST', '/git/clone', 401, denied.json)).toEqual([])
    const deniedSeen = sent()
    expect(deniedSeen.length).toBeGreaterThan(0)
    expect(deniedSeen.every((r) => r.user === undefined && r.status === 401)).toBe(true)
    const wrong = await clone({ url, path: 'wrong', username: user, password: 'not-it' })
    expect(wrong.status).toBe(401)
    expect(wrong.text).not.toContain('not-it')
    const wrongSeen = sent()
    expect(wrongSeen.some((r) => r.user === user)).toBe(true)
    expect(wrongSeen.every((r) => !r.authorized)).toBe(true)

    const ok = await clone({ url, path: 'authed', username: user, password: TOKEN })
    expect(ok.status, ok.text).toBe(200)
    expect(sent().filter((r) => r.authorized && r.status === 200).length).toBeGreaterThan(0)
    expect(await sh('cat authed/file.txt')).toBe('v3')
    const config = await sh('cat authed/.git/config')
    expect(config).toContain(url)
    expect(config).not.toContain(TOKEN)
    expect(config).not.toContain(user)
    expect(await sh('ls authed/.git/hooks | grep -v sample || true')).toBe('')
  })

  it('maps missing repositories, branches and commits to 404, existing paths to 409', async () => {
    const noRepo = await clone({ url: `${open.serverUrl}/acme/absent.git`, path: 'r1' })
    expect(noRepo.status).toBe(404)
    expect(noRepo.json.code).toBe('GIT_REPO_NOT_FOUND')
    const noLocal = await clone({ url: 'file:///no/such/repo', path: 'r2' })
    expect(noLocal.status).toBe(404)
    const noBranch = await clone({ url: `${open.serverUrl}/${REPO}.git`, path: 'r3', branch: 'nope' })
    expect(noBranch.status).toBe(404)
    expect(noBranch.json.code).toBe('GIT_BRANCH_NOT_FOUND')
    const noCommit = await clone({ url: local, path: 'r4', commit_id: 'f'.repeat(40) })
    expect(noCommit.status).toBe(404)
    expect((await sb.get('/files/info?path=r4')).status).toBe(404) // the failed clone left nothing behind
    const exists = await clone({ url: local, path: 'plain' })
    expect(exists.status).toBe(409)
    expect((await clone({ url: local })).status).toBe(400)
  })

  it('clones branches only, as the daemon does: a tag as `branch` is a missing branch', async () => {
    const asBranch = await clone({ url: local, path: 'tagged', branch: 'v2.0' })
    expect(asBranch.status).toBe(404)
    expect(asBranch.json.code).toBe('GIT_BRANCH_NOT_FOUND')
    expect((await sb.get('/files/info?path=tagged')).status).toBe(404)
    // the way to a tag: the default branch's history, at the tag's commit
    const atTag = await clone({ url: local, path: 'tagged', commit_id: mainCommits[1] })
    expect(atTag.status).toBe(200)
    expect(await sh('git -C tagged rev-parse HEAD')).toBe(mainCommits[1])
    expect(await sh('git -C tagged tag --list')).toBe('v2.0')
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
