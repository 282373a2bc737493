// `source: workspace`: the runner's checked-out tree, as git would commit it, instead of a clone.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { git } from '../../runner/git-fixtures.ts'
import { job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
let workspace: string
beforeAll(async () => {
  project = await openProject()
  workspace = await mkdtemp(join(tmpdir(), 'upload-workspace-'))
  await git(workspace, 'init', '-q')
  await writeFile(join(workspace, '.gitignore'), 'build/\n*.log\n')
  await writeFile(join(workspace, 'committed.txt'), 'committed\n')
  await git(workspace, 'add', '-A')
  await git(workspace, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first')
  // what earlier steps of the job made: a test that exists only here, a link, ignored output
  await mkdir(join(workspace, 'generated'))
  await writeFile(join(workspace, 'generated', 'test.sh'), 'echo "generated test passes"\n')
  await symlink('committed.txt', join(workspace, 'link.txt'))
  await mkdir(join(workspace, 'build'))
  await writeFile(join(workspace, 'build', 'out.bin'), 'ignored\n')
  await writeFile(join(workspace, 'debug.log'), 'ignored\n')
  await writeFile(
    join(workspace, '.git', 'config'),
    '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n',
    {
      flag: 'a',
    },
  )
})
afterAll(async () => {
  await project.close()
  await rm(workspace, { recursive: true, force: true })
})

describe('source: workspace', () => {
  it('runs a test that exists only in the runner’s working tree, with no .git and nothing ignored', async () => {
    const { main } = await job(
      project,
      {
        source: 'workspace',
        run: [
          'sh generated/test.sh',
          'cat committed.txt',
          'test -L link.txt && readlink link.txt',
          'test ! -e .git && test ! -e build && test ! -e debug.log && echo "nothing else came"',
        ].join('\n'),
      },
      { workspace },
    )
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('generated test passes')
    expect(main.stdout).toContain('committed')
    expect(main.stdout).toMatch(/^committed\.txt$/m)
    expect(main.stdout).toContain('nothing else came')
    expect(main.stdout).not.toContain('Cloning')
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('says what to do when the workspace is not a checkout, before anything is created', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'upload-empty-'))
    try {
      await project.emulator.admin.resetRequests()
      const { main } = await job(project, { source: 'workspace', run: 'true' }, { workspace: empty })
      expect((await project.emulator.admin.requests()).total).toBe(0)
      expect(main.exitCode).not.toBe(0)
      const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
      expect(errors.join('\n')).toContain(
        "Input 'source' is workspace, but the workspace is not a git checkout",
      )
      expect(await liveSandboxes(project)).toEqual([])
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})
