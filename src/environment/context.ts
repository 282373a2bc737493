// The build context of a Dockerfile: only what its COPY/ADD instructions take, hashed and packed the way
// Daytona's SDK does (daytona-api.md §3.3), so our snapshot names follow the files' content and the
// server's build dedupe recognises contexts uploaded by anyone else using the SDK.
//  - one entry per source (globs expanded); its archivePath is the source relative to the context dir;
//  - hash = MD5 over archivePath, then the file's bytes, or for a directory (recursively, in readdir order)
//    each file's path relative to the directory + its bytes, and each empty directory's relative path;
//  - the upload is an uncompressed portable tar whose entry names start at archivePath.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix, relative } from 'node:path'
import * as core from '@actions/core'
import { Add, Copy, DockerfileParser } from 'dockerfile-ast'
import { create as createTar } from 'tar'
import { glob } from 'tinyglobby'
import type { Daytona } from '../daytona/client.ts'

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
  /** the SDK's MD5 (see the top of this file): a `contextHashes` element */
  hash: string
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

/** The context entries a Dockerfile needs, hashed. Fails with the Dockerfile line when a source is unusable. */
export async function buildContext(
  contextDir: string,
  dockerfileText: string,
  dockerfileName = 'Dockerfile',
): Promise<ContextEntry[]> {
  const sources = copySources(dockerfileText)
  if (sources.length === 0) return []
  const where = (s: CopySource) => `${dockerfileName} line ${s.line} (${s.keyword} ${s.source})`
  if (!(await stat(contextDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(`${where(sources[0]!)}: the build context ${contextDir} is not a directory.`)
  }
  const archivePaths: string[] = []
  for (const source of sources) {
    for (const path of await expand(contextDir, source, where(source))) {
      if (!archivePaths.includes(path)) archivePaths.push(path)
    }
  }
  const entries: ContextEntry[] = []
  for (const archivePath of archivePaths) {
    entries.push({ archivePath, hash: await hashContextEntry(contextDir, archivePath) })
  }
  return entries
}

async function expand(contextDir: string, source: CopySource, where: string): Promise<string[]> {
  if (source.source.includes('$')) {
    throw new Error(`${where}: sources with variables cannot be resolved before the build; name the path.`)
  }
  // Docker reads an absolute source relative to the context root, and never leaves the context
  const path = posix.normalize(source.source.replace(/^\/+/, '')).replace(/\/+$/, '')
  if (path === '..' || path.startsWith('../')) {
    throw new Error(`${where}: the source is outside the build context (${contextDir}).`)
  }
  if (GLOB.test(path)) {
    const matches = await glob([path], {
      cwd: contextDir,
      dot: true,
      onlyFiles: false,
      expandDirectories: false,
      followSymbolicLinks: false,
    })
    if (matches.length === 0)
      throw new Error(`${where}: no file in the build context (${contextDir}) matches.`)
    return matches.map((m) => m.replace(/\/+$/, '')).sort()
  }
  const archivePath = path === '.' ? '' : path
  if (!(await lstat(join(contextDir, archivePath)).catch(() => undefined))) {
    throw new Error(`${where}: no such file in the build context (${contextDir}).`)
  }
  return [archivePath]
}

export async function hashContextEntry(contextDir: string, archivePath: string): Promise<string> {
  const md5 = createHash('md5')
  md5.update(archivePath)
  const absolute = join(contextDir, archivePath)
  // like the SDK: the entry itself is followed if it is a symlink; links inside directories are skipped
  if ((await stat(absolute)).isFile()) await hashFile(absolute, md5)
  else await hashDirectory(absolute, absolute, md5)
  return md5.digest('hex')
}

async function hashDirectory(dir: string, base: string, md5: Hash): Promise<void> {
  // fs.readdir returns names sorted (libuv's scandir), as the SDK's readdirSync does
  const entries = await readdir(dir, { withFileTypes: true })
  if (!entries.some((e) => e.isDirectory() || e.isFile())) md5.update(relative(base, dir))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await hashDirectory(path, base, md5)
    else if (entry.isFile()) {
      md5.update(relative(base, path))
      await hashFile(path, md5)
    }
  }
}

async function hashFile(path: string, md5: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) md5.update(chunk as Buffer)
}

/** Writes the entry's tar (uncompressed, portable, entry names starting at archivePath) to `file`. */
export async function packContextEntry(contextDir: string, archivePath: string, file: string): Promise<void> {
  const paths = archivePath === '' ? await readdir(contextDir) : [archivePath]
  // an empty archive is two zero blocks; tar refuses an empty path list
  if (paths.length === 0) return writeFile(file, Buffer.alloc(1024))
  await createTar({ cwd: contextDir, file, portable: true, gzip: false }, paths)
}

/** Puts every entry in Daytona's object storage, skipping those already there (by hash, like the SDK). */
export async function uploadContext(client: Daytona, contextDir: string, entries: readonly ContextEntry[]) {
  const access = await client.objectStorage.pushAccess()
  const scratch = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'daytona-context-'))
  try {
    for (const entry of entries) {
      const label = entry.archivePath || '.'
      const tarFile = join(scratch, `${entry.hash}.tar`)
      const done = await client.objectStorage.uploadContext(access, entry.hash, async () => {
        await packContextEntry(contextDir, entry.archivePath, tarFile)
        return tarFile
      })
      if (done === 'present') core.info(`${label}: already in object storage (${entry.hash})`)
      else core.info(`${label}: uploaded ${formatBytes((await stat(tarFile)).size)} (${entry.hash})`)
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
