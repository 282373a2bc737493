// The inputs of the dependency cache: which sandbox paths to keep between runs, and under which keys. Checked
// here, before any request; the cache library itself is loaded only when `cache-paths` is set (wantsCache).
import { fail, type InputReader } from '../input-parsers.ts'

export const CACHE_INPUTS = {
  cachePaths: 'cache-paths',
  cacheKey: 'cache-key',
  cacheRestoreKeys: 'cache-restore-keys',
} as const

export interface CacheConfig {
  /** absolute sandbox paths or `~/…` (the sandbox user's home, resolved in the sandbox shell) */
  cachePaths: readonly string[]
  cacheKey: string
  /** prefixes tried in order when the key has no exact entry */
  cacheRestoreKeys: readonly string[]
}

/** Whether the run restores and saves a cache; the cache code and @actions/cache are loaded only then. */
export function wantsCache(config: CacheConfig): boolean {
  return config.cachePaths.length > 0
}

/** GitHub's cache refuses longer keys, and keys holding a comma (the library's own checks). */
const MAX_KEY_LENGTH = 512
const MAX_PATHS = 50
const MAX_RESTORE_KEYS = 10

export function readCacheInputs(read: InputReader): CacheConfig {
  const cachePaths = lines(read(CACHE_INPUTS.cachePaths)).map(sandboxPath)
  if (cachePaths.length > MAX_PATHS) fail(CACHE_INPUTS.cachePaths, `takes at most ${MAX_PATHS} paths`)
  const cacheKey = read(CACHE_INPUTS.cacheKey).trim()
  const cacheRestoreKeys = lines(read(CACHE_INPUTS.cacheRestoreKeys))
  if (cacheRestoreKeys.length > MAX_RESTORE_KEYS) {
    fail(CACHE_INPUTS.cacheRestoreKeys, `takes at most ${MAX_RESTORE_KEYS} keys`)
  }
  if (cachePaths.length > 0 && !cacheKey) {
    fail(
      CACHE_INPUTS.cacheKey,
      'is required when cache-paths is set (e.g. npm- followed by a hash of the lockfile)',
    )
  }
  if (cachePaths.length === 0 && (cacheKey || cacheRestoreKeys.length > 0)) {
    fail(CACHE_INPUTS.cachePaths, 'must name the sandbox paths to cache when cache-key is set (e.g. ~/.npm)')
  }
  for (const [name, key] of [
    [CACHE_INPUTS.cacheKey, cacheKey],
    ...cacheRestoreKeys.map((k) => [CACHE_INPUTS.cacheRestoreKeys, k] as const),
  ] as const) {
    if (key.length > MAX_KEY_LENGTH) fail(name, `must be at most ${MAX_KEY_LENGTH} characters`, key)
    if (key.includes(',') || /\p{Cc}/u.test(key))
      fail(name, 'must not contain commas or control characters', key)
  }
  return { cachePaths: [...new Set(cachePaths)], cacheKey, cacheRestoreKeys }
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
}

/** `/abs/path`, `~` or `~/rel`, normalised, with no `..` (the archive is unpacked relative to /). */
function sandboxPath(line: string): string {
  const name = CACHE_INPUTS.cachePaths
  if (/\p{Cc}/u.test(line)) fail(name, 'must be sandbox paths, one per line', line)
  if (!(line.startsWith('/') || line === '~' || line.startsWith('~/'))) {
    fail(name, 'must be absolute sandbox paths or start with ~/ (the sandbox home), one per line', line)
  }
  const [head, ...rest] = line.split('/')
  if (rest.includes('..')) fail(name, "must not contain '..' segments", line)
  const segments = rest.filter((segment) => segment !== '' && segment !== '.')
  if (head === '' && segments.length === 0) fail(name, 'must not be the whole filesystem (/)', line)
  return [head, ...segments].join('/') || '~'
}
