// Cancellation as the runner does it (SIGINT, then SIGTERM 7.5 s later, then the tree is killed), and a main
// step killed outright: whichever phase it hits, the sandbox goes and main is gone before the SIGTERM.
import { expect } from 'vitest'
import type { JobOptions } from '../../runner/job.ts'
import { job, type Project } from '../action/project.ts'

/** The runner sends SIGTERM this long after SIGINT; main must have ended on the SIGINT alone. */
const RUNNER_TERM_AFTER_MS = 7500
const EXIT_WITHIN_MS = 7000

/** SIGINT once main's stdout matches `pattern`; asserts a clean cancellation and describes it. */
export async function cancelDuring(
  project: Project,
  inputs: Record<string, string>,
  pattern: RegExp,
  more: Partial<JobOptions> = {},
): Promise<string> {
  let seen = ''
  let signalledAt: number | undefined
  let mainEndedAt: number | undefined
  const { main, post } = await job(project, inputs, {
    ...more,
    timeoutMs: 30_000,
    signalMain: { pattern, signal: 'SIGINT', thenTermAfterMs: RUNNER_TERM_AFTER_MS },
    onStdout: (chunk) => {
      seen += chunk
      if (signalledAt === undefined && pattern.test(seen)) signalledAt = performance.now()
    },
    onStepStart: (kind) => {
      if (kind === 'post') mainEndedAt = performance.now()
    },
  })
  expect(signalledAt, 'the phase was never reached').toBeDefined()
  const exitMs = Math.round((mainEndedAt ?? performance.now()) - (signalledAt ?? 0))
  expect(main.timedOut).toBe(false)
  // 130 is the SIGINT handler's own exit: a main still alive at the SIGTERM would end otherwise
  expect(main.exitCode, main.stdout).toBe(130)
  expect(main.annotations).toContainEqual(
    expect.objectContaining({ level: 'warning', message: expect.stringMatching(/cancelled/) }),
  )
  expect(exitMs).toBeLessThan(EXIT_WITHIN_MS)
  expect(post.exitCode).toBe(0)
  expect(post.annotations.filter((a) => a.level !== 'notice')).toEqual([])
  // Daytona refuses to delete a sandbox while a transition is pending (creating): then post deletes it
  const deleted = (step: { stdout: string }) => /Deleted sandbox/.test(step.stdout)
  const fate = !main.state['sandbox-name']
    ? 'no sandbox made yet'
    : deleted(main)
      ? 'deleted by main'
      : deleted(post)
        ? 'deleted by post'
        : 'gone'
  return `main exit ${main.exitCode} ${(exitMs / 1000).toFixed(1)} s after SIGINT; ${fate}`
}

/** SIGKILL once main's stdout matches `pattern`: post must delete what main's saved state names. */
export async function killDuring(
  project: Project,
  inputs: Record<string, string>,
  pattern: RegExp,
  savedBy: 'id' | 'name' = 'id',
): Promise<string> {
  const { main, post } = await job(project, inputs, {
    signalMain: { pattern, signal: 'SIGKILL' },
    timeoutMs: 90_000,
  })
  expect(main.signal).toBe('SIGKILL')
  expect(main.state['sandbox-name']).toBeTruthy()
  const by = main.state['sandbox-id'] ? 'id' : 'name'
  expect(by).toBe(savedBy)
  expect(post.exitCode).toBe(0)
  expect(post.stdout).toMatch(/Deleted sandbox/)
  return `main SIGKILL; post deleted it (saved ${by}), exit 0`
}
