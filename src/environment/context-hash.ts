// Two digests of one build-context entry, computed in one read of its files:
//  - `hash`, the SDK's MD5 (daytona-api.md §3.3), which names the tar in object storage and lets the server's
//    build dedupe recognise contexts uploaded by the SDK: MD5 over the archive path, then the file's bytes,
//    or for a directory each file's path relative to it + its bytes, and each empty directory's path; links
//    are skipped. It is ambiguous (paths and bytes run together, links are not in it), so it names nothing
//    we trust;
//  - `key`, what snapshot names are made from: SHA-256 over a length-prefixed encoding of the archive path,
//    then of every entry's type, mode, path, link target and content, so that different contexts never
//    share a key.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { ContextNode } from './context-files.ts'

const KIND_CODE = { file: 'f', directory: 'd', symlink: 'l' } as const

export async function hashNodes(
  contextRoot: string,
  archivePath: string,
  nodes: readonly ContextNode[],
): Promise<{ hash: string; key: string }> {
  const sdk = createHash('md5').update(archivePath)
  const key = createHash('sha256')
  field(key, archivePath)
  const entryIsFile = nodes.length === 1 && nodes[0]!.kind === 'file'
  for (const node of nodes) {
    field(key, KIND_CODE[node.kind])
    field(key, node.mode.toString(8))
    field(key, node.relative)
    field(key, node.linkTarget ?? '')
    if (node.kind === 'directory' && node.empty) sdk.update(node.relative)
    if (node.kind !== 'file') continue
    if (!entryIsFile) sdk.update(node.relative)
    key.update(length(node.size))
    await hashFile(join(contextRoot, node.source), node.size, sdk, key)
  }
  return { hash: sdk.digest('hex'), key: key.digest('hex') }
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

async function hashFile(path: string, size: number, ...hashes: Hash[]): Promise<void> {
  let read = 0
  for await (const chunk of createReadStream(path)) {
    read += (chunk as Buffer).length
    for (const hash of hashes) hash.update(chunk as Buffer)
  }
  // the length went into the key before the bytes: a file that changed since must not slip through
  if (read !== size) throw new Error(`${path} changed while the build context was read; run again.`)
}
