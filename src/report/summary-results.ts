// The summary's blocks for what came back from the sandbox: test counts with the failed tests, and the
// downloads. Test names and messages come from the pull request's reports: redacted and escaped (`Text`).
import { byteLength, plural } from './format.ts'
import { preBlock, type Text } from './summary-parts.ts'
import type { RunReport, TestsReport } from './types.ts'

/** The tests block never takes more than this, however many tests failed. */
export const TESTS_BLOCK_MAX_BYTES = 64 * 1024
const MAX_FAILURES_SHOWN = 50
const MESSAGE_CHARS = 1500

export function testsBlock(tests: TestsReport, text: Text, maxBytes: number): string {
  const counts = `<p><b>Tests:</b> ✅ ${tests.passed} passed · ❌ ${tests.failed} failed · ⏭️ ${tests.skipped} skipped (${tests.total} total)</p>\n`
  const unreadable =
    tests.unreadable.length > 0
      ? `<p>⚠️ ${plural(tests.unreadable.length, 'report')} could not be read: ${tests.unreadable
          .slice(0, 5)
          .map((report) => `<code>${text(report.path, 200)}</code> (${text(report.reason, 200)})`)
          .join(', ')}</p>\n`
      : ''
  const note = (hidden: number) => `<p><i>${plural(hidden, 'more failed test')} not shown.</i></p>\n`
  let remaining =
    Math.min(maxBytes, TESTS_BLOCK_MAX_BYTES) - byteLength(counts) - byteLength(unreadable) - 100
  const blocks: string[] = []
  for (const failure of tests.failures.slice(0, MAX_FAILURES_SHOWN)) {
    const where = failure.file
      ? ` — <code>${text(failure.file, 300)}${failure.line ? `:${failure.line}` : ''}</code>`
      : ''
    const block = `<details><summary>❌ ${text(failure.name, 300)}${where}</summary>\n${preBlock(
      text(failure.message, MESSAGE_CHARS),
    )}</details>\n`
    if (byteLength(block) > remaining) break
    blocks.push(block)
    remaining -= byteLength(block)
  }
  const hidden = tests.failed - blocks.length
  return `${counts}${unreadable}${blocks.join('')}${hidden > 0 ? note(hidden) : ''}`
}

export function downloadsBlock(downloads: NonNullable<RunReport['downloads']>, text: Text): string {
  const failed = downloads.failed > 0 ? ` · ⚠️ ${plural(downloads.failed, 'file')} failed` : ''
  return `<p><b>Downloaded:</b> ${plural(downloads.files, 'file')} (${downloads.bytes} bytes) to <code>${text(
    downloads.path,
    500,
  )}</code>${failed}</p>\n`
}
