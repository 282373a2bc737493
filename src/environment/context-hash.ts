// The SDK's MD5 of one build-context entry (daytona-api.md §3.3), which names the tar in object storage and
// lets the server's build dedupe recognise contexts uploaded by the SDK: MD5 over the archive path, then the
// file's bytes, or for a directory each file's path relative to it + its bytes, and each empty directory's
// path; links are skipped.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { ContextNode } from './context-files.ts'

export async function hashNodes(
  contextRoot: string,
  archivePath: string,
  nodes: readonly ContextNode[],
): Promise<{ hash: string }> {
  const sdk = createHash('md5').update(archivePath)
  const entryIsFile = nodes.length === 1 && nodes[0]!.kind === 'file'
  for (const node of nodes) {
    if (node.kind === 'directory' && node.empty) sdk.update(node.relative)
    if (node.kind !== 'file') continue
    if (!entryIsFile) sdk.update(node.relative)
    await hashFile(join(contextRoot, node.source), node.size, sdk)
  }
  return { hash: sdk.digest('hex') }
}

async function hashFile(path: string, size: number, ...hashes: Hash[]): Promise<void> {
  let read = 0
  for await (const chunk of createReadStream(path)) {
    read += (chunk as Buffer).length
    for (const hash of hashes) hash.update(chunk as Buffer)
  }
  // what is hashed must be what is packed: a file that changed since it was listed must not slip through
  if (read !== size) throw new Error(`${path} changed while the build context was read; run again.`)
}
