// What every measurement runs against: one in-process emulator (the tests' fast delays) and a pull request on
// a throwaway git server, with the bundled action run as the runner runs it (runner/job.ts).

import type { JobOptions, StepResult } from '../runner/job.ts'
import { job, openProject, type Project } from '../test/action/project.ts'

export interface Fixture extends Project {
  /** a copy of action.yml and dist/ taken at the start: a rebuild running meanwhile cannot pull it away */
  actionDir: string
}

/** The e2e tests' project (emulator, git server, GitHub API stand-in, a pull request), run from `actionDir`. */
export async function openFixture(actionDir: string): Promise<Fixture> {
  return { ...(await openProject()), actionDir }
}

export interface JobRun {
  main: StepResult
  post: StepResult
}

/** One job (main, then post); throws unless both steps succeeded, so a broken action never yields numbers. */
export async function runBenchJob(
  fx: Fixture,
  commands: string[],
  more: Partial<JobOptions> & { timeoutMs?: number } = {},
): Promise<JobRun> {
  const { main, post } = await job(
    fx,
    { run: `${commands.join('\n')}\n`, timeout: '10m' },
    { timeoutMs: 300_000, actionDir: fx.actionDir, ...more, env: { ...fx.env, ...more.env } },
  )
  for (const [kind, step] of [
    ['main', main],
    ['post', post],
  ] as const) {
    if (step.exitCode !== 0) {
      const tail = `${step.stdout}\n${step.stderr}`.trim().split('\n').slice(-15).join('\n')
      throw new Error(`the ${kind} step failed (${step.exitCode ?? step.signal}):\n${tail}`)
    }
  }
  return { main, post }
}

/** The results output: one entry per command, with the duration main measured around it. */
export function commandDurations(main: StepResult): number[] {
  const results = JSON.parse(main.outputs.results ?? '[]') as { durationMs: number }[]
  return results.map((r) => r.durationMs)
}
