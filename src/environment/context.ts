// The build context of a Dockerfile: only what its COPY/ADD instructions take (within the context, without
// .git, minus what .dockerignore excludes: context-files.ts), hashed and packed the way Daytona's SDK does
// (daytona-api.md §3.3), so the server's build dedupe recognises contexts uploaded by anyone using the SDK.
//  - one entry per source (globs expanded); its archivePath is the source relative to the context dir;
//  - key (ours, for snapshot names) on every run; the SDK's hash (for the server) only when uploading:
//    context-hash.ts;
//  - the upload is an uncompressed portable tar whose entry names start at archivePath.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import * as core from '@actions/core'
import { Add, Copy, DockerfileParser } from 'dockerfile-ast'
import { create as createTar } from 'tar'
import { glob } from 'tinyglobby'
import type { Daytona } from '../daytona/client.ts'
import { printable } from '../printable.ts'
import {
  ContextEscapeError,
  type ContextNode,
  type Excluded,
  hasGitDir,
  isInside,
  listSource,
  loadExclusions,
  realPathOf,
  toContextPath,
} from './context-files.ts'
import { contextKey, sdkContextHash } from './context-hash.ts'

export interface CopySource {
  /** as written in the Dockerfile */
  source: string
  /** 1-based, for messages */
  line: number
  keyword: 'COPY' | 'ADD'
}

export interface ContextEntry {
  /** the source relative to the context directory ('' for the directory itself) */
  archivePath: string
  /** where it really is, relative to the real context root ('' for the root) */
  source: string
  /** the unambiguous digest snapshot names are made from (context-hash.ts) */
  key: string
  /** exactly what is packed */
  nodes: readonly ContextNode[]
}

const GLOB = /[*?[]/
const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/

/** Local sources of COPY/ADD (no `--from` stage or image, no URLs, no heredocs), in Dockerfile order. */
export function copySources(dockerfileText: string): CopySource[] {
  const sources: CopySource[] = []
  for (const instruction of DockerfileParser.parse(dockerfileText).getInstructions()) {
    if (!(instruction instanceof Copy || instruction instanceof Add)) continue
    if (instruction.getFlags().some((flag) => flag.getName().toLowerCase() === 'from')) continue
    const keyword = instruction instanceof Copy ? 'COPY' : 'ADD'
    const line = instruction.getRange().start.line + 1
    for (const source of argumentsOf(instruction).slice(0, -1)) {
      if (source.startsWith('<<') || (keyword === 'ADD' && REMOTE.test(source))) continue
      sources.push({ source, line, keyword })
    }
  }
  return sources
}

/** `COPY a b /dst/`, `COPY ["a", "b", "/dst/"]`, and heredocs (`COPY <<EOF /dst` + body lines). */
function argumentsOf(instruction: Copy | Add): string[] {
  const content = instruction.getArgumentsContent() ?? ''
  const firstLine = content.split('\n')[0]!.trim()
  if (firstLine.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(firstLine)
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) return parsed
    } catch {
      // not valid JSON: Docker then reads it in shell form too
    }
  }
  const args = instruction.getArguments().map((arg) => arg.getValue())
  // a heredoc's body lines come back as arguments: only the instruction's own line counts
  return content.includes('\n') && /<</.test(firstLine) ? args.slice(0, firstLine.split(/\s+/).length) : args
}

export interface ContextOptions {
  /** how messages name the Dockerfile */
  dockerfileName?: string
  /** the Dockerfile's path, for a `<Dockerfile>.dockerignore` beside it */
  dockerfilePath?: string
  /** the context must be inside it (default: the context itself) */
  workspace?: string
}

/** The context entries a Dockerfile needs, hashed. Fails with the Dockerfile line when a source is unusable. */
export async function buildContext(
  contextDir: string,
  dockerfileText: string,
  opts: ContextOptions = {},
): Promise<ContextEntry[]> {
  const sources = copySources(dockerfileText)
  if (sources.length === 0) return []
  const where = (s: CopySource) =>
    `${opts.dockerfileName ?? 'Dockerfile'} line ${s.line} (${s.keyword} ${s.source})`
  const contextRoot = await realPathOf(contextDir)
  if (!contextRoot || !(await stat(contextRoot)).isDirectory()) {
    throw new Error(`${where(sources[0]!)}: the build context ${contextDir} is not a directory.`)
  }
  const workspaceRoot = opts.workspace ? await realPathOf(opts.workspace) : contextRoot
  if (!workspaceRoot || !isInside(workspaceRoot, contextRoot)) {
    throw new ContextEscapeError(
      `The build context ${contextDir} leads outside the workspace through a symbolic link: refusing to upload it.`,
    )
  }
  const excluded = await loadExclusions(contextRoot, opts.dockerfilePath, workspaceRoot)
  const entries: ContextEntry[] = []
  for (const source of sources) {
    for (const found of await expand(contextDir, contextRoot, source, where(source), excluded)) {
      if (entries.some((e) => e.archivePath === found.archivePath)) continue
      const nodes = await listSource(contextRoot, found.source, excluded)
      entries.push({ ...found, key: await contextKey(contextRoot, found.archivePath, nodes), nodes })
    }
  }
  return entries
}

/** A COPY source's entries: where each is really (inside the context), and the name the Dockerfile uses. */
async function expand(
  contextDir: string,
  contextRoot: string,
  source: CopySource,
  where: string,
  excluded: Excluded,
): Promise<{ archivePath: string; source: string }[]> {
  if (source.source.includes('$')) {
    throw new Error(`${where}: sources with variables cannot be resolved before the build; name the path.`)
  }
  // Docker reads an absolute source relative to the context root, and never leaves the context
  const path = posix.normalize(source.source.replace(/^\/+/, '')).replace(/\/+$/, '')
  if (path === '..' || path.startsWith('../')) {
    throw new Error(`${where}: the source is outside the build context (${contextDir}).`)
  }
  const named = GLOB.test(path)
    ? (
        await glob([path], {
          cwd: contextRoot,
          dot: true,
          onlyFiles: false,
          expandDirectories: false,
          // a link is then not matched at all (Docker would match it and follow it if it stays inside)
          followSymbolicLinks: false,
        })
      )
        .map((m) => m.replace(/\/+$/, ''))
        .filter((m) => !excluded(m))
        .sort()
    : [path === '.' ? '' : path]
  if (named.length === 0) throw new Error(`${where}: no file in the build context (${contextDir}) matches.`)
  const found: { archivePath: string; source: string }[] = []
  for (const archivePath of named) {
    if (hasGitDir(archivePath)) {
      throw new ContextEscapeError(`${where}: .git is never uploaded (after a checkout it holds the token).`)
    }
    const real = await realPathOf(join(contextRoot, archivePath))
    if (!real) throw new Error(`${where}: no such file in the build context (${contextDir}).`)
    if (!isInside(contextRoot, real)) {
      throw new ContextEscapeError(
        `${where}: the source leads outside the build context through a symbolic link: refusing to upload it.`,
      )
    }
    const resolved = toContextPath(contextRoot, real)
    if (hasGitDir(resolved)) {
      throw new ContextEscapeError(`${where}: .git is never uploaded (after a checkout it holds the token).`)
    }
    if (excluded(archivePath) || excluded(resolved)) {
      throw new Error(`${where}: the source is excluded by .dockerignore, so a build cannot use it.`)
    }
    found.push({ archivePath, source: resolved })
  }
  return found
}

/**
 * Writes the entry's tar (uncompressed, portable) to `file`: exactly the listed nodes, links as links, each
 * named by the archive path the Dockerfile uses followed by its path below it.
 */
export async function packContextEntry(contextDir: string, entry: ContextEntry, file: string): Promise<void> {
  const names = new Map<string, string>()
  for (const node of entry.nodes) {
    if (node.relative === '' && entry.archivePath === '') continue // COPY .: the root's children, not the root
    const name = posix.join(entry.archivePath, node.relative)
    names.set(node.source || '.', node.kind === 'directory' ? `${name}/` : name)
  }
  // an empty archive is two zero blocks; tar refuses an empty path list
  if (names.size === 0) return writeFile(file, Buffer.alloc(1024))
  const cwd = (await realPathOf(contextDir)) ?? contextDir
  await createTar(
    {
      cwd,
      file,
      portable: true,
      gzip: false,
      noDirRecurse: true,
      onWriteEntry: (written) => {
        const name = names.get(written.path.replace(/\/+$/, ''))
        if (name === undefined) throw new Error(`${written.path} is not part of the build context.`)
        written.path = name
      },
    },
    [...names.keys()],
  )
}

/** The SDK's hash of an entry (context-hash.ts): it names the entry's tar in object storage. */
export async function sdkHashOf(contextDir: string, entry: ContextEntry): Promise<string> {
  return sdkContextHash((await realPathOf(contextDir)) ?? contextDir, entry.archivePath, entry.nodes)
}

/**
 * Puts every entry in Daytona's object storage, skipping those already there (by the SDK's hash, like the
 * SDK), and answers those hashes: the build's `contextHashes`.
 */
export async function uploadContext(
  client: Daytona,
  contextDir: string,
  entries: readonly ContextEntry[],
): Promise<string[]> {
  const access = await client.objectStorage.pushAccess()
  const scratch = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'daytona-context-'))
  const hashes: string[] = []
  try {
    for (const entry of entries) {
      // a COPY source is the pull request's text (JSON form allows any character)
      const label = printable(entry.archivePath || '.')
      const hash = await sdkHashOf(contextDir, entry)
      const tarFile = join(scratch, `${hash}.tar`)
      const done = await client.objectStorage.uploadContext(access, hash, async () => {
        await packContextEntry(contextDir, entry, tarFile)
        return tarFile
      })
      if (done === 'present') core.info(`${label}: already in object storage (${hash})`)
      else core.info(`${label}: uploaded ${formatBytes((await stat(tarFile)).size)} (${hash})`)
      hashes.push(hash)
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  return hashes
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
