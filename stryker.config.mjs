// npm run mutation: mutation testing of the modules where a mistake costs users the most (README, "Tests that
// catch breaks"). The end-to-end tests run the action from its instrumented sources in a child process;
// runner/stryker.ts carries the active mutant there and the child's coverage back.
import { GROUPS } from './scripts/mutation-groups.ts'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false, because the end-to-end tests reach src/ through a child process, not through imports.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // The machine's two cores; each worker runs its tests one file at a time.
  concurrency: 2,
  // every group's modules (scripts/mutation-groups.ts); npm run mutation runs one group at a time
  mutate: Object.values(GROUPS).flatMap((group) => group.mutate),
  // Mutants that only run as a module loads (constants) need the whole suite each: reported as ignored.
  ignoreStatic: true,
  // TypeScript 7 has no JavaScript API, which Stryker's tsconfig rewriting calls; the sandbox needs no
  // tsconfig (Node and vitest strip the types), so point it at none.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  // The end-to-end tests wait on an emulator and child processes: give a mutant's run room before timing out.
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/incremental.json',
  thresholds: { high: 90, low: 80, break: null },
}
