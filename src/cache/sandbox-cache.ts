// The dependency cache, loaded only when `cache-paths` is set: restored from GitHub's cache into the sandbox
// before the commands, saved from the sandbox after them. The sandbox packs `~/…` paths relative to its home
// (resolved by its shell: the next sandbox's home may be elsewhere) and absolute ones relative to /, one tar.gz
// each. On the runner those archives are what @actions/cache stores, in a RUNNER_TEMP directory named after
// the paths: the library's version is a hash of the directory's path, so it changes when cache-paths does
// (and stays put while RUNNER_TEMP does, as on GitHub's runners). Nothing here fails the run: a cache that
// cannot be restored or saved is a warning, as it is with actions/cache.
import { createHash } from 'node:crypto'
import { mkdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import type { Toolbox } from '../daytona/toolbox/index.ts'
import { runTarScript } from '../sandbox-tar.ts'
import { shellQuote } from '../shell/exec-text.ts'
import type { CacheConfig } from './inputs.ts'

/** The archives' names, in the sandbox's work dir and in the runner directory @actions/cache stores. */
const HOME_ARCHIVE = '.daytona-action-cache-home.tar.gz'
const ROOT_ARCHIVE = '.daytona-action-cache-root.tar.gz'
const ARCHIVES = [HOME_ARCHIVE, ROOT_ARCHIVE]
/** Packing or unpacking a big cache takes a while; past this the sandbox is likely stuck. */

export interface CacheRestore {
  /** the key that matched, exact or by a restore key */
  matchedKey?: string
  /** true only when the primary key matched exactly: then nothing is saved */
  hit: boolean
}

/** Restores into the sandbox and sets the `cache-hit` output. */
export async function restoreSandboxCache(toolbox: Toolbox, config: CacheConfig): Promise<CacheRestore> {
  const restored = await restore(toolbox, config)
  core.setOutput('cache-hit', String(restored.hit))
  return restored
}

async function restore(toolbox: Toolbox, config: CacheConfig): Promise<CacheRestore> {
  const dir = await freshDirectory(config)
  try {
    if (!cache.isFeatureAvailable()) {
      core.warning('The GitHub cache service is not available to this job, so the cache is not restored.', {
        title: 'No dependency cache',
      })
      return { hit: false }
    }
    const matchedKey = await cache.restoreCache([dir], config.cacheKey, [...config.cacheRestoreKeys])
    if (!matchedKey) {
      core.info(`No cache for key ${config.cacheKey}${restoreKeysNote(config)}.`)
      return { hit: false }
    }
    const archives = await present(dir)
    const size = (await Promise.all(archives.map((name) => stat(join(dir, name))))).reduce(
      (n, s) => n + s.size,
      0,
    )
    core.info(`Unpacking the cache ${matchedKey} (${size} bytes) into the sandbox…`)
    await toolbox.files.upload(archives.map((name) => ({ source: join(dir, name), destination: name })))
    await runTarScript(toolbox, unpackScript(archives), 'unpack the cache')
    return { matchedKey, hit: matchedKey === config.cacheKey }
  } catch (error) {
    core.warning(`Could not restore the cache: ${message(error)}`, { title: 'Cache not restored' })
    return { hit: false }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** After commands that all succeeded, when the key was not an exact hit. */
export async function saveSandboxCache(toolbox: Toolbox, config: CacheConfig): Promise<void> {
  const dir = await freshDirectory(config)
  try {
    const made = (await runTarScript(toolbox, packScript(config.cachePaths), 'pack the cache'))
      .split('\n')
      .filter((line) => ARCHIVES.includes(line))
    if (made.length === 0) {
      core.warning(
        `None of the cache paths exist in the sandbox: ${config.cachePaths.join(', ')}. Nothing saved.`,
        {
          title: 'Cache not saved',
        },
      )
      return
    }
    const workDir = await toolbox.workDir()
    let size = 0
    for (const name of made) {
      const remote = posix.join(workDir, name)
      await toolbox.files.downloadTo(remote, join(dir, name))
      await toolbox.files.delete(remote).catch(() => undefined)
      size += (await stat(join(dir, name))).size
    }
    core.info(`Saving the cache ${config.cacheKey} (${size} bytes)…`)
    const id = await cache.saveCache([dir], config.cacheKey)
    if (id === -1) core.warning(`The cache ${config.cacheKey} was not saved (see the messages above).`)
  } catch (error) {
    core.warning(`Could not save the cache: ${message(error)}`, { title: 'Cache not saved' })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Packs the paths that exist: `~/…` ones relative to the sandbox home (the next sandbox's home may be elsewhere),
 * absolute ones relative to /, into one archive each. Prints the archives made: nothing when no path exists.
 */
export function packScript(paths: readonly string[]): string {
  const home = paths
    .filter((path) => path === '~' || path.startsWith('~/'))
    .map((path) => path.slice(2) || '.')
  const root = paths.filter((path) => path.startsWith('/')).map((path) => path.slice(1))
  const pack = (archive: string, base: string, relative: string[]) =>
    relative.length === 0
      ? ''
      : [
          `cd ${base}`,
          'set --',
          `for p in ${relative.map(shellQuote).join(' ')}; do if [ -e "$p" ] || [ -L "$p" ]; then set -- "$@" "$p"; fi; done`,
          `if [ "$#" -gt 0 ]; then tar -czf "$w/${archive}" -- "$@"; echo ${archive}; fi`,
        ].join('\n')
  return ['set -e', 'w="$PWD"', pack(HOME_ARCHIVE, '"$HOME"', home), pack(ROOT_ARCHIVE, '/', root)]
    .filter(Boolean)
    .join('\n')
}

/** Unpacks what was uploaded to the work dir, each archive where it was packed from, and removes it. */
function unpackScript(archives: readonly string[]): string {
  return [
    'set -e',
    'w="$PWD"',
    ...archives.map(
      (archive) =>
        `tar -xzf "$w/${archive}" -C ${archive === HOME_ARCHIVE ? '"$HOME"' : '/'}; rm -f -- "$w/${archive}"`,
    ),
  ].join('\n')
}

/** A runner directory named after the paths: the library's cache version is a hash of it. */
async function freshDirectory(config: CacheConfig): Promise<string> {
  const digest = createHash('sha256').update(JSON.stringify(config.cachePaths)).digest('hex').slice(0, 16)
  const dir = join(process.env.RUNNER_TEMP || tmpdir(), `daytona-cache-${digest}`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  return dir
}

/** The archives a restored entry holds (an entry with neither is not ours: nothing to unpack). */
async function present(dir: string): Promise<string[]> {
  const found = await Promise.all(
    ARCHIVES.map((name) =>
      stat(join(dir, name)).then(
        () => name,
        () => undefined,
      ),
    ),
  )
  const archives = found.filter((name) => name !== undefined)
  if (archives.length === 0) throw new Error('the cache entry holds no sandbox archive')
  return archives
}

function restoreKeysNote(config: CacheConfig): string {
  return config.cacheRestoreKeys.length ? ` or restore keys ${config.cacheRestoreKeys.join(', ')}` : ''
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
