// Failed tests from JUnit reports in the report: annotations within the step's 10-error budget, and a
// bounded, escaped, redacted block in the summary.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { annotateTests } from '../../src/report/annotations.ts'
import { textFor } from '../../src/report/summary-parts.ts'
import { TESTS_BLOCK_MAX_BYTES, testsBlock } from '../../src/report/summary-results.ts'
import type { TestsReport } from '../../src/report/types.ts'

let printed: string[] = []
beforeEach(() => {
  printed = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk))
    return true
  })
})
afterEach(() => vi.restoreAllMocks())

const errorLines = () =>
  printed
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('::error'))

function tests(failed: number, message = 'expected 1 to be 2'): TestsReport {
  return {
    passed: 3,
    failed,
    skipped: 1,
    total: 4 + failed,
    failures: Array.from({ length: failed }, (_, i) => ({
      name: `suite › case ${i + 1}`,
      message,
      file: 'src/a.test.ts',
      line: 10 + i,
    })),
    unreadable: [],
  }
}

describe('test failure annotations', () => {
  it('one error per failed test, at its file and line', () => {
    annotateTests(tests(2), 9)
    const lines = errorLines()
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^::error title=Test failed,file=src\/a\.test\.ts,line=10::suite › case 1%0A/)
  })

  it('stays within what the commands left of the budget, and says how many more failed', () => {
    annotateTests(tests(12), 9)
    const lines = errorLines()
    expect(lines).toHaveLength(9)
    expect(lines[8]).toContain('title=More tests failed::4 more tests failed')
    printed = []
    annotateTests(tests(3), 0)
    expect(errorLines()).toEqual([])
  })

  it('redacts secrets from names and messages', () => {
    annotateTests(tests(1, 'token tok_live_1 leaked'), 9, {
      redact: (text) => text.replaceAll('tok_live_1', '***'),
    })
    expect(printed.join('')).not.toContain('tok_live_1')
    expect(printed.join('')).toContain('token *** leaked')
  })
})

describe('the tests block of the summary', () => {
  const text = textFor((value) => value.replaceAll('s3cret', '***'))

  it('counts, then the failed tests escaped and redacted', () => {
    const html = testsBlock(tests(1, '<img src=x onerror=alert(1)> s3cret'), text, 100_000)
    expect(html).toContain('✅ 3 passed · ❌ 1 failed · ⏭️ 1 skipped (5 total)')
    expect(html).toContain('suite › case 1')
    expect(html).toContain('<code>src/a.test.ts:10</code>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; ***')
    expect(html).not.toContain('<img')
  })

  it('stays under its cap however many tests failed, and says how many it left out', () => {
    const html = testsBlock(tests(200, 'x'.repeat(5000)), text, 10 * 1024 * 1024)
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(TESTS_BLOCK_MAX_BYTES)
    expect(html).toMatch(/\d+ more failed tests not shown/)
    const tight = testsBlock(tests(5), text, 400)
    expect(Buffer.byteLength(tight)).toBeLessThanOrEqual(400)
  })
})
