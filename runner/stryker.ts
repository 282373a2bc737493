// The one place that knows about Stryker (npm run mutation). Stryker instruments src/ in its sandbox and
// switches mutants at run time through `globalThis.__stryker__`; the end-to-end tests run the action in a
// child process, whose globalThis is its own. So, for each step the harness spawns:
// - the active mutant goes to the child as __STRYKER_ACTIVE_MUTANT__, which the instrumented code reads when
//   its namespace has no active mutant (@stryker-mutator/instrumenter, dist/src/util/syntax-helpers.js);
// - the mutants the child reached come back: this same file, loaded into the child with --import, writes the
//   child's coverage to a file as it exits, and the harness adds it to the coverage of the test that ran the
//   child. Without that, `perTest` coverage analysis would report every mutant that only the action's process
//   reaches as "no coverage" (survived, never tried). Coverage analysis `off` would be correct without any of
//   this, but runs the whole suite for every mutant: days, not an hour. A child killed with SIGKILL reports
//   what it had reached by its last snapshot (a quarter second at most before the kill).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ACTIVE_MUTANT_ENV = '__STRYKER_ACTIVE_MUTANT__'
const COVERAGE_FILE_ENV = 'STRYKER_CHILD_COVERAGE_FILE'

/** mutant id → times reached */
type Hits = Record<string, number>
interface Namespace {
  activeMutant?: string
  currentTestId?: string
  mutantCoverage?: { static: Hits; perTest: Record<string, Hits> }
}

const namespace = () => (globalThis as { __stryker__?: Namespace }).__stryker__

/** Under Stryker the instrumented sources are what is tested, so the harness runs them instead of dist/. */
export function underStryker(): boolean {
  return namespace() !== undefined
}

export interface StrykerChild {
  /** node flags that come before the script */
  execArgv: string[]
  env: Record<string, string>
  /** after the child has exited: its coverage, added to the test that spawned it */
  collect(): void
}

/** What a child running the action needs under Stryker (undefined otherwise); `dir` holds its coverage file. */
export function strykerChild(dir: string): StrykerChild | undefined {
  const ns = namespace()
  if (!ns) return undefined
  const file = join(dir, 'stryker-coverage.json')
  const testId = ns.currentTestId
  return {
    execArgv: ['--import', fileURLToPath(import.meta.url)],
    env: { [COVERAGE_FILE_ENV]: file, ...(ns.activeMutant ? { [ACTIVE_MUTANT_ENV]: ns.activeMutant } : {}) },
    collect() {
      if (!existsSync(file)) return
      const child = JSON.parse(readFileSync(file, 'utf8')) as Namespace['mutantCoverage']
      rmSync(file)
      if (!child) return
      ns.mutantCoverage ??= { static: {}, perTest: {} }
      if (testId) ns.mutantCoverage.perTest[testId] ??= {}
      const into = testId ? ns.mutantCoverage.perTest[testId]! : ns.mutantCoverage.static
      for (const hits of [child.static, ...Object.values(child.perTest)]) {
        for (const [id, count] of Object.entries(hits)) into[id] = (into[id] ?? 0) + count
      }
    },
  }
}

// Loaded with --import into the action's process: write what it covered as it exits, and every quarter second
// before, so that a step killed with SIGKILL (a test of what post does then) still reports what it reached.
const coverageFile = process.env[COVERAGE_FILE_ENV]
if (coverageFile) {
  const write = () => writeFileSync(coverageFile, JSON.stringify(namespace()?.mutantCoverage ?? null))
  setInterval(write, 250).unref()
  process.once('exit', write)
}
