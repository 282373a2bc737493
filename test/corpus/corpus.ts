// The shared body of the corpus suites: every block, through the action and directly with bash, must agree.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../action/project.ts'
import { openCorpusProject, runWithAction, runWithBash } from './fixture.ts'
import { RUN_BLOCKS } from './run-blocks.ts'

export function corpusSuite(title: string, opts: { inputs: Record<string, string> }) {
  describe(title, () => {
    let project: Project
    const ports = { action: 0, bash: 0 }
    beforeAll(async () => {
      project = await openCorpusProject()
      ports.action = await freePort()
      ports.bash = await freePort()
    })
    afterAll(() => project.close())

    it.each(RUN_BLOCKS.map((block) => [block.name, block] as const))(
      '%s',
      async (_name, block) => {
        // the blocks' servers listen on $PORT: a port of their own for each run, free when the suite starts
        const action = await runWithAction(project, block, { ...opts.inputs, env: `PORT=${ports.action}` })
        const bash = await runWithBash(project, block, { PORT: String(ports.bash) })
        expect(action.codes, action.stdout).toEqual(block.codes)
        expect(action.output).toEqual(bash.output)
        const failed = block.codes.some((code) => code !== null && code !== 0)
        expect(action.exitCode === 0).toBe(!failed)
        // fail-fast: false has no bash equivalent: there the script's own result is its last command's
        if (block.failFast !== false) expect(bash.exitCode === 0).toBe(!failed)
        expect(action.sandboxesLeft).toBe(0)
      },
      300_000,
    ) // a virtualenv on a busy two-core machine takes its time
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
