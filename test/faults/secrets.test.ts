// The API key, the job's token and an `env` value passed from a secret, all recognisable, through a passing
// run, a failing one, one under faults and a cancelled one: every byte the action wrote (raw stdout, stderr,
// the GITHUB_OUTPUT/STATE/ENV/PATH/STEP_SUMMARY files, annotations), the sandbox's environment listing and the
// clone's .git/config are searched. The key and the token are nowhere; the env value only where it must be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.ts'
import { job, liveSandboxes, openProject, type Project } from '../action/project.ts'

const API_KEY = 'dtn_SecretAuditKey_7f3a9c1e5b2d8046'
const TOKEN = 'ghs_SecretAuditToken_4e8b2a6c0d9f1357'
const ENV_SECRET = 'envsecret-AuditValue-93c1d7b5'
/** the run lists the sandbox's environment and the clone's git config into the log, where they are searched */
const LISTING = 'echo env-listing; env; echo git-config; cat .git/config; echo listed'

let project: Project
beforeAll(async () => {
  project = await openProject({}, { apiKey: API_KEY })
})
afterAll(() => project.close())

/** Every byte a step wrote, labelled by where it went. */
function written(step: StepResult): Record<string, string> {
  return {
    'raw stdout': step.log,
    'raw stderr': step.rawStderr,
    'log as shown': step.stdout,
    'stderr as shown': step.stderr,
    GITHUB_OUTPUT: JSON.stringify(step.outputs),
    GITHUB_STATE: JSON.stringify(step.state),
    GITHUB_ENV: JSON.stringify(step.env),
    GITHUB_PATH: JSON.stringify(step.path),
    GITHUB_STEP_SUMMARY: step.summary,
    annotations: JSON.stringify(step.annotations),
  }
}

/** Where `secret` appears, leaving out the ::add-mask:: lines the runner consumes and never shows. */
function hits(steps: Record<string, StepResult>, secret: string, allowedLine?: RegExp): string[] {
  const found: string[] = []
  for (const [kind, step] of Object.entries(steps))
    for (const [where, text] of Object.entries(written(step)))
      for (const line of text.split('\n'))
        if (line.includes(secret) && !line.startsWith('::add-mask::') && !allowedLine?.test(line))
          found.push(`${kind} ${where}: ${line.slice(0, 120)}`)
  return found
}

const inputs = (run: string) => ({
  run: `${LISTING}\n${run}`,
  env: `MY_SECRET=${ENV_SECRET}\nPLAIN=visible`,
  'mask-env': 'MY_SECRET',
})

const scenarios: [string, () => Promise<{ main: StepResult; post: StepResult }>][] = [
  ['a passing run', () => secretJob(inputs('echo passed'))],
  ['a failing run', () => secretJob(inputs('echo failing; exit 3'))],
  [
    'a run under faults',
    async () => {
      await project.emulator.admin.faults({ method: 'POST', path: '^/api/sandbox$', status: 502, times: 1 })
      await project.emulator.admin.faults({ method: 'GET', path: '^/toolbox/', drop: true, times: 2 })
      await project.emulator.admin.faults({
        method: 'DELETE',
        path: '^/api/sandbox/',
        conflict: true,
        times: 1,
      })
      return secretJob(inputs('echo passed'))
    },
  ],
  [
    'a cancelled run',
    () =>
      secretJob(inputs('echo started-long-command; sleep 120'), {
        pattern: /^started-long-command$/m,
        signal: 'SIGINT',
        thenTermAfterMs: 7500,
      }),
  ],
]

function secretJob(
  with_: Record<string, string>,
  signalMain?: { pattern: RegExp; signal: NodeJS.Signals; thenTermAfterMs?: number },
) {
  return job(project, with_, { githubToken: TOKEN, secrets: [API_KEY, ENV_SECRET], signalMain })
}

describe('secrets', () => {
  it.each(scenarios)('never show the key or the token in %s', async (_, run) => {
    try {
      const { main, post } = await run()
      // the listings were made, so they are among the bytes searched
      expect(main.log).toMatch(/^env-listing$[\s\S]*^git-config$[\s\S]*^listed$/m)
      expect(main.log).toMatch(/^PLAIN=visible$/m)
      expect(main.log).toMatch(/^\[remote "origin"\]$/m)
      const steps = { main, post }
      expect(hits(steps, API_KEY)).toEqual([])
      expect(hits(steps, TOKEN)).toEqual([])
      // the env value is in the sandbox's environment by design, and nowhere else
      expect(main.log).toContain(`MY_SECRET=${ENV_SECRET}`)
      expect(hits(steps, ENV_SECRET, /^MY_SECRET=/)).toEqual([])
      expect(main.stdout).toMatch(/^MY_SECRET=\*\*\*$/m)
    } finally {
      await project.emulator.admin.clearFaults()
    }
    expect(await liveSandboxes(project)).toEqual([])
  })
})
