// The build context is the pull request's: its symlinks may point anywhere on the runner, and after
// actions/checkout its .git/config holds the workflow's token. Nothing outside the context, and no .git,
// may reach the upload; .dockerignore is honoured as Docker honours it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { list } from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildContext,
  type ContextEntry,
  packContextEntry,
  sdkHashOf,
} from '../../src/environment/context.ts'
import { findDockerfile } from '../../src/environment/dockerfile.ts'

const TOKEN_LINE = '\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA=='

let root: string
let workspace: string
let outside: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'context-safety-'))
  workspace = join(root, 'workspace')
  outside = join(root, 'home-of-runner')
  const files: Record<string, string> = {
    [join(outside, '.ssh/id_rsa')]: 'PRIVATE KEY OUTSIDE\n',
    [join(outside, 'shadow')]: 'root:outside-secret\n',
    [join(workspace, 'package.json')]: '{}\n',
    [join(workspace, 'src/app.js')]: 'app\n',
    [join(workspace, 'src/debug.log')]: 'log\n',
    [join(workspace, 'src/keep.log')]: 'kept\n',
    [join(workspace, 'src/deep/x.log')]: 'deep\n',
    [join(workspace, 'secrets/prod.env')]: 'PASSWORD=1\n',
    [join(workspace, '.git/config')]: `[http "https://github.com/"]\n${TOKEN_LINE}\n`,
    [join(workspace, '.git/HEAD')]: 'ref: refs/heads/main\n',
    [join(workspace, 'vendor/lib/.git')]: 'gitdir: ../../.git/modules/lib\n',
    [join(workspace, 'vendor/lib/index.js')]: 'lib\n',
    [join(workspace, 'real/data.txt')]: 'data\n',
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, text)
  }
  await symlink(outside, join(workspace, 'lnk'))
  await symlink(join(outside, 'shadow'), join(workspace, 'shadow-link'))
  await symlink(join(outside, 'shadow'), join(workspace, 'src/escape'))
  await symlink('real', join(workspace, 'inside-link'))
  await symlink(join(outside, 'shadow'), join(workspace, 'Dockerfile.evil'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

async function names(entries: ContextEntry[], contextDir = workspace): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const scratch = await mkdtemp(join(tmpdir(), 'context-safety-tar-'))
  try {
    for (const [i, entry] of entries.entries()) {
      const file = join(scratch, `${i}.tar`)
      await packContextEntry(contextDir, entry, file)
      await list({ file, onReadEntry: (e) => void found.set(e.path.replace(/\/$/, ''), e.type) })
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  return found
}

describe('symbolic links', () => {
  it.each([
    'COPY lnk/.ssh/id_rsa /stolen',
    'COPY lnk /stolen',
    'COPY lnk/.ssh /stolen',
    'COPY lnk/.ssh/* /stolen/',
    'COPY shadow-link /stolen',
    'COPY src/../lnk/shadow /stolen',
  ])('refuses %s, which leads outside the context, in one line that names no outside path', async (copy) => {
    const failure = buildContext(workspace, `FROM x\n${copy}\n`)
    await expect(failure).rejects.toThrow(/Dockerfile line 2 .*outside the build context/)
    const message = await failure.catch((err: Error) => err.message)
    expect(message).not.toContain('\n')
    expect(message).not.toContain(outside)
    expect(message).not.toContain('home-of-runner')
  })

  it('never lets a glob pick up a link', async () => {
    await expect(buildContext(workspace, 'FROM x\nCOPY shadow-l* /stolen\n')).rejects.toThrow(
      /no file .* matches/,
    )
  })

  it('packs a link inside a copied directory as a link, never the file it points to', async () => {
    const found = await names(await buildContext(workspace, 'FROM x\nCOPY src /src\n'))
    expect(found.get('src/escape')).toBe('SymbolicLink')
    expect(found.get('src/app.js')).toBe('File')
  })

  it('takes a link that stays inside the context as what it points to, under the name the Dockerfile uses', async () => {
    const entries = await buildContext(
      workspace,
      'FROM x\nCOPY inside-link/data.txt /d\nCOPY inside-link /r\n',
    )
    const found = await names(entries)
    expect(found.get('inside-link/data.txt')).toBe('File')
    expect([...found.keys()].some((name) => name.startsWith('real'))).toBe(false)
  })

  it('refuses a context directory that leads outside the workspace', async () => {
    await expect(
      buildContext(join(workspace, 'lnk'), 'FROM x\nCOPY .ssh /x\n', { workspace }),
    ).rejects.toThrow(/build context .*outside the workspace/)
  })

  it('refuses a Dockerfile that is a link to a file outside the workspace, without reading it', async () => {
    const failure = findDockerfile(
      { dockerfile: 'Dockerfile.evil', dockerfileExplicit: true, token: '', allowFork: false },
      {
        repository: 'acme/widgets',
        sha: '',
        ref: 'main',
        eventName: 'push',
        baseRepository: 'acme/widgets',
        privileged: true,
      },
      workspace,
    )
    await expect(failure).rejects.toThrow(/Dockerfile\.evil .*outside the workspace/)
    const message = await failure.catch((err: Error) => err.message)
    expect(message).not.toContain('outside-secret')
    expect(message).not.toContain(outside)
  })
})

describe('.git', () => {
  it('is never packed by COPY . (its config holds the checkout token), at any depth', async () => {
    const found = await names(await buildContext(workspace, 'FROM x\nCOPY . /app\n'))
    expect(found.get('package.json')).toBe('File')
    expect(found.get('vendor/lib/index.js')).toBe('File')
    expect([...found.keys()].filter((name) => name.split('/').includes('.git'))).toEqual([])
  })

  it('is refused when a Dockerfile names it', async () => {
    await expect(buildContext(workspace, 'FROM x\nCOPY .git /repo/.git\n')).rejects.toThrow(
      /Dockerfile line 2 .*\.git is never uploaded/,
    )
  })
})

describe('.dockerignore', () => {
  let ctx: string
  beforeAll(async () => {
    ctx = join(workspace, 'ignoring')
    await mkdir(join(ctx, 'src/deep'), { recursive: true })
    await mkdir(join(ctx, 'secrets'), { recursive: true })
    for (const path of [
      'src/app.js',
      'src/debug.log',
      'src/keep.log',
      'src/deep/x.log',
      'secrets/prod.env',
    ]) {
      await writeFile(join(ctx, path), `${path}\n`)
    }
    await writeFile(join(ctx, 'Dockerfile'), 'FROM x\n')
    await writeFile(join(ctx, '.dockerignore'), '# as Docker reads it\nsecrets\nsrc/*.log\n!src/keep.log\n')
  })

  it('leaves out what it excludes, keeps its exceptions, and anchors patterns at the context root', async () => {
    const found = await names(await buildContext(ctx, 'FROM x\nCOPY . /app\n'), ctx)
    const files = [...found].filter(([, type]) => type === 'File').map(([name]) => name)
    expect(files.sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'src/app.js',
      'src/deep/x.log',
      'src/keep.log',
    ])
  })

  it('changes the context hash when it changes what goes', async () => {
    const [before] = await buildContext(ctx, 'FROM x\nCOPY src /src\n')
    await writeFile(join(ctx, '.dockerignore'), 'secrets\n')
    const [after] = await buildContext(ctx, 'FROM x\nCOPY src /src\n')
    await writeFile(join(ctx, '.dockerignore'), 'secrets\nsrc/*.log\n!src/keep.log\n')
    expect(after!.key).not.toBe(before!.key)
    expect(await sdkHashOf(ctx, after!)).not.toBe(await sdkHashOf(ctx, before!))
  })

  it('gives way to <Dockerfile>.dockerignore beside the Dockerfile, as BuildKit reads it', async () => {
    await writeFile(join(ctx, 'build.Dockerfile.dockerignore'), 'src/app.js\n')
    try {
      const dockerfilePath = join(ctx, 'build.Dockerfile')
      const found = await names(await buildContext(ctx, 'FROM x\nCOPY src /src\n', { dockerfilePath }), ctx)
      expect(found.has('src/app.js')).toBe(false)
      expect(found.has('src/debug.log')).toBe(true) // the context's .dockerignore no longer applies
    } finally {
      await rm(join(ctx, 'build.Dockerfile.dockerignore'))
    }
  })

  it('is read beside a Dockerfile outside the context, as long as that is in the workspace', async () => {
    const dockerfilePath = join(workspace, 'docker', 'app.Dockerfile')
    await mkdir(join(workspace, 'docker'), { recursive: true })
    await writeFile(`${dockerfilePath}.dockerignore`, 'src/keep.log\n')
    try {
      const entries = await buildContext(ctx, 'FROM x\nCOPY src /src\n', { dockerfilePath, workspace })
      const found = await names(entries, ctx)
      expect(found.has('src/keep.log')).toBe(false)
      expect(found.has('src/app.js')).toBe(true)
    } finally {
      await rm(join(workspace, 'docker'), { recursive: true, force: true })
    }
  })

  it('is refused when it leads outside the context', async () => {
    const linked = join(workspace, 'ignore-linked')
    await mkdir(linked, { recursive: true })
    await writeFile(join(linked, 'a.txt'), 'a\n')
    await symlink(join(outside, 'shadow'), join(linked, '.dockerignore'))
    await expect(buildContext(linked, 'FROM x\nCOPY a.txt /a\n')).rejects.toThrow(
      /^\.dockerignore is a symbolic link that leads outside the build context/,
    )
  })

  it('makes an excluded source a missing one, as for Docker', async () => {
    await expect(buildContext(ctx, 'FROM x\nCOPY secrets/prod.env /x\n')).rejects.toThrow(
      /Dockerfile line 2 .*excluded by \.dockerignore/,
    )
    await expect(buildContext(ctx, 'FROM x\nCOPY src/*.log /x/\n')).resolves.toHaveLength(1)
  })
})
