// Outputs as the runner stores them: written by the real @actions/core into a real GITHUB_OUTPUT file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { firstFailure, isFailure, setOutputs } from '../../src/report/outputs.ts'
import type { CommandResult, RunReport } from '../../src/report/types.ts'

/** The runner's two file-command forms: `name<<DELIM\nvalue\nDELIM` and `name=value`. */
function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(delimiter!, i + 1)
      if (end < 0) throw new Error(`unterminated value for ${name}`)
      values[name!] = lines.slice(i + 1, end).join('\n')
      i = end
    } else {
      const eq = line.indexOf('=')
      values[line.slice(0, eq)] = line.slice(eq + 1)
    }
  }
  return values
}

let outputFile = ''
beforeEach(() => {
  outputFile = join(mkdtempSync(join(tmpdir(), 'report-out-')), 'output')
  writeFileSync(outputFile, '')
  vi.stubEnv('GITHUB_OUTPUT', outputFile)
})
afterEach(() => vi.unstubAllEnvs())

const outputs = () => parseFileCommands(readFileSync(outputFile, 'utf8'))

function report(results: CommandResult[], extra: Partial<RunReport> = {}): RunReport {
  return {
    source: {
      repository: 'acme/app',
      sha: 'a'.repeat(40),
      serverUrl: 'https://github.com',
      eventName: 'push',
    },
    environment: { kind: 'dockerfile', name: 'daytona-action-acme-app-3f2a1b', snapshotCacheHit: true },
    sandbox: { id: 'sb-123', name: 'acme-app-run-7-1' },
    results,
    durationMs: 65_432.7,
    ...extra,
  }
}
const ok = (command: string, durationMs = 1000): CommandResult => ({
  command,
  exitCode: 0,
  durationMs,
  timedOut: false,
  skipped: false,
})
const skipped = (command: string): CommandResult => ({
  command,
  exitCode: null,
  durationMs: 0,
  timedOut: false,
  skipped: true,
})

describe('setOutputs', () => {
  it('reports a successful run: exit code 0, the sandbox, the snapshot and every command', () => {
    setOutputs(report([ok('npm ci', 12_345.6), ok('npm test')]))
    const out = outputs()
    expect(out).toMatchObject({
      'sandbox-id': 'sb-123',
      'sandbox-name': 'acme-app-run-7-1',
      snapshot: 'daytona-action-acme-app-3f2a1b',
      'snapshot-cache-hit': 'true',
      'exit-code': '0',
      duration: '65433',
    })
    expect(JSON.parse(out.results!)).toEqual([
      { command: 'npm ci', exitCode: 0, durationMs: 12346, timedOut: false, skipped: false },
      { command: 'npm test', exitCode: 0, durationMs: 1000, timedOut: false, skipped: false },
    ])
  })

  it("exit-code is the first failure's code, and skipped commands are marked in results", () => {
    const failed = { ...ok('npm run lint'), exitCode: 3, tail: 'lint error' }
    setOutputs(report([ok('npm ci'), failed, skipped('npm test'), skipped('npm run e2e')]))
    const out = outputs()
    expect(out['exit-code']).toBe('3')
    const results = JSON.parse(out.results!)
    expect(results.map((r: { skipped: boolean }) => r.skipped)).toEqual([false, false, true, true])
    expect(results[2]).toEqual({
      command: 'npm test',
      exitCode: null,
      durationMs: 0,
      timedOut: false,
      skipped: true,
    })
    // the tail is for the summary, not the outputs
    expect(out.results).not.toContain('lint error')
  })

  it('a timeout counts as a failure with exit code 124, even when the process gave no code', () => {
    const timedOut: CommandResult = {
      command: 'sleep 999',
      exitCode: null,
      durationMs: 600_000,
      timedOut: true,
      skipped: false,
    }
    setOutputs(report([ok('true'), timedOut, { ...ok('false'), exitCode: 1 }]))
    const out = outputs()
    expect(out['exit-code']).toBe('124')
    expect(JSON.parse(out.results!)[1]).toMatchObject({ exitCode: 124, timedOut: true })
  })

  it('exit-code is 1 when the run failed outside the commands, so it never reads as success', () => {
    setOutputs(report([ok('npm ci')], { error: "Could not read the clone's HEAD" }))
    expect(outputs()['exit-code']).toBe('1')
  })

  it('leaves out what is not known, and lets the caller name the snapshot', () => {
    setOutputs(report([], { environment: { kind: 'image', name: 'node:24' }, sandbox: undefined }))
    expect(Object.keys(outputs()).sort()).toEqual(['duration', 'exit-code', 'results'])
    writeFileSync(outputFile, '')
    setOutputs(report([], { environment: { kind: 'image', name: 'node:24' } }), {
      snapshot: 'snap-from-image',
      snapshotCacheHit: false,
    })
    expect(outputs()).toMatchObject({ snapshot: 'snap-from-image', 'snapshot-cache-hit': 'false' })
  })

  it('multi-line commands survive the file format intact, with secrets redacted', () => {
    const command = 'export TOKEN=s3cr3t-value\nnpm test'
    setOutputs(report([ok(command)]), { redact: (text) => text.replaceAll('s3cr3t-value', '***') })
    const raw = readFileSync(outputFile, 'utf8')
    expect(raw).not.toContain('s3cr3t-value')
    expect(JSON.parse(outputs().results!)[0].command).toBe('export TOKEN=***\nnpm test')
  })
})

describe('isFailure / firstFailure', () => {
  it('is one definition: non-zero, timed out or no exit code fail; skipped and 0 do not', () => {
    expect(isFailure(ok('a'))).toBe(false)
    expect(isFailure(skipped('a'))).toBe(false)
    expect(isFailure({ ...ok('a'), exitCode: 2 })).toBe(true)
    expect(isFailure({ ...ok('a'), timedOut: true })).toBe(true)
    expect(isFailure({ ...ok('a'), exitCode: null })).toBe(true)
    const results = [ok('a'), skipped('b'), { ...ok('c'), exitCode: 5 }, { ...ok('d'), exitCode: 6 }]
    expect(firstFailure(results)?.command).toBe('c')
    expect(firstFailure([ok('a')])).toBeUndefined()
  })
})
