import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../runner/job.ts'

const built = ['dist/main/index.js', 'dist/post/index.js'].every((f) => existsSync(join(PROJECT_ROOT, f)))

/** `npm run demo` without npm: the same node, the same script, NO_COLOR so the text is plain. */
function demo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/demo.ts', ...args],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe.runIf(built)('npm run demo (needs dist/)', () => {
  it('runs a passing pull request end to end and leaves no sandbox', async () => {
    const { code, stdout, stderr } = await demo()
    expect(stderr).toBe('')
    expect(stdout).toContain('▶ Run org/daytona-action@v1')
    expect(stdout).toContain('▶ Post Run org/daytona-action@v1')
    expect(stdout).toContain('running the test suite')
    expect(stdout).toMatch(/exit-code: 0/)
    expect(stdout).toContain('none left running')
    expect(stdout).toContain('api-key: ***')
    expect(stdout).not.toMatch(/dtn_demo_[0-9a-f]{32}/)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('demo: success')
    expect(code).toBe(0)
  })

  it('with --fail shows the failing command and exits with the action status', async () => {
    const { code, stdout } = await demo('--fail')
    expect(stdout).toContain('lint: 1 problem')
    expect(stdout).toMatch(/exit-code: 3/)
    expect(stdout).toContain('none left running')
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('demo: failed')
    expect(code).not.toBe(0)
  })
})
