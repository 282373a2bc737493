// Annotations as the runner reads them: the `::error title=…::message` lines @actions/core prints on stdout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { annotateResults } from '../../src/report/annotations.ts'
import type { CommandResult } from '../../src/report/types.ts'

interface Annotation {
  kind: string
  title?: string
  message: string
}

const unescapeProperty = (text: string) =>
  text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

let printed: string[] = []
beforeEach(() => {
  printed = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk))
    return true
  })
})
afterEach(() => vi.restoreAllMocks())

function annotations(): Annotation[] {
  return printed
    .join('')
    .split('\n')
    .flatMap((line) => {
      const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
      if (!match) return []
      const title = /(?:^|,)title=([^,]*)/.exec(match[2] ?? '')?.[1]
      return [
        { kind: match[1]!, title: title && unescapeProperty(title), message: unescapeProperty(match[3]!) },
      ]
    })
}

const result = (command: string, fields: Partial<CommandResult> = {}): CommandResult => ({
  command,
  exitCode: 0,
  durationMs: 1200,
  timedOut: false,
  skipped: false,
  ...fields,
})

describe('annotateResults', () => {
  it('a successful run makes no annotations', () => {
    annotateResults([result('npm ci'), result('npm test')])
    expect(annotations()).toEqual([])
  })

  it('one error per failed command, a timeout titled as such, one notice for the fail-fast skips', () => {
    annotateResults([
      result('npm ci'),
      result('npm run lint', { exitCode: 3 }),
      result('npm test', { exitCode: null, timedOut: true, durationMs: 600_000 }),
      result('npm run e2e', { exitCode: null, durationMs: 0, skipped: true }),
      result('npm run docs', { exitCode: null, durationMs: 0, skipped: true }),
    ])
    expect(annotations()).toEqual([
      { kind: 'error', title: 'Command failed', message: 'npm run lint: exit code 3 after 1.2s' },
      { kind: 'error', title: 'Command timed out', message: 'npm test: timed out after 10m' },
      {
        kind: 'notice',
        title: 'Commands skipped',
        message: '2 commands skipped because `npm test` failed (fail-fast).',
      },
    ])
  })

  it('names a command by its first line, cut to about 200 characters', () => {
    const long = `echo ${'x'.repeat(500)}`
    annotateResults([result('set -e\nmake build\nmake test', { exitCode: 2 }), result(long, { exitCode: 1 })])
    const [multi, cut] = annotations()
    expect(multi!.message).toBe('set -e …: exit code 2 after 1.2s')
    expect(cut!.message.length).toBeLessThan(230)
    expect(cut!.message).toMatch(/^echo x+…: exit code 1 after 1\.2s$/)
  })

  it('stays within the 10 error annotations GitHub shows per step', () => {
    annotateResults(Array.from({ length: 25 }, (_, i) => result(`test ${i}`, { exitCode: 1 })))
    const errors = annotations().filter((a) => a.kind === 'error')
    expect(errors).toHaveLength(10)
    expect(errors[8]!.message).toBe('test 8: exit code 1 after 1.2s')
    expect(errors[9]).toMatchObject({
      title: 'More commands failed',
      message: expect.stringContaining('16 more'),
    })
  })

  it('redacts secrets from command names', () => {
    annotateResults([result('curl -H "Authorization: tok_live_123" https://x', { exitCode: 22 })], {
      redact: (text) => text.replaceAll('tok_live_123', '***'),
    })
    expect(printed.join('')).not.toContain('tok_live_123')
    expect(annotations()[0]!.message).toContain('Authorization: ***')
  })

  it('commands skipped without a failure (the run stopped earlier) still get one notice', () => {
    annotateResults([result('npm test', { exitCode: null, durationMs: 0, skipped: true })])
    expect(annotations()).toEqual([
      {
        kind: 'notice',
        title: 'Commands skipped',
        message: '1 command not run because the run stopped before it.',
      },
    ])
  })
})
