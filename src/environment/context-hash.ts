// Two digests of one build-context entry:
//  - `key`, what snapshot names are made from: SHA-256 over a length-prefixed encoding of the archive path,
//    then of every entry's type, mode, path, link target and content, so that different contexts never
//    share a key. Every run computes it: it decides whether a snapshot exists;
//  - the SDK's MD5 (daytona-api.md §3.3), which names the tar in object storage and lets the server's build
//    dedupe recognise contexts uploaded by the SDK: MD5 over the archive path, then the file's bytes, or for
//    a directory each file's path relative to it + its bytes, and each empty directory's path; links are
//    skipped. It is ambiguous (paths and bytes run together, links are not in it), so it names nothing we
//    trust, and it is computed only by a job that builds (a second read of the files, against minutes of build).
import { createHash, type Hash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { ContextNode } from './context-files.ts'

const KIND_CODE = { file: 'f', directory: 'd', symlink: 'l' } as const
/** one read buffer for every file: fewer, larger reads than a stream's 64 KiB chunks */
const READ_BYTES = 1024 * 1024

export async function contextKey(
  contextRoot: string,
  archivePath: string,
  nodes: readonly ContextNode[],
): Promise<string> {
  const key = createHash('sha256')
  const buffer = Buffer.allocUnsafe(READ_BYTES)
  field(key, archivePath)
  for (const node of nodes) {
    field(key, KIND_CODE[node.kind])
    field(key, node.mode.toString(8))
    field(key, node.relative)
    field(key, node.linkTarget ?? '')
    if (node.kind !== 'file') continue
    key.update(length(node.size))
    await hashFile(join(contextRoot, node.source), node.size, key, buffer)
  }
  return key.digest('hex')
}

export async function sdkContextHash(
  contextRoot: string,
  archivePath: string,
  nodes: readonly ContextNode[],
): Promise<string> {
  const sdk = createHash('md5').update(archivePath)
  const buffer = Buffer.allocUnsafe(READ_BYTES)
  const entryIsFile = nodes.length === 1 && nodes[0]!.kind === 'file'
  for (const node of nodes) {
    if (node.kind === 'directory' && node.empty) sdk.update(node.relative)
    if (node.kind !== 'file') continue
    if (!entryIsFile) sdk.update(node.relative)
    await hashFile(join(contextRoot, node.source), node.size, sdk, buffer)
  }
  return sdk.digest('hex')
}

function field(hash: Hash, text: string): void {
  const bytes = Buffer.from(text, 'utf8')
  hash.update(length(bytes.length)).update(bytes)
}

function length(n: number): Buffer {
  const prefix = Buffer.alloc(8)
  prefix.writeBigUInt64BE(BigInt(n))
  return prefix
}

async function hashFile(path: string, size: number, hash: Hash, buffer: Buffer): Promise<void> {
  let read = 0
  const file = await open(path, 'r')
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      read += bytesRead
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await file.close()
  }
  // the length went into the key before the bytes: a file that changed since must not slip through
  if (read !== size) throw new Error(`${path} changed while the build context was read; run again.`)
}
