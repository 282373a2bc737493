// The cache-paths / cache-key / cache-restore-keys inputs, and the script that packs the paths in the sandbox.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { readCacheInputs, wantsCache } from '../../src/cache/inputs.ts'
import { packScript } from '../../src/cache/sandbox-cache.ts'
import { InputError } from '../../src/input-parsers.ts'

function read(inputs: Record<string, string>) {
  return readCacheInputs((name) => inputs[name] ?? '')
}

describe('cache inputs', () => {
  it('takes sandbox paths and restore keys one per line, normalised, skipping blanks, comments and repeats', () => {
    const config = read({
      'cache-paths': '~/.npm/\n\n# no\n/opt/cache/./x\n~\n~/.npm\n',
      'cache-key': ' npm-abc ',
      'cache-restore-keys': 'npm-\n\nnode-',
    })
    expect(config).toEqual({
      cachePaths: ['~/.npm', '/opt/cache/x', '~'],
      cacheKey: 'npm-abc',
      cacheRestoreKeys: ['npm-', 'node-'],
    })
    expect(wantsCache(config)).toBe(true)
    expect(wantsCache(read({}))).toBe(false)
  })

  it.each([
    [{ 'cache-paths': '.npm', 'cache-key': 'k' }, 'cache-paths', 'absolute sandbox paths or start with ~/'],
    [{ 'cache-paths': '~/a/../../etc', 'cache-key': 'k' }, 'cache-paths', "'..' segments"],
    [{ 'cache-paths': '/', 'cache-key': 'k' }, 'cache-paths', 'whole filesystem'],
    [{ 'cache-paths': '~/.npm' }, 'cache-key', 'is required when cache-paths is set'],
    [{ 'cache-key': 'k' }, 'cache-paths', 'must name the sandbox paths'],
    [{ 'cache-paths': '~/.npm', 'cache-key': 'a,b' }, 'cache-key', 'commas'],
    [
      { 'cache-paths': '~/.npm', 'cache-key': 'k', 'cache-restore-keys': 'x'.repeat(513) },
      'cache-restore-keys',
      'at most 512',
    ],
  ])('refuses %j, naming the input', (inputs, name, why) => {
    let error: unknown
    try {
      read(inputs)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(`Input '${name}'`)
    expect((error as Error).message).toContain(why)
  })
})

describe('the pack script', () => {
  it('packs home paths relative to $HOME, skips missing ones, and quotes hostile names', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cache-pack-'))
    try {
      const home = join(root, 'home')
      const work = join(root, 'work')
      await mkdir(join(home, "it's $(here)"), { recursive: true })
      await mkdir(work)
      await writeFile(join(home, "it's $(here)", 'f.txt'), 'cached\n')
      const run = (script: string) =>
        promisify(execFile)('sh', ['-c', script], { cwd: work, env: { ...process.env, HOME: home } })
      const { stdout } = await run(packScript(["~/it's $(here)", '~/missing']))
      expect(stdout.trim()).toBe('.daytona-action-cache-home.tar.gz')
      const { stdout: listed } = await promisify(execFile)('tar', [
        '-tzf',
        join(work, '.daytona-action-cache-home.tar.gz'),
      ])
      expect(listed).toContain("it's $(here)/f.txt")
      expect((await run(packScript(['~/missing', '/no/such/path']))).stdout.trim()).toBe('')
      expect(await readFile(join(home, "it's $(here)", 'f.txt'), 'utf8')).toBe('cached\n')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
