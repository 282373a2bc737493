// Step 6 of main: results back from the sandbox, after the commands (whether they passed, failed or timed
// out) and before the sandbox is deleted. The clone is listed once; `download` files are streamed to the
// runner and `test-results` reports are read into counts and failures. Nothing here fails the run: a file
// that cannot be fetched is a warning, and the report says what came back.
import { posix } from 'node:path'
import * as core from '@actions/core'
import type { Toolbox } from '../daytona/toolbox/index.ts'
import { type DownloadResult, downloadFiles, readSmallFile } from './download.ts'
import type { ResultsConfig } from './inputs.ts'
import type { TestReport } from './junit.ts'
import { filesOf, type Listing, MAX_LIST_DEPTH, matchFiles, type SandboxFile } from './listing.ts'

/** More files than this is almost surely a pattern that caught node_modules; the first ones are taken. */
const MAX_DOWNLOAD_FILES = 10_000
/** A JUnit report bigger than this is not read (they are text; 50 MiB is already a huge suite). */
const MAX_REPORT_BYTES = 50 * 1024 * 1024

export interface ResultsBack {
  download?: DownloadResult & { path: string }
  tests?: TestReport
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export async function fetchResults(
  toolbox: Toolbox,
  config: ResultsConfig,
  clonePath: string,
): Promise<ResultsBack> {
  const back: ResultsBack = {}
  let listing: Listing
  let clone: string
  try {
    clone = posix.isAbsolute(clonePath) ? clonePath : posix.join(await toolbox.workDir(), clonePath)
    listing = filesOf(clone, await toolbox.files.list(clone, { depth: MAX_LIST_DEPTH }))
  } catch (error) {
    core.warning(`Could not list the clone to fetch results: ${message(error)}`, { title: 'No results back' })
    if (config.download.length) back.download = { path: config.downloadPath, files: [], failed: [] }
    return back
  }
  for (const path of listing.refused.slice(0, 5)) {
    core.warning(
      `Skipped ${JSON.stringify(path)}: the sandbox listed it outside the clone or unsafely named.`,
    )
  }
  if (config.download.length > 0) {
    back.download = await downloads(toolbox, config, listing.files).catch((error: unknown) => {
      core.warning(`Could not download: ${message(error)}`, { title: 'Download failed' })
      return { path: config.downloadPath, files: [], failed: [] }
    })
  }
  if (config.testResults.length > 0) {
    back.tests = await testReports(toolbox, config, listing.files, clone).catch((error: unknown) => {
      core.warning(`Could not read the test reports: ${message(error)}`, { title: 'No test reports' })
      return undefined
    })
  }
  return back
}

async function downloads(
  toolbox: Toolbox,
  config: ResultsConfig,
  listed: readonly SandboxFile[],
): Promise<ResultsBack['download']> {
  let wanted = matchFiles(listed, config.download)
  if (wanted.length > MAX_DOWNLOAD_FILES) {
    core.warning(
      `download matches ${wanted.length} files; only the first ${MAX_DOWNLOAD_FILES} are fetched. Name the files more narrowly.`,
      { title: 'Too many files to download' },
    )
    wanted = wanted.slice(0, MAX_DOWNLOAD_FILES)
  }
  if (wanted.length === 0) {
    core.warning(`No file in the clone matches download: ${config.download.join(', ')}`, {
      title: 'Nothing to download',
    })
  }
  const result = await downloadFiles(toolbox.files, config.downloadPath, wanted)
  const bytes = result.files.reduce((sum, file) => sum + file.bytes, 0)
  core.info(`Downloaded ${result.files.length} file(s), ${bytes} bytes, to ${config.downloadPath}`)
  for (const failure of result.failed.slice(0, 10)) {
    core.warning(`Could not download ${failure.relative}: ${failure.reason}`, { title: 'Download failed' })
  }
  return { ...result, path: config.downloadPath }
}

async function testReports(
  toolbox: Toolbox,
  config: ResultsConfig,
  listed: readonly SandboxFile[],
  clone: string,
): Promise<TestReport> {
  // The XML parser is loaded only by runs that read reports.
  const { addJUnit, emptyReport } = await import('./junit.ts')
  const report = emptyReport()
  const reports = matchFiles(listed, config.testResults)
  if (reports.length === 0) {
    core.warning(`No file in the clone matches test-results: ${config.testResults.join(', ')}`, {
      title: 'No test reports',
    })
  }
  for (const file of reports) {
    try {
      if (file.size > MAX_REPORT_BYTES) throw new Error(`larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB`)
      const xml = await readSmallFile(toolbox.files, file.path, MAX_REPORT_BYTES)
      addJUnit(report, xml.toString('utf8'), clone)
    } catch (error) {
      report.unreadable.push({ path: file.relative, reason: message(error) })
      core.warning(`Could not read the test report ${file.relative}: ${message(error)}`, {
        title: 'Unreadable test report',
      })
    }
  }
  core.info(
    `Tests: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${reports.length} report(s))`,
  )
  return report
}
