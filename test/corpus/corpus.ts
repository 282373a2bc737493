// The shared body of the corpus suites: every block, through the action and directly with bash, must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../action/project.ts'
import { openCorpusProject, runWithAction, runWithBash } from './fixture.ts'
import { RUN_BLOCKS } from './run-blocks.ts'

export function corpusSuite(title: string, opts: { inputs: Record<string, string>; port: number }) {
  describe(title, () => {
    let project: Project
    beforeAll(async () => {
      project = await openCorpusProject()
    })
    afterAll(() => project.close())

    it.each(RUN_BLOCKS.map((block) => [block.name, block] as const))('%s', async (_name, block) => {
      const env = { PORT: String(opts.port) }
      const action = await runWithAction(project, block, {
        ...opts.inputs,
        env: `PORT=${opts.port + 1}`,
      })
      const bash = await runWithBash(project, block, env)
      expect(action.codes, action.stdout).toEqual(block.codes)
      expect(action.output).toEqual(bash.output)
      const failed = block.codes.some((code) => code !== null && code !== 0)
      expect(action.exitCode === 0).toBe(!failed)
      // fail-fast: false has no bash equivalent: there the script's own result is its last command's
      if (block.failFast !== false) expect(bash.exitCode === 0).toBe(!failed)
      expect(action.sandboxesLeft).toBe(0)
    })
  })
}
