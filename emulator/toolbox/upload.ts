// Uploads: POST /files/bulk-upload (what the SDK uses for every upload) and POST /files/upload-v2.
// Content is streamed to a temporary file beside the destination and renamed over it, so a reader never
// sees half a file; parents are created (0755) and existing files are overwritten.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises'
import { posix } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import { HttpError, sendEmpty, sendJson } from '../http.ts'
import type { SandboxLayout } from './layout.ts'
import type { RouteContext } from './session-routes.ts'

/** Streams `content` to `dest` (an API path); returns the bytes written. Always consumes `content`. */
async function writeUpload(layout: SandboxLayout, dest: string, content: Readable): Promise<number> {
  let tmp: string | undefined
  try {
    const { host } = layout.resolve(dest)
    if ((await stat(host).catch(() => undefined))?.isDirectory())
      throw new HttpError(400, `${dest} is a directory`)
    const dir = posix.dirname(host)
    await mkdir(dir, { recursive: true, mode: 0o755 })
    tmp = posix.join(dir, `.daytona-upload-${randomBytes(6).toString('hex')}`)
    await pipeline(content, createWriteStream(tmp, { mode: 0o644 }))
    await chmod(tmp, 0o644)
    const { size } = await stat(tmp)
    await rename(tmp, host)
    return size
  } catch (err) {
    content.resume() // an unread part would stall the rest of the form
    if (tmp) await rm(tmp, { force: true })
    throw err
  }
}

function multipart(ctx: RouteContext): busboy.Busboy {
  try {
    return busboy({ headers: ctx.req.headers, preservePath: true })
  } catch {
    throw new HttpError(400, 'invalid multipart form', { code: 'INVALID_REQUEST_BODY' })
  }
}

const PATH_FIELD = /^files\[(.+)\]\.path$/
const FILE_FIELD = /^files\[(.+)\]\.file$/

export async function bulkUpload(ctx: RouteContext) {
  const { rt, req, res } = ctx
  const form = multipart(ctx)
  const dests = new Map<string, string>()
  const errors: string[] = []
  const files: { path: string; bytes: number }[] = []
  // Parts are handled one after another, in the order they arrive.
  let chain: Promise<void> = Promise.resolve()

  form.on('field', (name, value) => {
    const m = PATH_FIELD.exec(name)
    if (!m) return
    const dest = value.trim()
    if (dest === '') errors.push(`path[${m[1]}]: empty path`)
    else dests.set(m[1], dest)
  })
  form.on('file', (name, stream) => {
    const m = FILE_FIELD.exec(name)
    const dest = m ? dests.get(m[1]) : undefined
    if (!m || dest === undefined) {
      if (m) errors.push(`file[${m[1]}]: missing .path metadata`)
      stream.resume()
      return
    }
    stream.pause()
    chain = chain.then(async () => {
      try {
        files.push({ path: dest, bytes: await writeUpload(rt.layout, dest, stream) })
      } catch (err) {
        errors.push(`${dest}: ${(err as Error).message}`)
      }
    })
  })
  const finished = new Promise<void>((resolve, reject) => {
    form.once('close', resolve)
    form.once('error', reject)
  })
  req.pipe(form)
  try {
    await finished
  } catch (err) {
    errors.push(`reading part: ${(err as Error).message}`)
  }
  await chain
  if (errors.length > 0) return sendJson(res, 400, { errors, files })
  sendJson(res, 200, { files })
}

/** POST /files/upload-v2?path=: multipart field `file` or a raw body; answers {name, path, type}. */
export function uploadV2(ctx: RouteContext) {
  return uploadOne(ctx, (dest) =>
    sendJson(ctx.res, 200, { name: posix.basename(dest), path: dest, type: 'file' }),
  )
}

/** POST /files/upload?path= (v0.190 daemons, dropped from the newer spec): the same, answering 200 empty. */
export function uploadLegacy(ctx: RouteContext) {
  return uploadOne(ctx, () => sendEmpty(ctx.res, 200))
}

async function uploadOne(ctx: RouteContext, answer: (dest: string) => void) {
  const { rt, req, url } = ctx
  const dest = url.searchParams.get('path')
  if (!dest) throw new HttpError(400, 'path is required')
  if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    await writeUpload(rt.layout, dest, req)
    return answer(dest)
  }
  const form = multipart(ctx)
  let written: Promise<number> | undefined
  form.on('file', (name, stream) => {
    if (name !== 'file' || written) return stream.resume()
    written = writeUpload(rt.layout, dest, stream)
    written.catch(() => {}) // awaited below
  })
  const finished = new Promise<void>((resolve, reject) => {
    form.once('close', resolve)
    form.once('error', reject)
  })
  req.pipe(form)
  await finished.catch((err: Error) => {
    throw new HttpError(400, err.message)
  })
  if (!written) throw new HttpError(400, 'multipart field "file" is required')
  await written
  answer(dest)
}
