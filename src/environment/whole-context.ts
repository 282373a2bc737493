// A Dockerfile that copies its whole build context (`COPY . .`, `ADD . /app`) makes every commit a new
// environment: the snapshot is named by what it copies, so each commit (and each size of a matrix) builds
// and stores a snapshot of its own. Worth a notice with what to do instead.
import { posix } from 'node:path'
import * as core from '@actions/core'
import type { CopySource } from './context.ts'

/** The first COPY/ADD that takes the whole context (`.`, `./`, `/`, `*`), if any, of the Dockerfile's sources. */
export function wholeContextCopy(sources: readonly CopySource[]): CopySource | undefined {
  return sources.find((source) => {
    const path = posix.normalize(source.source.replace(/^\/+/, '') || '.').replace(/\/+$/, '')
    return path === '.' || path === '*'
  })
}

export function noticeWholeContextCopy(path: string, sources: readonly CopySource[]): void {
  const copy = wholeContextCopy(sources)
  if (!copy) return
  core.notice(
    `${path} line ${copy.line} copies the whole build context into the image (${copy.keyword} ${copy.source}), ` +
      'so every commit is a new environment: a snapshot is built for every commit and every size. ' +
      'Copy only what installing the dependencies needs (e.g. COPY package.json package-lock.json ./ then ' +
      'RUN npm ci) and let the clone bring the code: the snapshot is then reused until the dependencies change.',
    { title: 'A snapshot per commit', file: path, startLine: copy.line },
  )
}
