// /files routes that read or remove: list, info, download, bulk-download, folder, delete.
// Every path goes through SandboxLayout.resolve: relative to the work dir, never outside the sandbox.
import { once } from 'node:events'
import { type BigIntStats, createReadStream } from 'node:fs'
import { lstat, mkdir, readdir, rm, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { posix } from 'node:path'
import type { FileInfo } from '../../src/daytona/types.ts'
import { HttpError, readJson, sendEmpty, sendJson } from '../http.ts'
import type { SandboxLayout } from './layout.ts'
import type { RouteContext } from './session-routes.ts'

const BULK_BOUNDARY = 'DAYTONA-FILE-BOUNDARY'

function notFound(path: string, emptyBody = false): HttpError {
  return new HttpError(404, `file not found: ${path}`, { code: 'FILE_NOT_FOUND', emptyBody })
}

async function statOrNull(host: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(host, { bigint: true })
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'ENOENT' ||
      (err as NodeJS.ErrnoException).code === 'ENOTDIR'
    ) {
      return undefined
    }
    throw new HttpError(403, (err as Error).message, { code: 'FILE_ACCESS_DENIED' })
  }
}

/** Go's os.FileMode.String(): type letters (or '-') then rwxrwxrwx. */
function goModeString(st: BigIntStats): string {
  const mode = Number(st.mode)
  let type = ''
  if (st.isDirectory()) type += 'd'
  if (st.isSymbolicLink()) type += 'L'
  if (st.isBlockDevice()) type += 'D'
  if (st.isCharacterDevice()) type += 'Dc'
  if (st.isFIFO()) type += 'p'
  if (st.isSocket()) type += 'S'
  if (mode & 0o4000) type += 'u'
  if (mode & 0o2000) type += 'g'
  if (mode & 0o1000) type += 't'
  const rwx = 'rwxrwxrwx'
  let perms = ''
  for (let i = 0; i < 9; i++) perms += mode & (1 << (8 - i)) ? rwx[i] : '-'
  return (type || '-') + perms
}

function fraction(ns: bigint): string {
  const digits = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '')
  return digits ? `.${digits}` : ''
}

/** Go's time.Time.String() in UTC, e.g. "2026-01-02 15:04:05.123 +0000 UTC" (FileInfo.modTime). */
function goTimeString(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction(ns)} +0000 UTC`
}

/** RFC 3339 with nanoseconds, as Go marshals a time.Time (FileInfo.modifiedAt). */
function rfc3339(ns: bigint): string {
  return `${new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19)}${fraction(ns)}Z`
}

function toFileInfo(view: string, st: BigIntStats): FileInfo {
  return {
    name: posix.basename(view) || '/',
    path: view,
    isDir: st.isDirectory(),
    size: Number(st.size),
    mode: goModeString(st),
    permissions: (Number(st.mode) & 0o7777).toString(8).padStart(4, '0').slice(-4),
    owner: String(st.uid),
    group: String(st.gid),
    modTime: goTimeString(st.mtimeNs),
    modifiedAt: rfc3339(st.mtimeNs),
  }
}

function requiredPath(url: URL): string {
  const path = url.searchParams.get('path')
  if (!path) throw new HttpError(400, 'path is required', { code: 'BAD_REQUEST' })
  return path
}

/**
 * Entries under `view`, `depth` levels deep. As the daemon [C205+] does it (fs/list_files.go): each entry is
 * stat'ed (a link shows as what it points to), but the walk does not descend into a symlinked directory
 * (filepath.WalkDir). `shown` is the path as the caller wrote it, which the entries' `path` is joined to.
 */
async function listInto(
  layout: SandboxLayout,
  dir: { view: string; shown: string },
  depth: number,
  out: FileInfo[],
) {
  const { host } = layout.resolve(dir.view)
  for (const name of (await readdir(host)).sort()) {
    const childView = posix.join(dir.view, name)
    let resolved: { host: string; view: string }
    try {
      resolved = layout.resolve(childView)
    } catch {
      continue // a link out of the sandbox: not listed
    }
    const st = await statOrNull(resolved.host)
    if (!st) continue // dangling link
    const shown = posix.join(dir.shown, name)
    out.push({ ...toFileInfo(childView, st), path: shown })
    if (depth > 1 && st.isDirectory() && !(await lstat(posix.join(host, name))).isSymbolicLink()) {
      await listInto(layout, { view: childView, shown }, depth - 1, out)
    }
  }
}

export async function listFiles({ rt, res, url }: RouteContext) {
  const layout = rt.layout
  const requested = url.searchParams.get('path') || '.'
  const view = layout.absolute(requested)
  const depthParam = url.searchParams.get('depth')
  const depth = depthParam === null || depthParam === '' ? 1 : Number(depthParam)
  if (!Number.isInteger(depth) || depth < 1) throw new HttpError(400, 'depth must be an integer >= 1')
  const st = await statOrNull(layout.resolve(view).host)
  if (!st) throw notFound(view)
  if (!st.isDirectory()) throw new HttpError(400, `not a directory: ${view}`)
  const out: FileInfo[] = []
  await listInto(layout, { view, shown: posix.normalize(requested) }, depth, out)
  sendJson(res, 200, out)
}

export async function fileInfo({ rt, res, url }: RouteContext) {
  const view = rt.layout.absolute(requiredPath(url))
  const st = await statOrNull(rt.layout.resolve(view).host)
  if (!st) throw notFound(view)
  sendJson(res, 200, toFileInfo(view, st))
}

export async function downloadFile({ rt, res, url }: RouteContext) {
  const { host, view } = rt.layout.resolve(requiredPath(url))
  const st = await statOrNull(host)
  if (!st) throw notFound(view, true)
  if (st.isDirectory()) throw new HttpError(400, 'path is a directory', { emptyBody: true })
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename=${JSON.stringify(posix.basename(view))}`,
    'content-length': String(st.size),
  })
  await pipeFile(host, res)
  res.end()
}

async function pipeFile(host: string, res: ServerResponse) {
  for await (const chunk of createReadStream(host)) {
    if (!res.write(chunk)) await once(res, 'drain')
  }
}

function quoted(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`
}

/** POST /files/bulk-download: one multipart part per path, a JSON `error` part for each failure. */
export async function bulkDownload({ rt, req, res }: RouteContext) {
  const body = await readJson(req)
  const paths = body.paths
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
    throw new HttpError(400, 'request body must be {"paths": [ ... ]} and non-empty', { code: 'BAD_REQUEST' })
  }
  res.writeHead(200, { 'content-type': `multipart/form-data; boundary=${BULK_BOUNDARY}` })
  for (const path of paths as string[]) {
    let failure: HttpError | undefined
    let target: { host: string; size: bigint } | undefined
    try {
      const { host } = rt.layout.resolve(path)
      const st = await statOrNull(host)
      if (!st) failure = notFound(path)
      else if (st.isDirectory())
        failure = new HttpError(400, `path is a directory: ${path}`, { code: 'INVALID_FILE_PATH' })
      else target = { host, size: st.size }
    } catch (err) {
      failure = err instanceof HttpError ? err : new HttpError(500, (err as Error).message)
    }
    if (target) {
      res.write(
        `--${BULK_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(path)}\r\n` +
          `Content-Type: application/octet-stream\r\nContent-Length: ${target.size}\r\n\r\n`,
      )
      await pipeFile(target.host, res)
      res.write('\r\n')
    } else if (failure) {
      const json = JSON.stringify({
        statusCode: failure.status,
        message: failure.message,
        code: failure.code ?? 'INTERNAL_SERVER_ERROR',
        timestamp: new Date().toISOString(),
        path: '/files/bulk-download',
        method: 'POST',
        source: 'DAYTONA_DAEMON',
      })
      res.write(
        `--${BULK_BOUNDARY}\r\nContent-Disposition: form-data; name="error"; filename=${quoted(path)}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}\r\n`,
      )
    }
  }
  res.end(`--${BULK_BOUNDARY}--\r\n`)
}

export async function createFolder({ rt, res, url }: RouteContext) {
  const modeText = url.searchParams.get('mode') || '0755'
  if (!/^[0-7]{1,4}$/.test(modeText))
    throw new HttpError(400, `invalid mode: ${modeText}`, { emptyBody: true })
  const { host } = rt.layout.resolve(requiredPath(url))
  const st = await statOrNull(host)
  if (st && !st.isDirectory())
    throw new HttpError(400, 'path exists and is not a directory', { emptyBody: true })
  await mkdir(host, { recursive: true, mode: Number.parseInt(modeText, 8) })
  sendEmpty(res, 201)
}

export async function deleteFile({ rt, res, url }: RouteContext) {
  const requested = rt.layout.absolute(requiredPath(url))
  if (rt.layout.mounts.some((m) => m.view === requested) || requested === rt.layout.workDir) {
    throw new HttpError(403, `cannot delete ${requested}`, { code: 'FILE_ACCESS_DENIED' })
  }
  // Delete the entry itself, not what a final symlink points to: resolve the parent only.
  const parent = rt.layout.resolve(posix.dirname(requested))
  const host = posix.join(parent.host, posix.basename(requested))
  let isDir = false
  try {
    isDir = (await lstat(host)).isDirectory()
  } catch {
    throw notFound(requested)
  }
  if (isDir && url.searchParams.get('recursive') !== 'true') {
    throw new HttpError(400, 'cannot delete directory without recursive flag', { code: 'BAD_REQUEST' })
  }
  await rm(host, { recursive: isDir, force: false })
  sendEmpty(res, 204)
}
