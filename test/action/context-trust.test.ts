// The workspace's Dockerfile and build context, as a hostile pull request would arrange them: links out of the
// workspace, a fork's build let in with allow-fork. The bundled action against the emulator.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.ts'
import { job, openForkPullRequest, openProject, type Project } from './project.ts'

let project: Project
const workspaces: string[] = []
beforeAll(async () => {
  project = await openProject()
})
afterAll(async () => {
  await project.close()
  await Promise.all(workspaces.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'context-trust-ws-'))
  workspaces.push(dir)
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  return dir
}

const errors = (step: StepResult) =>
  step.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

describe('the workspace a pull request arranged', () => {
  it('refuses a Dockerfile or a COPY source that a symbolic link leads out of the workspace, naming neither target', async () => {
    const outside = await workspace({
      id_rsa: 'RUNNER-PRIVATE-KEY\n',
      Dockerfile: 'FROM node:22\nRUN cat /etc/RUNNER-FILE\n',
    })
    const linkedDockerfile = await workspace({})
    await symlink(join(outside, 'Dockerfile'), join(linkedDockerfile, 'Dockerfile'))
    const linkedSource = await workspace({ Dockerfile: 'FROM node:22\nCOPY lnk/id_rsa /stolen\n' })
    await symlink(outside, join(linkedSource, 'lnk'))
    await project.emulator.admin.resetRequests()
    for (const ws of [linkedDockerfile, linkedSource]) {
      const { main } = await job(project, { run: 'true' }, { workspace: ws })
      expect(main.exitCode).not.toBe(0)
      expect(errors(main)).toMatch(/leads outside the (workspace|build context) through a symbolic link/)
      expect(main.log).not.toContain('RUNNER-')
      expect(main.log).not.toContain(outside)
    }
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('gives a fork build let in with allow-fork a name no trusted run reuses', async () => {
    const event = await openForkPullRequest(project, {
      owner: 'walter',
      number: 12,
      files: { Dockerfile: 'FROM node:22\n' },
      name: 'pull_request_target',
    })
    const ws = await workspace({ Dockerfile: 'FROM node:22\n' })
    const inputs = { run: 'true', 'snapshot-prefix': 'poison' }
    const fork = await job(project, { ...inputs, 'allow-fork': 'true' }, { event, workspace: ws })
    expect(fork.main.outputs.snapshot).toMatch(/^poison-untrusted-/)
    const { main: trusted } = await job(project, inputs, { workspace: ws })
    expect(trusted.outputs.snapshot).toMatch(/^poison-trusted-/)
    expect(trusted.outputs['snapshot-cache-hit']).toBe('false')
  })
})
