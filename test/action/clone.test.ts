// What the action clones for a tag or an explicit `ref`, and how it reads the clone's HEAD back. The emulator,
// like Daytona's daemon, clones branches only (refs/heads/<branch>): a tag is reached through the default
// branch's whole history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bareRepoPath, commit, git, pushEvent, revParse } from '../../runner/git-fixtures.ts'
import { BASE, job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
/** the default branch's tip, tagged v1.0 */
let mainSha: string
beforeAll(async () => {
  project = await openProject()
  mainSha = await revParse(project.git, BASE, 'main')
  const bare = bareRepoPath(project.git, BASE)
  await git(bare, 'tag', 'v1.0', mainSha)
  // a tag on the pull request's branch, which the default branch does not hold
  await git(bare, 'tag', 'feature-only', project.headSha)
  // main moves on after the tag, so the tag is not simply the default branch's tip
  await commit(project.git, BASE, { 'later.txt': 'later\n' }, { message: 'After v1.0' })
})
afterAll(() => project.close())

const tagPush = (tag: string, sha: string) => pushEvent({ repo: BASE, sha, ref: `refs/tags/${tag}` })

describe('tags', () => {
  it('tests the tagged commit of a tag push', async () => {
    const { main } = await job(project, { run: 'git rev-parse HEAD' }, { event: tagPush('v1.0', mainSha) })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(`Checked out ${BASE} at ${mainSha}.`)
    expect(main.outputs.results).toContain('"exitCode":0')
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('says why a tag whose commit the default branch does not hold cannot be tested', async () => {
    const { main } = await job(project, { run: 'true' }, { event: tagPush('feature-only', project.headSha) })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors.join('\n')).toMatch(/tag feature-only .*clones branches only.*default branch/s)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('checks out ref: refs/tags/<tag> of another event from the default branch history', async () => {
    const { main } = await job(project, { run: 'git rev-parse HEAD', ref: 'refs/tags/v1.0' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(`Checked out ${BASE} at ${mainSha}.`)
  })
})

describe('ref', () => {
  it("takes a commit SHA through the event's branch (the pull request's head branch)", async () => {
    const { main } = await job(project, {
      run: 'git rev-parse HEAD\ncat src/widget.txt',
      ref: project.headSha,
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(`Checked out ${BASE} at ${project.headSha}.`)
    expect(main.stdout).toContain('a widget')
  })

  it('refuses refs/pull/… at once, in one line, before any request', async () => {
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'true', ref: 'refs/pull/7/head' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toEqual([expect.stringMatching(/^Input 'ref' must be a branch, tag or commit SHA/)])
    expect(errors[0]).not.toContain('\n')
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('points at refs/tags/ when a branch named in ref does not exist (it may be a tag)', async () => {
    const { main } = await job(project, { run: 'true', ref: 'v1.0' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors.join('\n')).toContain('Branch v1.0 was not found in acme/widgets')
    expect(errors.join('\n')).toContain('refs/tags/v1.0')
  })
})

describe("the clone's HEAD", () => {
  it('needs no git program in the image: the daemon clones, and its API says which commit is checked out', async () => {
    const { main } = await job(project, {
      image: 'python:3.12-slim',
      run: 'if git --version; then exit 1; fi\ncat src/widget.txt',
    })
    expect(main.exitCode).toBe(0)
    // bash's words for a program the image does not have
    expect(main.stdout).toContain('git: command not found')
    expect(main.stdout).toContain(`Checked out ${BASE} at ${project.headSha}.`)
    expect(main.stdout).toContain('a widget')
    expect(await liveSandboxes(project)).toEqual([])
  })
})
