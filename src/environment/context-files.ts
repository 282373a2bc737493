// Which files of the workspace a build context may take. Everything here is the pull request's: a symlink
// may point anywhere on the runner, a .dockerignore may say anything. So:
//  - every source, the context directory, the Dockerfile and the .dockerignore are resolved with realpath
//    and must stay inside the context (the workspace, for the first three); a refusal names the Dockerfile's
//    own words, never where a link leads;
//  - below a source nothing is followed: a link is listed (and packed) as a link;
//  - `.git` never goes, at any depth: after actions/checkout its config holds the workflow's token;
//  - .dockerignore (or <Dockerfile>.dockerignore beside the Dockerfile, as BuildKit reads it) is honoured
//    with Docker's own matching rules, `!` exceptions included.
import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import dockerignoreModule from '@balena/dockerignore'

// CommonJS whose module.exports is the factory, though its types declare an ES default export
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default

/** One thing to upload, in the order the SDK's hash reads them (readdir order, a directory before its children). */
export interface ContextNode {
  /** what tar reads, relative to the (real) context root */
  source: string
  /** relative to the COPY source ('' for the source itself), with '/' */
  relative: string
  kind: 'file' | 'directory' | 'symlink'
  mode: number
  size: number
  linkTarget?: string
  /** a directory holding no file or directory (the SDK hashes those by path) */
  empty?: boolean
}

/** A path the pull request controls escapes where it must stay. Its message never says where it leads. */
export class ContextEscapeError extends Error {
  override name = 'ContextEscapeError'
}

export type Excluded = (contextPath: string) => boolean

/** The real path of `path`, or undefined when it does not exist. */
export async function realPathOf(path: string): Promise<string | undefined> {
  return realpath(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP') return undefined
    throw err
  })
}

/** Whether `path` (real) is `root` (real) or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep))
}

/** `path` relative to `root` with '/', '' for the root itself. */
export function toContextPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}

export function hasGitDir(contextPath: string): boolean {
  return contextPath.split('/').includes('.git')
}

/**
 * What the context leaves out: `.git` anywhere, and whatever the ignore file excludes. The ignore file is
 * `<dockerfile>.dockerignore` beside the Dockerfile when there is one (it must stay in the workspace, like the
 * Dockerfile), else the context's `.dockerignore` (which must stay in the context).
 */
export async function loadExclusions(
  contextRoot: string,
  dockerfilePath?: string,
  workspaceRoot = contextRoot,
): Promise<Excluded> {
  const candidates: { path: string; root: string; where: string }[] = [
    { path: join(contextRoot, '.dockerignore'), root: contextRoot, where: 'build context' },
  ]
  if (dockerfilePath) {
    const beside = join(dockerfilePath, '..', `${basename(dockerfilePath)}.dockerignore`)
    candidates.unshift({ path: beside, root: workspaceRoot, where: 'workspace' })
  }
  for (const { path: candidate, root, where } of candidates) {
    const real = await realPathOf(candidate)
    if (!real) continue
    if (!isInside(root, real)) {
      throw new ContextEscapeError(
        `${basename(candidate)} is a symbolic link that leads outside the ${where}: refusing to read it.`,
      )
    }
    const rules = dockerignore({ ignorecase: false }).add(await readFile(real, 'utf8'))
    return (path) => hasGitDir(path) || (path !== '' && rules.ignores(path))
  }
  return hasGitDir
}

/**
 * Lists the source at `source` (relative to the real context root, itself real) and everything below it,
 * without following any link, leaving out what `excluded` says.
 */
export async function listSource(
  contextRoot: string,
  source: string,
  excluded: Excluded,
): Promise<ContextNode[]> {
  const nodes: ContextNode[] = []
  const top = await describe(contextRoot, source, '')
  if (!top) return nodes
  if (top.kind === 'directory') await listDirectory(contextRoot, top, excluded, nodes)
  else nodes.push(top)
  return nodes
}

async function listDirectory(
  contextRoot: string,
  dir: ContextNode,
  excluded: Excluded,
  nodes: ContextNode[],
): Promise<void> {
  // readdir returns names in byte order (libuv's scandir), as the SDK's readdirSync does
  const children: ContextNode[] = []
  for (const name of await readdir(join(contextRoot, dir.source))) {
    const source = dir.source ? `${dir.source}/${name}` : name
    if (excluded(source)) continue
    const child = await describe(contextRoot, source, dir.relative ? `${dir.relative}/${name}` : name)
    if (child) children.push(child)
  }
  nodes.push({ ...dir, empty: !children.some((c) => c.kind !== 'symlink') })
  for (const child of children) {
    if (child.kind === 'directory') await listDirectory(contextRoot, child, excluded, nodes)
    else nodes.push(child)
  }
}

/** The node at `source`, or undefined for what a build context cannot hold (sockets, devices). */
async function describe(contextRoot: string, source: string, rel: string): Promise<ContextNode | undefined> {
  const absolute = join(contextRoot, source)
  const stats = await lstat(absolute)
  const base = { source, relative: rel, mode: stats.mode & 0o7777, size: stats.size }
  if (stats.isSymbolicLink()) return { ...base, kind: 'symlink', linkTarget: await readlink(absolute) }
  if (stats.isDirectory()) return { ...base, kind: 'directory', size: 0 }
  if (stats.isFile()) return { ...base, kind: 'file' }
  return undefined
}
