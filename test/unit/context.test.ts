// Build-context hashes must be byte-for-byte what Daytona's SDK computes (daytona-api.md §3.3), or the
// server's build dedupe misses. Expected values are computed here from the documented byte sequence.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { list } from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildContext, copySources, packContextEntry, sdkHashOf } from '../../src/environment/context.ts'

/** The SDK hash of one COPY source. */
async function hashContextEntry(dir: string, source: string): Promise<string | undefined> {
  const [entry] = await buildContext(dir, `FROM x\nCOPY ${source} /dst\n`)
  return entry && sdkHashOf(dir, entry)
}

const md5 = (...parts: string[]) => {
  const hash = createHash('md5')
  for (const part of parts) hash.update(Buffer.from(part, 'utf8'))
  return hash.digest('hex')
}

let ctx: string
beforeAll(async () => {
  ctx = await mkdtemp(join(tmpdir(), 'context-unit-'))
  const files: Record<string, string> = {
    'package.json': '{ "name": "widgets" }\n',
    'tsconfig.json': '{}\n',
    'src/a.ts': 'export const a = 1\n',
    'src/B.ts': 'export const B = 2\n',
    'src/lib/c.ts': 'export const c = 3\n',
    'README.md': '# not copied\n',
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(ctx, path, '..'), { recursive: true })
    await writeFile(join(ctx, path), text)
  }
  await mkdir(join(ctx, 'src/empty'))
  await mkdir(join(ctx, 'src/lib/links-only'))
  await symlink('../c.ts', join(ctx, 'src/lib/links-only/c-link.ts'))
})

afterAll(() => rm(ctx, { recursive: true, force: true }))

describe('context hashes', () => {
  it('a file: MD5 of its archive path, then its bytes', async () => {
    expect(await hashContextEntry(ctx, 'package.json')).toBe(md5('package.json', '{ "name": "widgets" }\n'))
  })

  it('a directory: each file path (relative to it) and bytes, empty dirs by path, in byte order', async () => {
    // readdir order is strcmp order: 'B.ts' < 'a.ts' < 'empty' < 'lib'; symlinks are skipped, so a folder
    // holding only a link counts as empty
    const expected = md5(
      'src',
      'B.ts',
      'export const B = 2\n',
      'a.ts',
      'export const a = 1\n',
      'empty',
      'lib/c.ts',
      'export const c = 3\n',
      'lib/links-only',
    )
    expect(await hashContextEntry(ctx, 'src')).toBe(expected)
  })

  it('expands globs into one entry per match and deduplicates sources', async () => {
    const entries = await buildContext(ctx, 'FROM node:22\nCOPY *.json ./\nCOPY package.json /again/\n')
    const hashed = await Promise.all(
      entries.map(async (entry) => ({ archivePath: entry.archivePath, hash: await sdkHashOf(ctx, entry) })),
    )
    expect(hashed).toEqual([
      { archivePath: 'package.json', hash: md5('package.json', '{ "name": "widgets" }\n') },
      { archivePath: 'tsconfig.json', hash: md5('tsconfig.json', '{}\n') },
    ])
  })

  it('names sources relative to the context: ./x, /x and x/ are the same entry', async () => {
    const entries = await buildContext(
      ctx,
      'FROM x\nCOPY ./package.json /a\nCOPY /package.json /b\nCOPY src/ /c\n',
    )
    expect(entries.map((e) => e.archivePath)).toEqual(['package.json', 'src'])
  })

  it('the whole context (COPY . /app) has the empty archive path', async () => {
    const [entry] = await buildContext(ctx, 'FROM x\nCOPY . /app\n')
    expect(entry?.archivePath).toBe('')
    const hash = createHash('md5')
    hash.update('') // the archive path, then files relative to the context root, in byte order
    for (const [path, text] of [
      ['README.md', '# not copied\n'],
      ['package.json', '{ "name": "widgets" }\n'],
      ['src/B.ts', 'export const B = 2\n'],
      ['src/a.ts', 'export const a = 1\n'],
    ]) {
      hash.update(path!).update(text!)
    }
    hash
      .update('src/empty')
      .update('src/lib/c.ts')
      .update('export const c = 3\n')
      .update('src/lib/links-only')
    hash.update('tsconfig.json').update('{}\n')
    expect(await sdkHashOf(ctx, entry!)).toBe(hash.digest('hex'))
  })

  it('refuses what a build could not use, naming the Dockerfile line', async () => {
    await expect(buildContext(ctx, 'FROM x\nCOPY yarn.lock /\n')).rejects.toThrow(
      /Dockerfile line 2 \(COPY yarn\.lock\): no such file in the build context/,
    )
    await expect(buildContext(ctx, 'FROM x\nCOPY *.lock /\n')).rejects.toThrow(/no file .* matches/)
    await expect(buildContext(ctx, 'FROM x\nADD ../secrets /\n')).rejects.toThrow(/outside the build context/)
    await expect(buildContext(ctx, 'FROM x\nARG F\nCOPY $F /\n')).rejects.toThrow(/variables/)
  })
})

describe('COPY/ADD sources', () => {
  it('reads shell and JSON forms, skips stages, URLs and heredocs', () => {
    const dockerfile = [
      'FROM node:22 AS deps',
      'COPY --chown=1000:1000 package.json package-lock.json* ./',
      'COPY ["with space.txt", "other.txt", "/dst/"]',
      'COPY --from=deps /app/node_modules /app/node_modules',
      'ADD https://example.com/tool.tar.gz /opt/',
      'ADD --chmod=644 vendor.tar /opt/',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      'COPY \\',
      '  src \\',
      '  /app/src',
      '',
    ].join('\n')
    expect(copySources(dockerfile).map((s) => [s.keyword, s.source, s.line])).toEqual([
      ['COPY', 'package.json', 2],
      ['COPY', 'package-lock.json*', 2],
      ['COPY', 'with space.txt', 3],
      ['COPY', 'other.txt', 3],
      ['ADD', 'vendor.tar', 6],
      ['COPY', 'src', 10],
    ])
  })
})

describe('the uploaded tar', () => {
  async function entryNames(source: string): Promise<string[]> {
    const [entry] = await buildContext(ctx, `FROM x\nCOPY ${source} /dst\n`)
    const scratch = await mkdtemp(join(tmpdir(), 'context-tar-'))
    try {
      const file = join(scratch, 'context.tar')
      await packContextEntry(ctx, entry!, file)
      const names: string[] = []
      await list({ file, onReadEntry: (e) => void names.push(e.path) })
      return names
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }

  it('is rooted so that the archive path is the entry name', async () => {
    expect(await entryNames('package.json')).toEqual(['package.json'])
    const src = await entryNames('src')
    expect(src[0]).toBe('src/')
    expect(src).toEqual(expect.arrayContaining(['src/a.ts', 'src/B.ts', 'src/empty/', 'src/lib/c.ts']))
  })

  it('holds the context root’s children for COPY .', async () => {
    expect(await entryNames('.')).toEqual(expect.arrayContaining(['package.json', 'src/a.ts', 'README.md']))
  })
})
