// publishReport: everything the runner sees at the end of main — outputs, annotations, summary, step status.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { publishReport } from '../../src/report/publish.ts'
import type { RunReport } from '../../src/report/types.ts'

// @actions/core's summary remembers the first GITHUB_STEP_SUMMARY path it sees, as on a runner (one per
// step): the files are made once for this file and emptied before each test.
const dir = mkdtempSync(join(tmpdir(), 'report-pub-'))
const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
let stdout: string[]
beforeEach(() => {
  for (const file of Object.values(files)) writeFileSync(file, '')
  vi.stubEnv('GITHUB_OUTPUT', files.output)
  vi.stubEnv('GITHUB_STEP_SUMMARY', files.summary)
  stdout = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  process.exitCode = undefined
})

const base: RunReport = {
  source: { repository: 'acme/app', sha: 'f'.repeat(40), serverUrl: 'https://github.com', eventName: 'push' },
  environment: { kind: 'default' },
  results: [],
  durationMs: 1000,
}
const run = (command: string, exitCode: number) => ({
  command,
  exitCode,
  durationMs: 10,
  timedOut: false,
  skipped: false,
})

it('a passing run: outputs and summary written, the step not failed', async () => {
  expect(await publishReport({ ...base, results: [run('true', 0)] })).toBe(false)
  expect(process.exitCode).toBeUndefined()
  expect(readFileSync(files.output, 'utf8')).toMatch(/^exit-code<<ghadelimiter_.*\n0\n/m)
  expect(readFileSync(files.summary, 'utf8')).toContain('<h2>✅ Daytona sandbox run</h2>')
})

it('a failed command fails the step with one error annotation, not two', async () => {
  expect(await publishReport({ ...base, results: [run('npm test', 2)] })).toBe(true)
  expect(process.exitCode).toBe(1)
  const errors = stdout.join('').match(/^::error/gm) ?? []
  expect(errors).toHaveLength(1)
  expect(readFileSync(files.summary, 'utf8')).toContain('❌ failed')
})

it('an error before the commands fails the step with the (redacted) error; the summary can be turned off', async () => {
  const failed = await publishReport(
    { ...base, error: 'clone failed for token ghs_abc123' },
    { summary: false, redact: (text) => text.replaceAll('ghs_abc123', '***') },
  )
  expect(failed).toBe(true)
  expect(process.exitCode).toBe(1)
  expect(stdout.join('')).toContain('::error::clone failed for token ***')
  expect(stdout.join('')).not.toContain('ghs_abc123')
  expect(readFileSync(files.summary, 'utf8')).toBe('')
})
