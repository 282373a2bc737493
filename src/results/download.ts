// Sandbox files onto the runner, streamed: each body goes from the socket to disk with backpressure, so a
// large file never sits in memory. What the sandbox sends is hostile: it lands only at the checked relative
// path under the download folder, in a file created new (never through an existing link), and no larger
// than the listing said.
import { constants } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FilesApi } from '../daytona/toolbox/files.ts'
import type { SandboxFile } from './listing.ts'

/** Files fetched at once: enough to hide per-request latency, few enough to be polite. */
const PARALLEL_DOWNLOADS = 4

export interface DownloadedFile {
  relative: string
  bytes: number
}

export interface DownloadResult {
  files: DownloadedFile[]
  failed: { relative: string; reason: string }[]
}

/** The runner path for a checked relative path; throws if it would still land outside `root`. */
export function localPathFor(root: string, relativePath: string): string {
  const target = resolve(root, ...relativePath.split('/'))
  const back = relative(root, target)
  if (!back || back.startsWith(`..${sep}`) || back === '..' || resolve(back) === back) {
    throw new Error(`refusing to write outside the download folder: ${relativePath}`)
  }
  return target
}

/** Stops the stream when the sandbox sends more than it listed: a file cannot grow without bound. */
function atMost(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length
      if (seen > limit) done(new Error(`the sandbox sent more than the ${limit} bytes it listed`))
      else done(null, chunk)
    },
  })
}

async function downloadOne(files: FilesApi, root: string, file: SandboxFile): Promise<number> {
  const target = localPathFor(root, file.relative)
  await mkdir(dirname(target), { recursive: true })
  // O_EXCL|O_NOFOLLOW: a name the listing gave twice (case-folding runner disks) or an existing link fails.
  const handle = await open(
    target,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  )
  let bytes = 0
  try {
    const body = await files.downloadBody(file.path)
    const counter = atMost(file.size)
    counter.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    await pipeline(body, counter, handle.createWriteStream())
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(target, { force: true })
    throw error
  }
  return bytes
}

export async function downloadFiles(
  files: FilesApi,
  root: string,
  wanted: readonly SandboxFile[],
): Promise<DownloadResult> {
  await mkdir(root, { recursive: true })
  const result: DownloadResult = { files: [], failed: [] }
  const queue = [...wanted]
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        result.files.push({ relative: file.relative, bytes: await downloadOne(files, root, file) })
      } catch (error) {
        result.failed.push({
          relative: file.relative,
          reason: error instanceof Error ? error.message : String(error),
        })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, wanted.length) }, worker))
  result.files.sort((a, b) => a.relative.localeCompare(b.relative))
  return result
}

/** A small sandbox file read whole (a test report), refused past `maxBytes`. */
export async function readSmallFile(files: FilesApi, path: string, maxBytes: number): Promise<Buffer> {
  const body = await files.downloadBody(path)
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body) {
    total += (chunk as Buffer).length
    if (total > maxBytes) {
      body.destroy()
      throw new Error(`larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
