// `npm run try`: a user's own commands, from the command line or a workflow file, through the bundled action
// against the embedded emulator, on a local repository's working tree or one of its commits.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { git } from '../../runner/git-fixtures.ts'
import { PROJECT_ROOT } from '../../runner/job.ts'

/**
 * `npm run try` without npm: the same node, the same script, NO_COLOR so the text is plain. try keeps its
 * workspace and summary for the user to read, so its temporary folder is one of ours, removed afterwards.
 */
function tryIt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/try.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', TMPDIR: scratch },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

let repo: string
let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'try-scratch-'))
  repo = await mkdtemp(join(tmpdir(), 'try-repo-'))
  await git(repo, 'init', '-q')
  await writeFile(join(repo, 'hello.txt'), 'committed\n')
  await git(repo, 'add', '-A')
  await git(repo, 'commit', '-q', '-m', 'first')
  await writeFile(join(repo, 'hello.txt'), 'edited, not committed\n')
  await writeFile(
    join(repo, 'ci.yml'),
    'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n' +
      '      - uses: org/daytona-action@v1\n        with:\n          fail-fast: false\n          run: |\n' +
      '            false\n            echo "after a failure"\n',
  )
})
afterAll(() => Promise.all([repo, scratch].map((dir) => rm(dir, { recursive: true, force: true }))))

describe('npm run try', () => {
  it('explains itself with --help, and refuses a call without commands', async () => {
    const help = await tryIt('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: npm run try -- [options]')
    expect(help.stdout).toContain('--workflow <file> --job <id> --step <n>')
    const none = await tryIt('--source', repo)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('give the commands')
  })

  it("runs --run against the working tree as it is on disk, and prints the log, outputs and summary's place", async () => {
    const { code, stdout } = await tryIt('--source', repo, '--run', 'cat hello.txt\necho "two: $((1 + 1))"')
    expect(stdout).toContain('edited, not committed')
    expect(stdout).toContain('two: 2')
    expect(stdout).toMatch(/exit-code: 0/)
    expect(stdout).toMatch(/The step summary \(Markdown\) is in \S+summary\.md/)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('try: the step passed')
    expect(code).toBe(0)
  })

  it('runs a commit instead with --commit, and a workflow step with --workflow', async () => {
    const committed = await tryIt('--source', repo, '--commit', 'HEAD', '--run', 'cat hello.txt')
    expect(committed.stdout).toContain('committed')
    expect(committed.stdout).not.toContain('edited')
    const workflow = await tryIt(
      '--source',
      repo,
      '--workflow',
      join(repo, 'ci.yml'),
      '--job',
      'test',
      '--step',
      '2',
    )
    expect(workflow.stdout).toContain('after a failure')
    expect(workflow.stdout).toMatch(/exit-code: 1/)
    expect(workflow.code).toBe(1)
  })
})
