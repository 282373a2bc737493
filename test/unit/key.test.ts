// Snapshot names: different environments never share one, and an untrusted build never takes a trusted name.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildContext, sdkHashOf } from '../../src/environment/context.ts'
import { type EnvironmentKey, snapshotName, trustOf } from '../../src/environment/key.ts'

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'key-unit-'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

async function context(
  name: string,
  files: Record<string, string>,
  links: Record<string, string> = {},
  emptyDirs: string[] = [],
) {
  const dir = join(root, name)
  await mkdir(join(dir, 'app'), { recursive: true })
  for (const path of emptyDirs) await mkdir(join(dir, 'app', path))
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, 'app', path, '..'), { recursive: true })
    await writeFile(join(dir, 'app', path), text)
  }
  for (const [path, target] of Object.entries(links)) await symlink(target, join(dir, 'app', path))
  const [entry] = await buildContext(dir, 'FROM x\nCOPY app /app\n')
  return { key: entry!.key, hash: await sdkHashOf(dir, entry!) }
}

describe('the context key', () => {
  it('tells apart the directories the SDK hash confuses: a skipped link, paths run into bytes', async () => {
    const plain = await context('plain', { ab: 'c' })
    const shifted = await context('shifted', { a: 'bc' }) // "ab" + "c" = "a" + "bc"
    const linked = await context('linked', { a: 'bc' }, { 'a-link': 'a' }) // the SDK skips links
    const emptyDir = await context('empty-dir', {}, {}, ['abc']) // an empty directory hashes as its path
    // the SDK's hashes stay what the server expects, collisions and all
    expect(new Set([plain.hash, shifted.hash, linked.hash, emptyDir.hash]).size).toBe(1)
    expect(new Set([plain.key, shifted.key, linked.key, emptyDir.key]).size).toBe(4)
  })

  it('follows link targets', async () => {
    const one = await context('target-one', { a: 'x', b: 'x' }, { l: 'a' })
    const two = await context('target-two', { a: 'x', b: 'x' }, { l: 'b' })
    expect(one.key).not.toBe(two.key)
  })
})

describe('snapshotName', () => {
  const key: EnvironmentKey = {
    dockerfile: 'FROM node:22\n',
    contextKeys: ['k1'],
    resources: { cpu: 2 },
    trust: 'trusted',
  }

  it('is <prefix>-<trust>-<hash>, prefix first', () => {
    expect(snapshotName('widgets', key)).toMatch(/^widgets-trusted-[0-9a-f]{16}$/)
    expect(snapshotName('widgets', { ...key, trust: 'untrusted' })).toMatch(
      /^widgets-untrusted-[0-9a-f]{16}$/,
    )
  })

  it('never gives an untrusted build the name a trusted run looks for', () => {
    const trusted = snapshotName('widgets', key)
    const untrusted = snapshotName('widgets', { ...key, trust: 'untrusted' })
    expect(untrusted).not.toBe(trusted)
    expect(untrusted.split('-').pop()).not.toBe(trusted.split('-').pop())
  })

  it('changes with the context keys, whatever their order', () => {
    expect(snapshotName('w', { ...key, contextKeys: ['k2'] })).not.toBe(snapshotName('w', key))
    expect(snapshotName('w', { ...key, contextKeys: ['a', 'b'] })).toBe(
      snapshotName('w', { ...key, contextKeys: ['b', 'a'] }),
    )
  })

  it('counts a fork event or another repository as untrusted', () => {
    expect(trustOf({ isFork: false })).toBe('trusted')
    expect(trustOf({ isFork: true })).toBe('untrusted')
    expect(trustOf({ isFork: false, eventFork: 'evil/app' })).toBe('untrusted')
  })
})
