import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own emulator; two cores cannot run many at once usefully.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schema without an import attribute, which plain Node refuses:
    // let Vite transform it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
