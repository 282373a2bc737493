// Snapshots at scale, end to end through the bundled action against the emulator: a repository whose
// Dockerfile copies everything (a new environment per commit) stays within Daytona's default snapshot quota
// of 30 under a three-size matrix, a matrix meeting an inactive snapshot activates it once and every leg
// passes, and a build whose runner is assigned late (after build-logs-url gave up) still shows its log.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { EmulatorOptions } from '../../emulator/server.ts'
import { ORGANIZATION_ID } from '../../emulator/store.ts'
import type { StepResult } from '../../runner/job.ts'
import { job, openProject, type Project } from './project.ts'

const COPY_EVERYTHING = ['FROM node:22-bookworm', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', ''].join('\n')
const SIZES = [
  { cpu: '1', memory: '1' },
  { cpu: '2', memory: '2' },
  { cpu: '2', memory: '4' },
]
/** The soak runs 36 jobs: the emulator's own waits are kept short. */
const FAST: EmulatorOptions['delays'] = {
  createMs: 20,
  destroyMs: 20,
  startMs: 20,
  stopMs: 20,
  snapshotPendingMs: 20,
  buildStepMs: 5,
  pullMs: 20,
}
const QUOTA_STATES = ['building', 'pending', 'pulling', 'active']

const projects: Project[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.close()))
})
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

async function project(options: Partial<EmulatorOptions> = {}): Promise<Project> {
  const opened = await openProject({}, options)
  projects.push(opened)
  return opened
}

/** A runner workspace as actions/checkout leaves it at one commit. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-scale-ws-'))
  dirs.push(dir)
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  return dir
}

async function run(p: Project, inputs: Record<string, string>, ws: string): Promise<StepResult> {
  const { main } = await job(p, { run: 'true', ...inputs }, { workspace: ws, env: p.env })
  return main
}

function errors(step: StepResult): string {
  return step.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')
}

/** The lines the runner shows inside the group with this title. */
function group(step: StepResult, title: RegExp): string {
  const lines = step.stdout.split('\n')
  const start = lines.findIndex((line) => line.startsWith('##[group]') && title.test(line))
  if (start < 0) return ''
  const end = lines.findIndex((line, i) => i > start && line.startsWith('##[endgroup]'))
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

async function countingSnapshots(p: Project, prefix: string): Promise<string[]> {
  const res = await p.emulator.api('GET', '/_emulator/snapshots')
  return (res.body as { name: string; state: string; general: boolean }[])
    .filter((s) => !s.general && s.name.startsWith(`${prefix}-`) && QUOTA_STATES.includes(s.state))
    .map((s) => s.name)
}

describe('a Dockerfile that copies its whole context, 12 commits × a three-size matrix', () => {
  it('passes every run within the default quota of 30 and leaves at most 10 counting snapshots', {
    timeout: 240_000,
  }, async () => {
    const p = await project({ delays: FAST })
    const inputs = { 'snapshot-prefix': 'soak', 'prune-after': '0s' }
    const usage = await p.emulator.api('GET', `/organizations/${ORGANIZATION_ID}/usage`)
    expect(usage.body.totalSnapshotQuota).toBe(30)
    const names = new Set<string>()
    for (let commit = 1; commit <= 12; commit++) {
      const ws = await workspace({
        Dockerfile: COPY_EVERYTHING,
        'package.json': '{ "name": "soak" }\n',
        'src/version.txt': `commit ${commit}\n`,
      })
      const legs = await Promise.all(SIZES.map((size) => run(p, { ...inputs, ...size }, ws)))
      for (const leg of legs) {
        expect(leg.exitCode, errors(leg)).toBe(0)
        expect(leg.outputs['snapshot-cache-hit']).toBe('false')
        names.add(leg.outputs.snapshot!)
      }
      if (commit === 1) {
        const notice = legs[0]!.annotations.find(
          (a) => a.level === 'notice' && /whole build context/.test(a.message),
        )
        expect(notice?.message).toMatch(
          /line 3 copies the whole build context into the image \(COPY \.\).*COPY package\.json package-lock\.json/,
        )
      }
    }
    expect(names.size).toBe(36) // a new environment per commit and size: 36 snapshots made
    const left = await countingSnapshots(p, 'soak')
    expect(left.length).toBeLessThanOrEqual(10)
    expect(left.length).toBe(9) // keep-snapshots (3) per size
    const after = await p.emulator.api('GET', `/organizations/${ORGANIZATION_ID}/usage`)
    expect(after.body.currentSnapshotUsage).toBe(9)
  })
})

describe('a full snapshot quota', () => {
  const commitFiles = (commit: number) => ({
    Dockerfile: COPY_EVERYTHING,
    'package.json': '{ "name": "full" }\n',
    'src/version.txt': `commit ${commit}\n`,
  })

  it('is met by pruning this environment’s older snapshots at once, then building', async () => {
    const p = await project({ delays: FAST, limits: { snapshotQuota: 2 } })
    // keep-snapshots 3 would keep both older ones; the full quota makes room anyway
    const inputs = { 'snapshot-prefix': 'full', 'keep-snapshots': '3', 'prune-after': '0s' }
    for (const commit of [1, 2]) {
      const step = await run(p, inputs, await workspace(commitFiles(commit)))
      expect(step.exitCode, errors(step)).toBe(0)
    }
    const third = await run(p, inputs, await workspace(commitFiles(3)))
    expect(third.exitCode, errors(third)).toBe(0)
    expect(third.stdout).toMatch(
      /The snapshot quota is full: deleted this environment's older snapshots full-/,
    )
    expect((await countingSnapshots(p, 'full')).length).toBeLessThanOrEqual(2)
  })

  it('lets the legs of a matrix that need one new snapshot share it when the quota has room for one', async () => {
    const p = await project({ delays: FAST, limits: { snapshotQuota: 1 } })
    const inputs = { 'snapshot-prefix': 'tight', 'prune-after': '0s' }
    const first = await run(p, inputs, await workspace(commitFiles(1)))
    expect(first.exitCode, errors(first)).toBe(0)
    const ws = await workspace(commitFiles(2))
    const legs = await Promise.all(
      ['a', 'b', 'c'].map((leg) => run(p, { ...inputs, run: `echo ${leg}` }, ws)),
    )
    for (const leg of legs) expect(leg.exitCode, errors(leg)).toBe(0)
    expect(new Set(legs.map((leg) => leg.outputs.snapshot)).size).toBe(1)
    expect(await countingSnapshots(p, 'tight')).toEqual([legs[0]!.outputs.snapshot])
  })

  it('fails with the quota’s figures and what to do when nothing of this action may go', async () => {
    const p = await project({ delays: FAST, limits: { snapshotQuota: 2 } })
    const inputs = { 'snapshot-prefix': 'stuck' } // prune-after 10m: both older ones were just used
    for (const commit of [1, 2]) {
      const step = await run(p, inputs, await workspace(commitFiles(commit)))
      expect(step.exitCode, errors(step)).toBe(0)
    }
    const third = await run(p, inputs, await workspace(commitFiles(3)))
    expect(third.exitCode).toBe(1)
    expect(errors(third)).toMatch(
      /Daytona's snapshot quota is full \(2 of 2 snapshots count: those building, pending, pulling or active\), so snapshot stuck-trusted-[0-9a-f]{16} cannot be made ready\..*Delete snapshots you no longer need.*Snapshot quota exceeded\. Maximum allowed: 2/s,
    )
  })
})

describe('a three-leg matrix against a snapshot that went inactive', () => {
  it('activates it once and every leg passes, with each activate held 2 s', async () => {
    const p = await project()
    const ws = await workspace({ Dockerfile: 'FROM node:22-bookworm\nRUN true\n' })
    const inputs = { 'snapshot-prefix': 'asleep' }
    const first = await run(p, inputs, ws)
    expect(first.exitCode, errors(first)).toBe(0)
    await p.emulator.admin.deactivateSnapshot(first.outputs.snapshot!)
    await p.emulator.admin.faults({
      method: 'POST',
      path: '^/api/snapshots/[^/]+/activate$',
      latencyMs: 2000,
    })
    await p.emulator.admin.resetRequests()
    const legs = await Promise.all(
      ['a', 'b', 'c'].map((leg) => run(p, { ...inputs, run: `echo leg-${leg}` }, ws)),
    )
    for (const leg of legs) {
      expect(leg.exitCode, errors(leg)).toBe(0)
      expect(leg.outputs['snapshot-cache-hit']).toBe('true')
    }
    expect((await p.emulator.admin.requests()).routes['POST /api/snapshots/{id}/activate']).toBe(3)
    const waited = legs.filter((leg) => /being activated by another job: waiting/.test(leg.stdout))
    expect(waited.length).toBe(2)
  })

  it('waits out "deactivation is still in progress" right after Daytona deactivated it', async () => {
    // ten emulated minutes of refusal last 3 s
    const p = await project({ delays: { minuteMs: 300 } })
    const ws = await workspace({ Dockerfile: 'FROM node:22-bookworm\nRUN true\n' })
    const inputs = { 'snapshot-prefix': 'cooling' }
    const first = await run(p, inputs, ws)
    expect(first.exitCode, errors(first)).toBe(0)
    await p.emulator.admin.deactivateSnapshot(first.outputs.snapshot!, { justNow: true })
    const legs = await Promise.all(
      ['a', 'b', 'c'].map((leg) => run(p, { ...inputs, run: `echo leg-${leg}` }, ws)),
    )
    for (const leg of legs) expect(leg.exitCode, errors(leg)).toBe(0)
    expect(legs.some((leg) => /still deactivating snapshot/.test(leg.stdout))).toBe(true)
  })
})

describe('a build whose runner is assigned after build-logs-url stopped waiting', () => {
  it('shows the build log all the same', async () => {
    // 1/20 of the real times: the runner comes after 40 s, the server waits 30 s for it
    const p = await project({ delays: { runnerAssignMs: 2000, buildRunnerWaitMs: 1500 } })
    const ws = await workspace({ Dockerfile: 'FROM node:22-bookworm\nRUN echo busy-region\n' })
    await p.emulator.admin.resetRequests()
    const step = await run(p, { 'snapshot-prefix': 'busy' }, ws)
    expect(step.exitCode, errors(step)).toBe(0)
    expect(group(step, /Building snapshot/)).toMatch(
      /Step 2\/2 : RUN echo busy-region[\s\S]*Successfully built/,
    )
    // the first ask timed out with 404 "Timeout waiting for build runner assignment"; the second got the URL
    const routes = (await p.emulator.admin.requests()).routes
    expect(routes['GET /api/snapshots/{id}/build-logs-url']).toBeGreaterThanOrEqual(2)
  })
})
