// The tests npm run mutation runs against each mutant (stryker.config.json): those that exercise the
// mutated modules, through the action's process (test/action, test/faults, via runner/job.ts) or in process
// (test/client, test/unit). Left out: the emulator's own tests (they never load src/), the harness and
// examples (they run the same action paths as test/action, several times slower), and the checks of the
// repository's files (README tables, workflows, supply chain, release), which read files, not behaviour.
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [
        'test/action/**/*.test.ts',
        'test/faults/**/*.test.ts',
        'test/client/**/*.test.ts',
        'test/unit/**/*.test.ts',
      ],
      exclude: [
        'test/unit/action-metadata.test.ts',
        'test/unit/readme-tables.test.ts',
        'test/unit/real-daytona-workflow.test.ts',
        'test/unit/release-check.test.ts',
        'test/unit/supply-chain.test.ts',
        'test/unit/workflow-lint.test.ts',
      ],
    },
  }),
)
