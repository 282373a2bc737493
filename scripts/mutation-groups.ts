// What npm run mutation mutates, in groups: each group's modules and the test files that exercise them
// (stryker.config.mjs mutates their union; scripts/mutation.ts runs one group at a time), the quickest test
// files first: a mutant's run stops at its first failure.
export interface MutationGroup {
  mutate: string[]
  tests: string[]
}

export const GROUPS: Record<string, MutationGroup> = {
  retry: {
    mutate: ['src/daytona/retry.ts'],
    tests: ['test/client/retry.test.ts', 'test/client/retries.test.ts'],
  },
  fence: {
    mutate: ['src/untrusted-output.ts'],
    tests: [
      'test/unit/untrusted-output.test.ts',
      'test/action/fence.test.ts',
      'test/action/run.test.ts',
      'test/action/output.test.ts',
    ],
  },
  // the trust and fork decisions: forkOfPullRequest … risk, and the helpers they decide with
  trust: {
    mutate: ['src/github-context.ts:100-244', 'src/github-context.ts:307-333'],
    tests: [
      'test/unit/github-context.test.ts',
      'test/unit/github-context-edges.test.ts',
      'test/action/trust.test.ts',
    ],
  },
  // the key and token masked as read, the env values treated as secrets, the config and report redaction
  masking: {
    mutate: [
      'src/inputs.ts:184-197',
      'src/inputs.ts:224-226',
      'src/inputs.ts:273-325',
      'src/report/outcome.ts:85-94',
    ],
    tests: [
      'test/unit/inputs.test.ts',
      'test/unit/masking.test.ts',
      'test/unit/report-redact.test.ts',
      'test/faults/secrets.test.ts',
    ],
  },
  capacity: {
    mutate: ['src/capacity.ts'],
    tests: ['test/unit/capacity.test.ts', 'test/unit/capacity-wait.test.ts', 'test/action/capacity.test.ts'],
  },
  sweep: { mutate: ['src/sweep.ts'], tests: ['test/action/sweep.test.ts'] },
  cleanup: {
    mutate: ['src/cleanup.ts', 'src/saved-state.ts', 'src/post.ts'],
    tests: ['test/action/cleanup.test.ts', 'test/action/run.test.ts'],
  },
  sandbox: {
    mutate: ['src/sandbox.ts', 'src/daytona/sandboxes.ts'],
    tests: [
      'test/action/sandbox.test.ts',
      'test/client/sandboxes.test.ts',
      'test/action/queue-timeout.test.ts',
      'test/action/faults.test.ts',
    ],
  },
  commands: {
    mutate: ['src/commands.ts', 'src/shell/exec-text.ts'],
    tests: [
      'test/unit/exec-text.test.ts',
      'test/client/stream.test.ts',
      'test/client/commands-tail.test.ts',
      'test/client/process.test.ts',
      'test/action/commands-session.test.ts',
      'test/action/commands.test.ts',
      'test/action/run.test.ts',
      'test/action/shell.test.ts',
      'test/action/faults.test.ts',
    ],
  },
}
