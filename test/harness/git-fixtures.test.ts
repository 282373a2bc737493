import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  commit,
  forkRepo,
  type GitServerDir,
  git,
  makeGitServer,
  makeRepo,
  openPullRequest,
  pushEvent,
  removeGitServer,
  revParse,
} from '../../runner/git-fixtures.ts'

const exec = promisify(execFile)
let server: GitServerDir
let scratch = ''

beforeAll(async () => {
  server = await makeGitServer()
  scratch = await mkdtemp(join(tmpdir(), 'git-fixture-test-'))
})
afterAll(async () => {
  await removeGitServer(server)
  await rm(scratch, { recursive: true, force: true })
})

/** A plain `git clone` of <serverUrl>/<repo>.git, as a user (or the emulator) would run it. */
async function cloneFromServer(fullName: string, dest: string, ...args: string[]): Promise<string> {
  const dir = join(scratch, dest)
  await exec('git', ['clone', '-q', ...args, `${server.serverUrl}/${fullName}.git`, dir])
  return dir
}

describe('git fixtures', () => {
  it('makes a bare repo at <root>/<owner>/<repo>.git that clones over file://', async () => {
    const { sha, bare } = await makeRepo(server, 'acme/app', {
      'README.md': '# app\n',
      'src/index.js': 'console.log(1)\n',
      'test.sh': '#!/bin/sh\necho ok\n',
    })
    expect(bare).toBe(join(server.root, 'acme', 'app.git'))
    expect(server.serverUrl).toBe(`file://${server.root}`)
    const dir = await cloneFromServer('acme/app', 'plain')
    expect(await readFile(join(dir, 'src/index.js'), 'utf8')).toBe('console.log(1)\n')
    expect((await stat(join(dir, 'test.sh'))).mode & 0o111).not.toBe(0)
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(sha)
    expect(await git(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
  })

  it('commits to a new branch from main and serves any commit by SHA at depth 1', async () => {
    const sha = await commit(
      server,
      'acme/app',
      { 'src/index.js': 'console.log(2)\n', 'README.md': null },
      {
        branch: 'feature',
      },
    )
    expect(await revParse(server, 'acme/app', 'refs/heads/feature')).toBe(sha)
    const dir = join(scratch, 'by-sha')
    await exec('git', ['init', '-q', dir])
    await exec('git', ['-C', dir, 'fetch', '-q', '--depth', '1', `${server.serverUrl}/acme/app.git`, sha])
    await exec('git', ['-C', dir, 'checkout', '-q', sha])
    expect(await readFile(join(dir, 'src/index.js'), 'utf8')).toBe('console.log(2)\n')
    await expect(stat(join(dir, 'README.md'))).rejects.toThrow(/ENOENT/)
  })

  it('opens a pull request from a fork with refs/pull/N/head and a test-merge commit', async () => {
    await forkRepo(server, 'acme/app', 'contributor/app')
    const headSha = await commit(server, 'contributor/app', { 'docs/guide.md': 'hi\n' }, { branch: 'docs' })
    const pr = await openPullRequest(server, {
      base: 'acme/app',
      head: 'contributor/app',
      headRef: 'docs',
      number: 12,
    })
    expect(pr.headSha).toBe(headSha)
    expect(await revParse(server, 'acme/app', 'refs/pull/12/head')).toBe(headSha)
    const merge = await git(
      server.root,
      '--git-dir',
      join(server.root, 'acme/app.git'),
      'rev-list',
      '--parents',
      '-n1',
      'refs/pull/12/merge',
    )
    expect(merge.split(' ')).toEqual([pr.mergeSha, pr.baseSha, headSha])
    const payload = pr.event.payload as {
      pull_request: {
        head: { sha: string; repo: { fork: boolean; clone_url: string } }
        merge_commit_sha: string
      }
    }
    expect(pr.event.name).toBe('pull_request')
    expect(payload.pull_request.head.sha).toBe(headSha)
    expect(payload.pull_request.head.repo.fork).toBe(true)
    expect(payload.pull_request.head.repo.clone_url).toBe(`${server.serverUrl}/contributor/app.git`)
    expect(payload.pull_request.merge_commit_sha).toBe(pr.mergeSha)
  })

  it('gives a conflicting pull request no merge commit', async () => {
    await commit(server, 'acme/app', { 'conflict.txt': 'main side\n' })
    await commit(server, 'acme/app', { 'conflict.txt': 'branch side\n' }, { branch: 'clash', from: 'HEAD~1' })
    const pr = await openPullRequest(server, {
      base: 'acme/app',
      head: 'acme/app',
      headRef: 'clash',
      number: 13,
    })
    expect(pr.mergeSha).toBeNull()
    await expect(revParse(server, 'acme/app', 'refs/pull/13/merge')).rejects.toThrow()
  })

  it('describes a push', () => {
    const { name, payload } = pushEvent({ repo: 'acme/app', sha: 'd'.repeat(40) })
    expect(name).toBe('push')
    expect(payload).toMatchObject({
      ref: 'refs/heads/main',
      after: 'd'.repeat(40),
      repository: { full_name: 'acme/app' },
    })
  })
})
