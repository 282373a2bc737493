import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  assertTrusted,
  assertWorkspaceTrusted,
  type EventInfo,
  fromEnvironment,
  resolveSource,
  type Source,
  sandboxLabels,
  sandboxName,
  UntrustedForkError,
} from '../../src/github-context.ts'

const BASE_SHA = 'b'.repeat(40)
const HEAD_SHA = 'c'.repeat(40)
/** Each expected field equals the source's (undefined = absent). */
function expectFields(source: Source, expected: Partial<Source>): void {
  for (const [key, value] of Object.entries(expected))
    expect([key, source[key as keyof Source]]).toEqual([key, value])
}

const RUN = { runId: '9876543210', runAttempt: 2, job: 'test' }

function event(
  eventName: string,
  payload: Record<string, unknown> = {},
  extra: Partial<EventInfo> = {},
): EventInfo {
  return {
    eventName,
    payload,
    sha: BASE_SHA,
    ref: 'refs/heads/main',
    repository: 'acme/app',
    serverUrl: 'https://github.com',
    ...RUN,
    ...extra,
  }
}

function pullRequest(headRepo: string | null, number = 42) {
  return {
    pull_request: {
      number,
      head: { sha: HEAD_SHA, ref: 'feature/login', repo: headRepo === null ? null : { full_name: headRepo } },
      base: { sha: BASE_SHA, ref: 'main', repo: { full_name: 'acme/app' } },
    },
  }
}

const workflowRun = (headRepo: string) => ({
  workflow_run: {
    head_sha: HEAD_SHA,
    head_branch: 'feature/login',
    head_repository: { full_name: headRepo },
    pull_requests: headRepo === 'acme/app' ? [{ number: 42 }] : [],
  },
})

describe('resolveSource', () => {
  it.each<[string, EventInfo, Partial<Source>]>([
    [
      'push: the pushed commit of the workflow repository',
      event('push'),
      {
        repository: 'acme/app',
        sha: BASE_SHA,
        ref: 'main',
        refType: 'branch',
        isFork: false,
        prNumber: undefined,
      },
    ],
    [
      'push of a tag: the tag, at the event commit',
      event('push', {}, { ref: 'refs/tags/v1.2.0' }),
      { repository: 'acme/app', sha: BASE_SHA, ref: 'v1.2.0', refType: 'tag', isFork: false },
    ],
    [
      'release: its tag, at the event commit',
      event('release', { release: { tag_name: 'v2' } }, { ref: 'refs/tags/v2' }),
      { sha: BASE_SHA, ref: 'v2', refType: 'tag' },
    ],
    [
      'pull_request from the same repository: the PR head, not the merge commit',
      event('pull_request', pullRequest('acme/app'), { ref: 'refs/pull/42/merge' }),
      {
        repository: 'acme/app',
        sha: HEAD_SHA,
        ref: 'feature/login',
        refType: 'branch',
        prNumber: 42,
        isFork: false,
      },
    ],
    [
      'pull_request from a fork: the fork is cloned',
      event('pull_request', pullRequest('someone/app-fork')),
      {
        repository: 'someone/app-fork',
        baseRepository: 'acme/app',
        sha: HEAD_SHA,
        prNumber: 42,
        isFork: true,
        cloneUrl: 'https://github.com/someone/app-fork.git',
      },
    ],
    [
      'pull_request whose head differs only in case is not a fork',
      event('pull_request', pullRequest('ACME/App')),
      { isFork: false },
    ],
    [
      'pull_request_target from a fork',
      event('pull_request_target', pullRequest('someone/app')),
      { repository: 'someone/app', sha: HEAD_SHA, isFork: true, eventName: 'pull_request_target' },
    ],
    [
      'workflow_dispatch: the dispatched ref',
      event('workflow_dispatch', { inputs: {} }, { ref: 'refs/heads/release/2.0' }),
      { repository: 'acme/app', sha: BASE_SHA, ref: 'release/2.0', isFork: false },
    ],
    [
      'schedule without a branch ref',
      event('schedule', {}, { ref: '' }),
      { repository: 'acme/app', sha: BASE_SHA, ref: undefined },
    ],
    [
      'merge_group: the queue branch',
      event('merge_group', {}, { ref: 'refs/heads/gh-readonly-queue/main/pr-1' }),
      { sha: BASE_SHA, ref: 'gh-readonly-queue/main/pr-1' },
    ],
    [
      'workflow_run: the triggering run head',
      event('workflow_run', workflowRun('acme/app')),
      { repository: 'acme/app', sha: HEAD_SHA, ref: 'feature/login', prNumber: 42, isFork: false },
    ],
    [
      'workflow_run from a fork',
      event('workflow_run', workflowRun('someone/app')),
      { repository: 'someone/app', sha: HEAD_SHA, isFork: true, prNumber: undefined },
    ],
    [
      'GHES: clone from the enterprise server',
      event('push', {}, { serverUrl: 'https://ghe.example.com/' }),
      { cloneUrl: 'https://ghe.example.com/acme/app.git', serverUrl: 'https://ghe.example.com' },
    ],
    [
      'a file:// server for test folders',
      event('push', {}, { serverUrl: 'file:///tmp/repos' }),
      { cloneUrl: 'file:///tmp/repos/acme/app.git' },
    ],
  ])('%s', (_name, info, expected) => {
    const source = resolveSource(info, {})
    expectFields(source, { baseRepository: 'acme/app', eventName: info.eventName, ...expected })
  })

  it.each<[string, EventInfo, { repository?: string; ref?: string }, Partial<Source>]>([
    [
      'ref: a branch, HEAD taken as is',
      event('push'),
      { ref: 'develop' },
      { ref: 'develop', refType: 'branch', sha: '' },
    ],
    [
      'ref: refs/heads/ shortened',
      event('push'),
      { ref: 'refs/heads/develop' },
      { ref: 'develop', refType: 'branch', sha: '' },
    ],
    [
      'ref: refs/tags/ is a tag, found in the clone',
      event('push'),
      { ref: 'refs/tags/v1.0' },
      { ref: 'v1.0', refType: 'tag', sha: '' },
    ],
    [
      "ref: the event's own tag is the event commit",
      event('push', {}, { ref: 'refs/tags/v1.0' }),
      { ref: 'refs/tags/v1.0' },
      { ref: 'v1.0', refType: 'tag', sha: BASE_SHA },
    ],
    [
      "ref: a full SHA is the expected commit, reached through the event's branch",
      event('push'),
      { ref: 'ABCDEF'.repeat(7).slice(0, 40) },
      { ref: 'main', refType: 'branch', sha: 'abcdef'.repeat(7).slice(0, 40) },
    ],
    [
      'ref: a SHA on a pull request keeps the head branch',
      event('pull_request', pullRequest('acme/app')),
      { ref: 'd'.repeat(40) },
      { repository: 'acme/app', ref: 'feature/login', refType: 'branch', sha: 'd'.repeat(40), prNumber: 42 },
    ],
    [
      'ref: a SHA in another repository, reached through its default branch',
      event('push'),
      { repository: 'acme/tools', ref: 'e'.repeat(40) },
      { repository: 'acme/tools', ref: undefined, sha: 'e'.repeat(40) },
    ],
    [
      'repository: another repository at its default branch',
      event('push'),
      { repository: 'acme/tools' },
      {
        repository: 'acme/tools',
        sha: '',
        ref: undefined,
        isFork: true, // not the base repository: trusted no more than a fork
        cloneUrl: 'https://github.com/acme/tools.git',
      },
    ],
    [
      'repository and ref together',
      event('pull_request', pullRequest('someone/app')),
      { repository: 'acme/tools', ref: 'v2' },
      { repository: 'acme/tools', ref: 'v2', sha: '', prNumber: undefined, isFork: true },
    ],
    [
      'repository equal to the event repository keeps the event commit',
      event('push'),
      { repository: 'Acme/App' },
      { repository: 'acme/app', sha: BASE_SHA, ref: 'main' },
    ],
    [
      'ref on a fork PR keeps the fork',
      event('pull_request_target', pullRequest('someone/app')),
      { ref: 'other' },
      { repository: 'someone/app', ref: 'other', sha: '', isFork: true, prNumber: 42 },
    ],
  ])('override %s', (_name, info, overrides, expected) => {
    expectFields(resolveSource(info, overrides), expected)
  })

  it.each(['refs/pull/3/head', 'refs/pull/3/merge', 'refs/remotes/origin/main'])(
    'refuses ref %s, which no clone can check out, in one line',
    (ref) => {
      expect(() => resolveSource(event('push'), { ref })).toThrow(
        `Input 'ref' is "${ref}", which cannot be cloned: use a branch, a tag (refs/tags/<tag>) or a commit SHA.`,
      )
    },
  )

  it('takes no branch from a refs/pull event ref', () => {
    expectFields(resolveSource(event('check_run', {}, { ref: 'refs/pull/3/merge' }), {}), {
      sha: BASE_SHA,
      ref: undefined,
      refType: undefined,
    })
  })

  it('fails with a clear message when the fork of a PR was deleted', () => {
    expect(() => resolveSource(event('pull_request', pullRequest(null, 5)), {})).toThrow(
      'The head repository of pull request #5 no longer exists',
    )
  })

  it('fails when a pull_request payload has no head', () => {
    expect(() => resolveSource(event('pull_request', {}), {})).toThrow('has no pull_request.head')
  })
})

describe('assertTrusted', () => {
  it.each<[string, EventInfo, boolean, boolean]>([
    ['pull_request_target from a fork', event('pull_request_target', pullRequest('evil/app')), false, true],
    [
      'pull_request_target from a fork, allow-fork',
      event('pull_request_target', pullRequest('evil/app')),
      true,
      false,
    ],
    ['workflow_run from a fork', event('workflow_run', workflowRun('evil/app')), false, true],
    ['workflow_run from a fork, allow-fork', event('workflow_run', workflowRun('evil/app')), true, false],
    [
      'pull_request_target from the same repository',
      event('pull_request_target', pullRequest('acme/app')),
      false,
      false,
    ],
    [
      'pull_request from a fork (no secrets there)',
      event('pull_request', pullRequest('evil/app')),
      false,
      false,
    ],
    [
      'pull_request_review from a fork (no secrets there)',
      event('pull_request_review', pullRequest('evil/app')),
      false,
      false,
    ],
    ['push', event('push'), false, false],
    ['workflow_dispatch', event('workflow_dispatch'), false, false],
    ['issue_comment', event('issue_comment', { issue: { number: 4 } }), false, false],
  ])('%s → refused: %s', (_name, info, allowFork, refused) => {
    const check = () => assertTrusted(resolveSource(info, {}), allowFork)
    if (refused) expect(check).toThrow(UntrustedForkError)
    else expect(check).not.toThrow()
  })

  // Every event but a fork's pull_request carries secrets: what is cloned decides, whatever the inputs say.
  it.each<[string, EventInfo, { repository?: string; ref?: string }, boolean]>([
    [
      'issue_comment, repository: a fork',
      event('issue_comment', { issue: { number: 4 } }),
      { repository: 'evil/app' },
      true,
    ],
    ['workflow_dispatch, repository: a fork', event('workflow_dispatch'), { repository: 'evil/app' }, true],
    ['push, repository: another repository', event('push'), { repository: 'acme/tools' }, true],
    ['schedule, repository: a fork', event('schedule'), { repository: 'evil/app', ref: 'main' }, true],
    [
      'pull_request from the same repository, repository: a fork',
      event('pull_request', pullRequest('acme/app')),
      { repository: 'evil/app' },
      true,
    ],
    [
      'pull_request_target from a fork, ref: a branch of the fork',
      event('pull_request_target', pullRequest('evil/app')),
      { ref: 'other' },
      true,
    ],
    [
      'pull_request from a fork, repository: another fork (no secrets there)',
      event('pull_request', pullRequest('evil/app')),
      { repository: 'eve/app' },
      false,
    ],
    [
      'pull_request_target from a fork, repository: the base',
      event('pull_request_target', pullRequest('evil/app')),
      { repository: 'acme/app' },
      false,
    ],
    [
      'workflow_dispatch, repository: the base in other case',
      event('workflow_dispatch'),
      { repository: 'ACME/app' },
      false,
    ],
  ])('%s', (_name, info, overrides, refused) => {
    const source = resolveSource(info, overrides)
    if (refused) {
      expect(() => assertTrusted(source, false)).toThrow(UntrustedForkError)
      expect(() => assertTrusted(source, true)).not.toThrow()
    } else expect(() => assertTrusted(source, false)).not.toThrow()
  })

  it("never takes the workspace of a privileged fork event as the base's, whatever 'repository' says", () => {
    const source = resolveSource(event('pull_request_target', pullRequest('evil/app', 13)), {
      repository: 'acme/app',
    })
    expect(() => assertTrusted(source, false)).not.toThrow()
    expect(() => assertWorkspaceTrusted(source, false, 'Dockerfile')).toThrow(UntrustedForkError)
    expect(() => assertWorkspaceTrusted(source, false, 'Dockerfile')).toThrow(
      /Dockerfile .*evil\/app.*allow-fork/,
    )
    expect(() => assertWorkspaceTrusted(source, true, 'Dockerfile')).not.toThrow()
    for (const trusted of [
      resolveSource(event('pull_request', pullRequest('evil/app')), {}),
      resolveSource(event('pull_request_target', pullRequest('acme/app')), {}),
      resolveSource(event('push'), {}),
    ]) {
      expect(() => assertWorkspaceTrusted(trusted, false, 'Dockerfile')).not.toThrow()
    }
  })

  it('names another repository as such, not as a pull request', () => {
    const source = resolveSource(event('issue_comment', {}), { repository: 'evil/app' })
    expect(() => assertTrusted(source, false)).toThrow(/code from evil\/app under issue_comment/)
  })

  it('explains the risk and the opt-in on one line', () => {
    const source = resolveSource(event('pull_request_target', pullRequest('evil/app', 13)), {})
    const error = (() => {
      try {
        assertTrusted(source, false)
      } catch (err) {
        return err as Error
      }
    })()
    expect(error?.message).toContain('pull request #13 from fork evil/app under pull_request_target')
    expect(error?.message).toContain('pwn request')
    expect(error?.message).toContain("'allow-fork: true'")
    expect(error?.message).toContain('required reviewers')
    expect(error?.message).not.toContain('\n')
  })
})

describe('sandboxLabels', () => {
  it('labels a PR sandbox with repository, run, attempt, job, commit and PR', () => {
    const source = resolveSource(event('pull_request', pullRequest('someone/app')), {})
    expect(sandboxLabels(source, RUN)).toEqual({
      'daytona-action/repository': 'acme/app',
      'daytona-action/run-id': '9876543210',
      'daytona-action/run-attempt': '2',
      'daytona-action/job': 'test',
      'daytona-action/sha': HEAD_SHA,
      'daytona-action/pr': '42',
    })
  })

  it('leaves out the PR, and the commit when the ref has none', () => {
    const labels = sandboxLabels(resolveSource(event('push'), { ref: 'develop' }), RUN)
    expect(Object.keys(labels).sort()).toEqual([
      'daytona-action/job',
      'daytona-action/repository',
      'daytona-action/run-attempt',
      'daytona-action/run-id',
    ])
  })

  it('tells matrix legs apart', () => {
    const source = resolveSource(event('push'), {})
    const a = sandboxLabels(source, { ...RUN, matrix: '{"node":20}' })['daytona-action/matrix']
    const b = sandboxLabels(source, { ...RUN, matrix: '{"node":22}' })['daytona-action/matrix']
    expect(a).toMatch(/^node-20-[0-9a-f]{4}$/)
    expect(a).not.toBe(b)
  })
})

describe('sandboxName', () => {
  const VALID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
  const push = resolveSource(event('push'), {})

  it('is readable: repository, run, attempt, job', () => {
    const name = sandboxName(push, RUN, undefined, 'abc123')
    expect(name).toBe('app-9876543210-2-test-abc123')
  })

  it('differs for 20 matrix legs even with the same random part, and stays within the rules', () => {
    const legs = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({
        os: i % 2 ? 'ubuntu-latest' : 'ubuntu-24.04-arm',
        node: 18 + (i % 10),
        shard: `${i}/20`,
      }),
    )
    const names = legs.map((leg) => sandboxName(push, RUN, leg, 'fixed1'))
    expect(new Set(names).size).toBe(20)
    for (const name of names) {
      expect(name).toMatch(VALID)
      expect(name.length).toBeLessThanOrEqual(63)
    }
  })

  it('takes the matrix from the job identity', () => {
    expect(sandboxName(push, { ...RUN, matrix: 'node-22' }, undefined, 'x')).toBe(
      sandboxName(push, RUN, 'node-22', 'x'),
    )
  })

  it('is unique across calls for the same job (random part)', () => {
    const names = new Set(Array.from({ length: 50 }, () => sandboxName(push, RUN)))
    expect(names.size).toBe(50)
  })

  it.each<[string, string, { runId: string; runAttempt: number; job: string }, string | undefined]>([
    [
      'long names',
      'a-very-long-organisation/an-extremely-long-repository-name-indeed',
      { ...RUN, job: 'integration-tests-with-a-long-name' },
      'x'.repeat(300),
    ],
    [
      'HTML and URLs in the job',
      'acme/app',
      { ...RUN, job: '<script>https://evil.example/</script>' },
      undefined,
    ],
    ['unicode and spaces', 'acme/äpp', { ...RUN, job: 'Tests (ünïcode) 🚀' }, 'Node 22 / Ubuntu'],
    ['a huge run id', 'acme/app', { runId: '9'.repeat(40), runAttempt: 1, job: 'j' }, 'm'],
    ['empty job and symbols-only repo', 'acme/___', { ...RUN, job: '' }, undefined],
  ])('stays within Daytona name rules with %s', (_name, repository, run, matrix) => {
    const source = resolveSource(event('push', {}, { repository }), {})
    const name = sandboxName(source, run, matrix)
    expect(name).toMatch(VALID)
    expect(name.length).toBeLessThanOrEqual(63)
  })
})

describe('fromEnvironment', () => {
  it('reads the run and the event payload like @actions/github context', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ctx-')), 'event.json')
    writeFileSync(path, JSON.stringify(pullRequest('someone/app')))
    const info = fromEnvironment({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path,
      GITHUB_SHA: BASE_SHA,
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_RUN_ID: '123',
      GITHUB_RUN_ATTEMPT: '3',
      GITHUB_JOB: 'build',
      GITHUB_WORKFLOW: 'CI',
    })
    expect(info).toMatchObject({
      eventName: 'pull_request',
      sha: BASE_SHA,
      repository: 'acme/app',
      serverUrl: 'https://ghe.example.com',
      runId: '123',
      runAttempt: 3,
      job: 'build',
      workflow: 'CI',
    })
    expect(resolveSource(info, {})).toMatchObject({
      repository: 'someone/app',
      isFork: true,
      cloneUrl: 'https://ghe.example.com/someone/app.git',
    })
  })

  it('defaults the server to github.com and tolerates a missing event file', () => {
    const info = fromEnvironment({ GITHUB_EVENT_PATH: '/nonexistent.json', GITHUB_REPOSITORY: 'acme/app' })
    expect(info).toMatchObject({ payload: {}, serverUrl: 'https://github.com', runAttempt: 1 })
  })
})
