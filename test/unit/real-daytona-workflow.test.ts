// The real-service workflow runs cases of the emulator tests' corpus by name: each name must still be there, and
// the workflow must never run where a fork's code could meet the key.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { RUN_BLOCKS } from '../corpus/run-blocks.ts'

interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, { if?: string; strategy?: { matrix?: { case?: string[] } } }>
}
const workflow = parse(readFileSync('.github/workflows/real-daytona.yml', 'utf8')) as Workflow

describe('real-daytona.yml', () => {
  it('runs corpus blocks that exist, by their names', () => {
    const cases = workflow.jobs.corpus?.strategy?.matrix?.case ?? []
    expect(cases.length).toBeGreaterThan(3)
    const names = RUN_BLOCKS.map((block) => block.name)
    for (const name of cases) expect(names).toContain(name)
  })

  it('runs nightly and on demand only, and every job but the gate waits for the key', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (name !== 'gate') expect(job.if, name).toContain("needs.gate.outputs.has-key == 'true'")
    }
  })
})
