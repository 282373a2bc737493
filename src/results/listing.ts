// Which sandbox files the patterns name. The clone is listed once through the toolbox files API and matched
// on the runner: the sandbox answers with names only, and every name is checked before it can become a
// path on the runner. The daemon's recursive listing does not descend into symlinked directories, so a link
// to /etc or ../.. shows as a directory with nothing under it, and nothing below it can match.
import { posix } from 'node:path'
import picomatch from 'picomatch'
import type { FileInfo } from '../daytona/types.ts'

/**
 * Deep enough for any real project tree. The whole clone is listed from its root, never from a pattern's
 * base: the daemon follows a symlinked root, so listing from `link/` would walk wherever the link points.
 */
export const MAX_LIST_DEPTH = 64
/** More entries than this is a listing we will not match against (a runaway tree, or a hostile answer). */
export const MAX_LISTED_ENTRIES = 200_000

export interface SandboxFile {
  /** the sandbox path, as listed */
  path: string
  /** relative to the clone, checked safe to use as a runner path */
  relative: string
  size: number
}

export interface Listing {
  files: SandboxFile[]
  /** entries left out because their names were unsafe or outside the clone */
  refused: string[]
}

export class ListingError extends Error {
  override name = 'ListingError'
}

/**
 * A name the sandbox gave, as a path relative to the clone that is safe to create on the runner: plain
 * segments only (no `.`, `..`, empty, control characters or backslashes), and inside the clone.
 */
export function safeRelative(clone: string, sandboxPath: string): string | undefined {
  if (typeof sandboxPath !== 'string' || /[\p{Cc}\\]/u.test(sandboxPath)) return undefined
  if (!sandboxPath.startsWith(`${clone}/`)) return undefined
  const relative = sandboxPath.slice(clone.length + 1)
  const segments = relative.split('/')
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined
  if (segments.some((segment) => Buffer.byteLength(segment) > 255)) return undefined
  return relative
}

/** The regular files of a listing, each with its checked relative path. */
export function filesOf(clone: string, entries: unknown): Listing {
  if (!Array.isArray(entries)) throw new ListingError('the sandbox answered the file listing with no list')
  if (entries.length > MAX_LISTED_ENTRIES) {
    throw new ListingError(
      `the clone holds more than ${MAX_LISTED_ENTRIES} entries; name the files to download more narrowly`,
    )
  }
  const files: SandboxFile[] = []
  const refused: string[] = []
  for (const entry of entries as Partial<FileInfo>[]) {
    if (typeof entry?.path !== 'string') {
      throw new ListingError(
        "the sandbox's daemon does not list files recursively (no `path` in its answer); it is too old for download and test-results",
      )
    }
    if (entry.isDir) continue
    const relative = safeRelative(clone, entry.path)
    if (relative === undefined) {
      refused.push(entry.path)
      continue
    }
    files.push({ path: posix.join(clone, relative), relative, size: Number(entry.size) || 0 })
  }
  return { files, refused }
}

/**
 * The listed files any pattern matches, in listing order. A pattern naming a directory takes everything
 * under it. Hidden files match only when a pattern spells the dot out.
 */
export function matchFiles(listing: readonly SandboxFile[], patterns: readonly string[]): SandboxFile[] {
  if (patterns.length === 0) return []
  const isMatch = picomatch(
    patterns.flatMap((pattern) => [pattern, `${pattern}/**`]),
    { dot: false },
  )
  return listing.filter((file) => isMatch(file.relative))
}
