// Files and git in a sandbox over real HTTP against the emulator: multipart upload (bytes and a 50 MB
// file streamed from disk), downloads compared by sha256, folders, listing, deletion, and git clones of a
// local repository at a branch and at a commit.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { git } from '../../runner/git-fixtures.ts'
import { BadRequestError, NotFoundError } from '../../src/daytona/errors.ts'
import { useToolboxFixture } from './fixture.ts'

const f = useToolboxFixture()
let tmp: string

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'client-files-'))
})

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

describe('files', () => {
  it('round-trips random binary bytes and a 50 MB file streamed from disk', async () => {
    const small = new Uint8Array(randomBytes(256 * 1024))
    const bigPath = join(tmp, 'big.bin')
    await writeFile(bigPath, randomBytes(50 * 1024 * 1024))

    const res = await f.tb.files.upload([
      { source: small, destination: 'up/nested/small.bin' },
      { source: bigPath, destination: 'up/big.bin' },
    ])
    expect(res.files.map((file) => file.bytes).sort((a, b) => a - b)).toEqual([
      small.length,
      50 * 1024 * 1024,
    ])

    expect(sha256(await f.tb.files.download('up/nested/small.bin'))).toBe(sha256(small))
    const back = join(tmp, 'big.back')
    await f.tb.files.downloadTo('up/big.bin', back)
    expect(await sha256File(back)).toBe(await sha256File(bigPath))
  })

  it('creates folders, lists, describes and deletes', async () => {
    await f.tb.files.createFolder('tree/a', '700')
    await f.tb.files.upload([{ source: new TextEncoder().encode('hi'), destination: 'tree/a/f.txt' }])
    const listing = await f.tb.files.list('tree')
    expect(listing.map((entry) => [entry.name, entry.isDir])).toEqual([['a', true]])
    const info = await f.tb.files.info('tree/a/f.txt')
    expect(info.size).toBe(2)
    expect(info.isDir).toBe(false)
    expect((await f.tb.files.info('tree/a')).mode).toMatch(/700|rwx------/)

    // a directory needs `recursive`
    await expect(f.tb.files.delete('tree')).rejects.toBeInstanceOf(BadRequestError)
    await f.tb.files.delete('tree', { recursive: true })
    await expect(f.tb.files.info('tree')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('overwrites an existing file on upload', async () => {
    await f.tb.files.upload([{ source: new TextEncoder().encode('one'), destination: 'over.txt' }])
    await f.tb.files.upload([{ source: new TextEncoder().encode('two!'), destination: 'over.txt' }])
    expect(new TextDecoder().decode(await f.tb.files.download('over.txt'))).toBe('two!')
  })
})

describe('git clone', () => {
  let repoUrl: string
  let commitA: string
  let commitC: string

  beforeAll(async () => {
    const repo = join(tmp, 'repo')
    await git(tmp, 'init', '-q', repo)
    await writeFile(join(repo, 'a.txt'), 'A\n')
    await git(repo, 'add', '.')
    await git(repo, 'commit', '-q', '-m', 'A')
    commitA = await git(repo, 'rev-parse', 'HEAD')
    await writeFile(join(repo, 'b.txt'), 'B\n')
    await git(repo, 'add', '.')
    await git(repo, 'commit', '-q', '-m', 'B')
    await git(repo, 'checkout', '-q', '-b', 'feature', commitA)
    await writeFile(join(repo, 'c.txt'), 'C\n')
    await git(repo, 'add', '.')
    await git(repo, 'commit', '-q', '-m', 'C')
    commitC = await git(repo, 'rev-parse', 'HEAD')
    await git(repo, 'checkout', '-q', 'main')
    repoUrl = `file://${repo}`
  })

  const head = async (path: string) =>
    (await f.tb.process.execute({ command: `git -C ${path} rev-parse HEAD` })).result.trim()
  const exists = async (path: string) =>
    f.tb.files.info(path).then(
      () => true,
      (err: unknown) => {
        if (err instanceof NotFoundError) return false
        throw err
      },
    )

  it('clones a branch', async () => {
    await f.tb.git.clone({ url: repoUrl, path: 'clone-branch', branch: 'feature' })
    expect(await head('clone-branch')).toBe(commitC)
    expect(await exists('clone-branch/c.txt')).toBe(true)
    expect(await exists('clone-branch/b.txt')).toBe(false)
  })

  it('clones at a commit of the branch', async () => {
    await f.tb.git.clone({ url: repoUrl, path: 'clone-commit', branch: 'main', commitId: commitA })
    expect(await head('clone-commit')).toBe(commitA)
    expect(await exists('clone-commit/a.txt')).toBe(true)
    expect(await exists('clone-commit/b.txt')).toBe(false)
  })

  it('keeps the password out of errors when a clone fails', async () => {
    const password = `pw-${randomBytes(8).toString('hex')}`
    const err = await f.tb.git
      .clone({ url: `${repoUrl}-missing`, path: 'clone-auth', username: 'bot', password })
      .then(
        () => new Error('expected a failure'),
        (e: unknown) => e as Error,
      )
    expect(err).toBeInstanceOf(NotFoundError)
    for (const text of [err.message, err.stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 })]) {
      expect(text).not.toContain(password)
    }
  })

  it('fails with NotFoundError on a branch that does not exist', async () => {
    const err = await f.tb.git
      .clone({ url: repoUrl, path: 'clone-missing', branch: 'nope' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NotFoundError)
  })
})
