// A small project with a pull request, a Daytona emulator, and the bundled action run against both exactly as
// the runner runs it. Every end-to-end test file starts from here.
import type { EmulatorOptions } from '../../emulator/server.ts'
import {
  commit,
  forkRepo,
  type GitServerDir,
  makeGitServer,
  makeRepo,
  openPullRequest,
  removeGitServer,
} from '../../runner/git-fixtures.ts'
import { type GitHubApi, startGitHubApi } from '../../runner/github-api.ts'
import {
  type JobOptions,
  runJob,
  runStep,
  type SignalAfter,
  type StepOptions,
  type StepResult,
} from '../../runner/job.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

export const BASE = 'acme/widgets'

export interface Project {
  emulator: EmulatorHarness
  git: GitServerDir
  /** answers the action's GitHub API calls from the bare repositories */
  github: GitHubApi
  /** the pull request's event and head commit */
  event: { name: string; payload: Record<string, unknown> }
  headSha: string
  /** inputs every run needs: the emulator's key and URL */
  inputs: Record<string, string>
  /** the job's env: GITHUB_SERVER_URL points at the folder of bare repositories */
  env: Record<string, string>
  close(): Promise<void>
}

export async function openProject(
  files: Record<string, string> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<Project> {
  const emulator = await withEmulator(emulatorOptions)
  const git = await makeGitServer()
  await makeRepo(git, BASE, { 'README.md': '# widgets\n', 'test.sh': 'echo "tests pass"\n', ...files })
  await commit(git, BASE, { 'src/widget.txt': 'a widget\n' }, { branch: 'feature', message: 'Add a widget' })
  const pr = await openPullRequest(git, { base: BASE, head: BASE, headRef: 'feature', number: 7 })
  const github = await startGitHubApi(git)
  return {
    emulator,
    git,
    github,
    event: pr.event,
    headSha: pr.headSha,
    inputs: { 'api-key': emulator.apiKey, 'api-url': emulator.apiUrl },
    env: { GITHUB_SERVER_URL: git.serverUrl, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: BASE },
    async close() {
      await github.close()
      await emulator.close()
      await removeGitServer(git)
    },
  }
}

export function job(
  project: Project,
  inputs: Record<string, string>,
  more: Partial<JobOptions> & { signalMain?: SignalAfter; timeoutMs?: number } = {},
) {
  return runJob({
    event: project.event,
    env: project.env,
    secrets: [project.emulator.apiKey],
    ...more,
    inputs: { ...project.inputs, ...inputs },
  })
}

export function mainStep(
  project: Project,
  inputs: Record<string, string>,
  more: StepOptions & Partial<JobOptions>,
) {
  return runStep('main', {
    event: project.event,
    env: project.env,
    secrets: [project.emulator.apiKey],
    ...more,
    inputs: { ...project.inputs, ...inputs },
  })
}

/** A pull request from a fork of the project (`owner/widgets`), whose head branch adds `files`. */
export async function openForkPullRequest(
  project: Project,
  opts: { owner: string; number: number; files: Record<string, string>; name?: 'pull_request_target' },
): Promise<{ name: string; payload: Record<string, unknown> }> {
  const fork = `${opts.owner}/widgets`
  await forkRepo(project.git, BASE, fork)
  await commit(project.git, fork, opts.files, { branch: 'contribution' })
  const pr = await openPullRequest(project.git, {
    base: BASE,
    head: fork,
    headRef: 'contribution',
    number: opts.number,
    name: opts.name,
  })
  return pr.event
}

/**
 * Sandboxes nobody has deleted. A deleted one is not counted while Daytona still tears it down: an errored
 * sandbox, for one, is reported `error` until its runner has destroyed it (the state follows the DB's, §2.3).
 */
export async function liveSandboxes(
  project: Project,
): Promise<{ id: string; name: string; state: string }[]> {
  const all = await project.emulator.admin.sandboxes()
  return all.filter(
    (sandbox: { state: string; desiredState: string }) =>
      sandbox.desiredState !== 'destroyed' && !['destroyed', 'destroying'].includes(sandbox.state),
  )
}

/** After a test: no faults left armed and no sandbox left alive, so one failure does not cascade into others. */
export async function leaveClean(project: Project): Promise<void> {
  await project.emulator.admin.clearFaults()
  for (const sandbox of await liveSandboxes(project)) {
    await project.emulator.api('DELETE', `/sandbox/${sandbox.id}`)
  }
}

export function results(step: StepResult): {
  command: string
  exitCode: number | null
  durationMs: number
  timedOut: boolean
  skipped: boolean
}[] {
  return JSON.parse(step.outputs.results ?? '[]')
}

/** The raw log without the ::add-mask:: commands (which the runner never shows): where a secret must not be. */
export function visibleLog(step: StepResult): string {
  return step.log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}
