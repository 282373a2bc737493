// The local cache service is faithful enough for the real @actions/cache: a 1 MiB archive (one PUT) and a
// 150 MiB one (blocks and a block list) are saved and restored byte for byte, restore keys match by prefix,
// a second save under the same key is refused, and other paths (another version) miss.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cache from '@actions/cache'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CacheServer, startCacheServer } from '../helpers/cache-server.ts'

let server: CacheServer
let root: string
const saved: Record<string, string | undefined> = {}

beforeAll(async () => {
  server = await startCacheServer()
  root = await mkdtemp(join(tmpdir(), 'cache-roundtrip-'))
  const env = {
    ...server.env,
    RUNNER_TEMP: join(root, 'temp'),
    GITHUB_WORKSPACE: join(root, 'workspace'),
    // the library picks the v2 service only off GHES
    GITHUB_SERVER_URL: 'https://github.com',
  }
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
  await mkdir(env.RUNNER_TEMP, { recursive: true })
  await mkdir(env.GITHUB_WORKSPACE, { recursive: true })
})
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await server.close()
  await rm(root, { recursive: true, force: true })
})

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

/** Random bytes do not compress, so the archive is as big as the file. */
async function randomFile(dir: string, mib: number): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'payload.bin')
  await writeFile(file, '')
  for (let i = 0; i < mib; i++) await writeFile(file, randomBytes(1024 * 1024), { flag: 'a' })
  return file
}

describe('the local cache service with the real @actions/cache', () => {
  it.each([
    ['1 MiB', 1, 'PUT /devstoreaccount1/actions-cache/'],
    ['150 MiB', 150, '?blocklist'],
  ])('round-trips a %s archive', { timeout: 240_000 }, async (_, mib, leg) => {
    const dir = join(root, `data-${mib}`)
    const file = await randomFile(dir, mib)
    const digest = await sha256(file)
    const key = `roundtrip-${mib}-${digest.slice(0, 8)}`
    expect(cache.isFeatureAvailable()).toBe(true)
    expect(await cache.saveCache([dir], key)).toBeGreaterThan(0)
    expect(server.log.some((line) => line.includes(leg))).toBe(true)

    await rm(dir, { recursive: true })
    expect(await cache.restoreCache([dir], key)).toBe(key)
    expect(await sha256(file)).toBe(digest)
    await rm(dir, { recursive: true })
  })

  it('matches restore keys by prefix, refuses a second save, and misses for other paths', async () => {
    const dir = join(root, 'prefix')
    const file = await randomFile(dir, 1)
    const digest = await sha256(file)
    expect(await cache.saveCache([dir], 'deps-linux-abc')).toBeGreaterThan(0)
    // the library turns the refusal into a warning and -1
    expect(await cache.saveCache([dir], 'deps-linux-abc')).toBe(-1)
    await rm(dir, { recursive: true })

    expect(await cache.restoreCache([dir], 'deps-linux-def', ['deps-linux-'])).toBe('deps-linux-abc')
    expect(await sha256(file)).toBe(digest)
    expect(await cache.restoreCache([join(root, 'elsewhere')], 'deps-linux-abc')).toBeUndefined()
    expect(server.keys()).toContain('deps-linux-abc')
  })
})
