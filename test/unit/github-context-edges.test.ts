// The trust and fork decisions at their edges: payloads that miss a field or carry one of the wrong type, refs
// that only look like refs, and the words of a refusal. What is cloned and whether a run may use the
// repository's secrets on it follow from these; a payload field read wrongly is a fork run as trusted.
import { describe, expect, it } from 'vitest'
import {
  assertTrusted,
  assertWorkflowRun,
  type EventInfo,
  forkOfPullRequest,
  resolveSource,
  UntrustedForkError,
  WorkflowContextError,
} from '../../src/github-context.ts'

const BASE_SHA = 'b'.repeat(40)
const HEAD_SHA = 'c'.repeat(40)

function event(
  eventName: string,
  payload: Record<string, unknown> = {},
  extra: Partial<EventInfo> = {},
): EventInfo {
  return {
    ...{ eventName, payload, sha: BASE_SHA, ref: 'refs/heads/main', repository: 'acme/app' },
    ...{ serverUrl: 'https://github.com', runId: '1', runAttempt: 1, job: 'test' },
    ...extra,
  }
}

const pr = (head: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  pull_request: { number: 42, head, base: { sha: BASE_SHA, repo: { full_name: 'acme/app' } }, ...extra },
})
const fork = { sha: HEAD_SHA, ref: 'topic', repo: { full_name: 'someone/app' } }

describe('forkOfPullRequest', () => {
  it("names the head repository when it is not the payload's base, which it reads when not given one", () => {
    expect(forkOfPullRequest(pr(fork))).toBe('someone/app')
    expect(forkOfPullRequest(pr(fork), 'someone/app')).toBeUndefined()
    expect(forkOfPullRequest(pr({ ...fork, repo: { full_name: 'ACME/App' } }))).toBeUndefined()
  })

  it('names no fork when the head repository is gone, not a name, or there is no base to compare with', () => {
    expect(forkOfPullRequest(pr({ ...fork, repo: null }))).toBeUndefined()
    expect(forkOfPullRequest(pr({ ...fork, repo: { full_name: 42 } }))).toBeUndefined()
    expect(forkOfPullRequest({ pull_request: { head: fork } })).toBeUndefined()
    expect(forkOfPullRequest({})).toBeUndefined()
  })
})

describe('resolveSource from a payload missing fields', () => {
  it('refuses a pull request head without a commit', () => {
    const { sha: _, ...noSha } = fork
    expect(() => resolveSource(event('pull_request', pr(noSha)), {})).toThrow('has no pull_request.head')
  })

  it('takes no branch and no number it cannot read as such', () => {
    const { ref: _, ...noRef } = fork
    const source = resolveSource(event('pull_request', pr(noRef, { number: '42' })), {})
    expect([source.sha, source.ref, source.refType, source.prNumber]).toEqual([
      HEAD_SHA,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('falls back to the workflow repository for a workflow_run without a readable head', () => {
    for (const run of [
      undefined,
      { head_sha: HEAD_SHA },
      { head_repository: { full_name: 'someone/app' } },
    ]) {
      const source = resolveSource(event('workflow_run', { workflow_run: run }), {})
      expect([source.repository, source.sha, source.isFork]).toEqual(['acme/app', BASE_SHA, false])
    }
  })

  it("takes a workflow_run's branch and number only when they are what they claim, and knows a fork's run", () => {
    const run = { head_sha: HEAD_SHA, head_repository: { full_name: 'someone/app' }, head_branch: 7 }
    const source = resolveSource(
      event('workflow_run', { workflow_run: { ...run, pull_requests: [{ number: 'x' }] } }),
      {},
    )
    expect([source.repository, source.ref, source.refType, source.prNumber]).toEqual([
      'someone/app',
      undefined,
      undefined,
      undefined,
    ])
    expect([source.isFork, source.eventFork, source.privileged]).toEqual([true, 'someone/app', true])
  })

  it("follows the event's name, not a workflow_run its payload happens to hold", () => {
    const run = { head_sha: HEAD_SHA, head_repository: { full_name: 'someone/app' } }
    expect(resolveSource(event('push', { workflow_run: run }), {}).repository).toBe('acme/app')
  })
})

describe('resolveSource with refs', () => {
  it('trims every trailing slash of the server URL', () => {
    expect(resolveSource(event('push', {}, { serverUrl: 'https://ghe.example//' }), {}).cloneUrl).toBe(
      'https://ghe.example/acme/app.git',
    )
  })

  it('reads a plain name that contains refs/heads/ as a branch of that name', () => {
    expect(resolveSource(event('push'), { ref: 'topic/refs/heads/x' })).toMatchObject({
      ref: 'topic/refs/heads/x',
      refType: 'branch',
    })
  })

  it('refuses a ref with a line break', () => {
    expect(() => resolveSource(event('push'), { ref: 'refs/heads/a\nb' })).toThrow('cannot be cloned')
  })

  it("looks up another tag than the event's own in the clone instead of trusting the event's commit", () => {
    const source = resolveSource(event('push', {}, { ref: 'refs/tags/v1' }), { ref: 'refs/tags/v2' })
    expect([source.ref, source.refType, source.sha]).toEqual(['v2', 'tag', ''])
  })
})

describe('the refusals', () => {
  it('names the repository, not a pull request, for a fork run without a number', () => {
    const run = { head_sha: HEAD_SHA, head_repository: { full_name: 'someone/app' }, pull_requests: [] }
    const source = resolveSource(event('workflow_run', { workflow_run: run }), {})
    expect(() => assertTrusted(source, false)).toThrow(
      new UntrustedForkError(
        `Refusing to run code from someone/app under workflow_run: this event runs with acme/app's secrets and a ` +
          `write token, so running a fork's code is a "pwn request" risk. Review the change first and set ` +
          `'allow-fork: true' (ideally behind an environment with required reviewers), or use the pull_request ` +
          'event, which runs fork code without secrets.',
      ),
    )
  })

  it('refuses to run outside a workflow run, saying so in one line', () => {
    expect(() => assertWorkflowRun(event('push', {}, { repository: '' }))).toThrow(
      new WorkflowContextError(
        "Input 'repository' has nothing to default to: GITHUB_REPOSITORY is not set and there is no event " +
          'payload (GITHUB_EVENT_PATH), so this is not a GitHub Actions workflow run. Run the action as a step ' +
          'of a workflow job.',
      ),
    )
    expect(() => assertWorkflowRun(event('push'))).not.toThrow()
    expect(new WorkflowContextError('x').name).toBe('WorkflowContextError')
  })
})
