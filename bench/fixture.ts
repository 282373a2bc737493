// What every measurement runs against: one in-process emulator (the tests' fast delays) and a pull request on
// a throwaway git server, with the bundled action run as the runner runs it (test/helpers/runner.ts).
import { type EmulatorHarness, withEmulator } from '../test/helpers/emulator.ts'
import {
  commit,
  type GitServerDir,
  makeGitServer,
  makeRepo,
  openPullRequest,
  removeGitServer,
} from '../test/helpers/git-fixtures.ts'
import { type JobOptions, runJob, type StepResult } from '../test/helpers/runner.ts'

export interface Fixture {
  /** a copy of action.yml and dist/ taken at the start: a rebuild running meanwhile cannot pull it away */
  actionDir: string
  emulator: EmulatorHarness
  git: GitServerDir
  event: { name: string; payload: Record<string, unknown> }
  close(): Promise<void>
}

export async function openFixture(actionDir: string): Promise<Fixture> {
  const emulator = await withEmulator({ apiKey: 'bench-api-key' })
  const git = await makeGitServer()
  try {
    await makeRepo(git, 'acme/bench', { 'README.md': '# bench\n' })
    await commit(git, 'acme/bench', { 'src/a.txt': 'a\n' }, { branch: 'feature', message: 'Change' })
    const pr = await openPullRequest(git, {
      base: 'acme/bench',
      head: 'acme/bench',
      headRef: 'feature',
      number: 1,
    })
    return {
      actionDir,
      emulator,
      git,
      event: pr.event,
      async close() {
        await emulator.close()
        await removeGitServer(git)
      },
    }
  } catch (err) {
    await emulator.close()
    await removeGitServer(git)
    throw err
  }
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
  const { main, post } = await runJob({
    event: fx.event,
    secrets: [fx.emulator.apiKey],
    timeoutMs: 120_000,
    actionDir: fx.actionDir,
    ...more,
    env: { GITHUB_SERVER_URL: fx.git.serverUrl, GITHUB_REPOSITORY: 'acme/bench', ...more.env },
    inputs: {
      'api-key': fx.emulator.apiKey,
      'api-url': fx.emulator.apiUrl,
      run: `${commands.join('\n')}\n`,
      timeout: '2m',
      summary: 'true',
    },
  })
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
