// The examples users copy: each workflow's daytona-action step runs through `npm run try` (the bundled action,
// as the runner runs it) against the embedded emulator, on a repository made of the example's own files.
// (They are also linted with actionlint and parsed by GitHub's parser with every other workflow.)
import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { git } from '../../runner/git-fixtures.ts'
import { PROJECT_ROOT } from '../../runner/job.ts'

const folders: string[] = []
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))

/** A committed repository holding these examples' files, later ones overriding earlier ones. */
async function repoOf(examples: string[], extra: Record<string, string> = {}): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'example-repo-'))
  folders.push(repo)
  for (const example of examples) await cp(join(PROJECT_ROOT, 'examples', example), repo, { recursive: true })
  for (const [file, text] of Object.entries(extra)) await writeFile(join(repo, file), text)
  await git(repo, 'init', '-q')
  await git(repo, 'add', '-A')
  await git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'example')
  return repo
}

/** try keeps its workspace and summary for the user to read: give it a temporary folder of ours to keep them in. */
async function tryStep(repo: string, step: number, ...extra: string[]) {
  const scratch = await mkdtemp(join(tmpdir(), 'example-try-'))
  folders.push(scratch)
  const args = ['scripts/try.ts', '--source', repo, '--workflow', join(repo, '.github/workflows/test.yml')]
  args.push('--job', 'test', '--step', String(step), ...extra)
  return new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', TMPDIR: scratch },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout: stdout + stderr }),
    )
  })
}

describe('examples/', () => {
  it('node: npm test passes in a node:22 sandbox', async () => {
    const { code, stdout } = await tryStep(await repoOf(['node']), 1)
    expect(stdout).toMatch(/# pass 1/)
    expect(stdout).toMatch(/exit-code: 0/)
    expect(code).toBe(0)
  })

  it('python-dockerfile: the Dockerfile becomes the snapshot, and unittest passes', async () => {
    const { code, stdout } = await tryStep(await repoOf(['python-dockerfile']), 2)
    expect(stdout).toContain('Step 3/3 : RUN pip install --no-cache-dir -r /tmp/requirements.txt')
    expect(stdout).toContain('test_greets_by_name')
    expect(stdout).toMatch(/snapshot-cache-hit: false/)
    expect(code).toBe(0)
  })

  it('matrix-sizes: a leg with its size given as --with passes', async () => {
    const repo = await repoOf(['node', 'matrix-sizes'])
    const { code, stdout } = await tryStep(
      repo,
      1,
      '--with',
      'cpu=2',
      '--with',
      'memory=4',
      '--with',
      'env=JOBS=2',
    )
    expect(stdout).toContain('running with 2 parallel jobs')
    expect(stdout).toMatch(/# pass 1/)
    expect(code).toBe(0)
  })

  it('debug-kept-sandbox: a failing test keeps the sandbox and says where it is', async () => {
    const failing = "import { test } from 'node:test'\ntest('fails', () => { throw new Error('boom') })\n"
    const repo = await repoOf(['node', 'debug-kept-sandbox'], { 'test/fails.test.js': failing })
    const { code, stdout } = await tryStep(repo, 1, '--with', 'keep-minutes=30')
    expect(stdout).toMatch(/Sandbox \S+ \(\S+\) is kept for 30 minutes for debugging/)
    expect(stdout).toMatch(/exit-code: 1/)
    expect(code).toBe(1)
  })

  it('test-reports: the JUnit report reaches the summary and the outputs, and the files come back', async () => {
    const { code, stdout } = await tryStep(await repoOf(['test-reports']), 1)
    expect(stdout).toMatch(/tests: \{"passed":2,"failed":0,"skipped":0,"total":2\}/)
    expect(stdout).toMatch(/download-path: \S+daytona-artifacts/)
    expect(code).toBe(0)
  })
})
