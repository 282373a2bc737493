// The tests npm run mutation runs against each mutant (stryker.config.json): those that exercise the
// mutated modules, through the action's process (test/action, test/faults, via runner/job.ts) or in process
// (test/client, test/unit). Left out: the emulator's own tests (they never load src/), the harness and
// examples (they run the same action paths as test/action, several times slower), and the checks of the
// repository's files (README tables, workflows, supply chain, release), which read files, not behaviour.
import { statSync } from 'node:fs'
import { defineConfig, mergeConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import base from './vitest.config.ts'

/**
 * Quick, pointed test files first: Stryker stops a mutant's run at its first failing test, so a killed mutant
 * should seldom wait for a long end-to-end file (vitest's own order puts the slowest first). The order is the
 * group's (MUTATION_TEST_ORDER, set by scripts/mutation.ts, fastest first); files it does not name come after,
 * smallest first.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = (process.env.MUTATION_TEST_ORDER ?? '').split(',').filter(Boolean)
    const rank = (file: TestSpecification) => {
      const at = order.findIndex((name) => file.moduleId.endsWith(`/${name}`))
      return at < 0 ? order.length : at
    }
    const size = (file: TestSpecification) => statSync(file.moduleId).size
    return [...files].sort((a, b) => rank(a) - rank(b) || size(a) - size(b))
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      sequence: { sequencer: QuickFirst },
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
