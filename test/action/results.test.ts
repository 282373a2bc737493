// Results back from the sandbox, end to end with the bundled action: files downloaded byte for byte (also
// when the commands fail), JUnit reports in the summary and annotations, and the clone's boundary held
// against paths and symlinks that lead out of it.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, openProject, type Project } from './project.ts'

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="4" failures="2">
  <testsuite name="widget" tests="4" file="src/widget.test.ts">
    <testcase classname="widget" name="adds" time="0.01"/>
    <testcase classname="widget" name="subtracts" file="src/widget.test.ts" line="14">
      <failure message="expected 1 to be 2">AssertionError: expected 1 to be 2</failure>
    </testcase>
    <testcase classname="widget" name="divides &lt;script&gt;alert(1)&lt;/script&gt;">
      <failure message="division by zero">Error: division by zero
    at divide (/home/daytona/widgets/src/widget.ts:3:9)
    at Object.&lt;anonymous&gt; (src/widget.test.ts:27:5)</failure>
    </testcase>
    <testcase classname="widget" name="later"><skipped/></testcase>
  </testsuite>
</testsuites>
`

let project: Project
let downloads: string
beforeAll(async () => {
  project = await openProject({ 'fixtures/junit.xml': JUNIT })
  downloads = await mkdtemp(join(tmpdir(), 'results-back-'))
})
afterAll(async () => {
  await project.close()
  await rm(downloads, { recursive: true, force: true })
})

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()
}

describe('results back', () => {
  it('shows a JUnit report with two failures in the summary and as two annotations, and downloads after failing commands', async () => {
    const into = join(downloads, 'failing')
    const { main } = await job(project, {
      run: 'mkdir -p reports && cp fixtures/junit.xml reports/junit.xml\nexit 1',
      'test-results': 'reports/*.xml',
      download: 'reports',
      'download-path': into,
    })
    expect(main.exitCode).not.toBe(0)
    expect(JSON.parse(main.outputs.tests ?? '{}')).toEqual({ passed: 1, failed: 2, skipped: 1, total: 4 })
    expect(main.summary).toContain('✅ 1 passed · ❌ 2 failed · ⏭️ 1 skipped (4 total)')
    expect(main.summary).toContain('widget › subtracts')
    expect(main.summary).toContain('expected 1 to be 2')
    // the report's text is escaped, never markup
    expect(main.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(main.summary).not.toContain('<script>')
    const tests = main.annotations.filter((a) => a.title === 'Test failed')
    expect(tests.map((a) => [a.level, a.file, a.line])).toEqual([
      ['error', 'src/widget.test.ts', 14],
      ['error', 'src/widget.test.ts', 27],
    ])
    expect(tests[0].message).toContain('expected 1 to be 2')
    // the failing command keeps its own annotation alongside
    expect(main.annotations.filter((a) => a.title === 'Command failed')).toHaveLength(1)
    // the failing run still downloaded
    expect(main.outputs['download-path']).toBe(into)
    expect(await readFile(join(into, 'reports/junit.xml'), 'utf8')).toBe(JUNIT)
  })

  it('downloads a binary coverage file that matches the sandbox byte for byte', async () => {
    const into = join(downloads, 'coverage')
    const { main } = await job(project, {
      run: 'mkdir -p coverage && head -c 3145728 /dev/urandom > coverage/cov.bin && sha256sum coverage/cov.bin',
      download: 'coverage/*.bin\nREADME.md',
      'download-path': into,
    })
    expect(main.exitCode).toBe(0)
    const sandboxHash = main.stdout.match(/\b([0-9a-f]{64})\s+coverage\/cov\.bin/)?.[1]
    expect(sandboxHash).toBeDefined()
    const local = await readFile(join(into, 'coverage/cov.bin'))
    expect(local.length).toBe(3145728)
    expect(createHash('sha256').update(local).digest('hex')).toBe(sandboxHash)
    expect(await filesUnder(into)).toEqual(['README.md', 'coverage/cov.bin'])
    expect(main.summary).toContain('Downloaded:')
  })

  it('still downloads when a command timed out', async () => {
    const into = join(downloads, 'timeout')
    const { main } = await job(project, {
      run: 'mkdir -p out && echo partial > out/log.txt && sleep 30',
      timeout: '2s',
      download: 'out/*.txt',
      'download-path': into,
    })
    expect(main.outputs['exit-code']).toBe('124')
    expect(await readFile(join(into, 'out/log.txt'), 'utf8')).toBe('partial\n')
  })

  it('refuses a path leading out of the clone at input time, before any request', async () => {
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'true', download: 'coverage\n../../etc/passwd' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toEqual([expect.stringMatching(/^Input 'download' must stay inside the clone/)])
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('does not follow a symlink in the clone out of it', async () => {
    const into = join(downloads, 'links', 'artifacts')
    const { main } = await job(project, {
      run: [
        'echo "outside the clone" > ../outside.txt',
        'ln -s .. up && ln -s ../.. upup && ln -s /etc etc-link',
        'mkdir -p out && echo inside > out/inside.txt',
      ].join('\n'),
      download: '**\nup/outside.txt\netc-link/hostname',
      'download-path': into,
    })
    expect(main.exitCode).toBe(0)
    const got = await filesUnder(into)
    expect(got).toContain('out/inside.txt')
    expect(got).toContain('src/widget.txt')
    expect(got.some((path) => /^(up|upup|etc-link)\//.test(path))).toBe(false)
    for (const path of got) {
      expect(await readFile(join(into, path), 'utf8')).not.toContain('outside the clone')
    }
    // nothing was written beside the download folder
    expect(await readdir(join(downloads, 'links'))).toEqual(['artifacts'])
  })
})
