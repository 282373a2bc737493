// The inputs of the results-back step: what to download from the clone, where to, and which JUnit reports
// to read. Patterns are checked here, before any request, so a path leading out of the clone never leaves
// the runner.
import { isAbsolute, resolve } from 'node:path'
import { fail, type InputReader } from '../input-parsers.ts'

export const RESULTS_INPUTS = {
  download: 'download',
  downloadPath: 'download-path',
  testResults: 'test-results',
} as const

export interface ResultsConfig {
  /** globs relative to the clone, one per line of `download` */
  download: readonly string[]
  /** absolute runner path the downloads go under */
  downloadPath: string
  /** JUnit XML globs relative to the clone */
  testResults: readonly string[]
}

/** Whether the run fetches anything back; the results code is loaded only then. */
export function wantsResults(config: ResultsConfig): boolean {
  return config.download.length > 0 || config.testResults.length > 0
}

/** The default `download-path`, `${{ runner.temp }}/daytona-artifacts`, resolved when the step runs. */
export const DEFAULT_DOWNLOAD_DIR = 'daytona-artifacts'

const MAX_PATTERNS = 100

export function readResultsInputs(read: InputReader, env: NodeJS.ProcessEnv): ResultsConfig {
  return {
    download: cloneGlobs(RESULTS_INPUTS.download, read(RESULTS_INPUTS.download)),
    downloadPath: downloadPath(read(RESULTS_INPUTS.downloadPath), env),
    testResults: cloneGlobs(RESULTS_INPUTS.testResults, read(RESULTS_INPUTS.testResults)),
  }
}

/** One glob per line (blank and `#` lines skipped), each relative to the clone and never leading out of it. */
export function cloneGlobs(name: string, text: string): string[] {
  const globs: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    globs.push(cloneGlob(name, line))
  }
  if (globs.length > MAX_PATTERNS) fail(name, `takes at most ${MAX_PATTERNS} paths or globs`)
  return [...new Set(globs)]
}

function cloneGlob(name: string, line: string): string {
  if (/\p{Cc}/u.test(line)) fail(name, 'must be paths or globs relative to the clone, one per line', line)
  if (line.startsWith('/') || line.startsWith('~') || /^[A-Za-z]:[\\/]/.test(line)) {
    fail(name, 'must be paths or globs relative to the clone, not absolute paths', line)
  }
  if (line.startsWith('!')) fail(name, 'does not take exclusions (lines starting with !)', line)
  // Any `..` segment is refused, not just a leading one: `a/../../b` and `**/../x` lead out too.
  if (line.split(/[\\/]/).includes('..')) fail(name, "must stay inside the clone (no '..' segments)", line)
  const normal = line
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
  if (!normal) fail(name, 'must name files inside the clone, not the clone itself', line)
  return normal
}

function downloadPath(value: string, env: NodeJS.ProcessEnv): string {
  if (value) {
    if (/\p{Cc}/u.test(value)) fail(RESULTS_INPUTS.downloadPath, 'must be a directory path on one line')
    return resolve(env.GITHUB_WORKSPACE ?? process.cwd(), value)
  }
  const temp = env.RUNNER_TEMP
  if (temp && isAbsolute(temp)) return resolve(temp, DEFAULT_DOWNLOAD_DIR)
  return resolve(process.cwd(), DEFAULT_DOWNLOAD_DIR)
}
