import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pullRequestEvent } from '../../runner/git-fixtures.ts'
import { DEFAULT_GITHUB_TOKEN, parseFileCommands, runJob, runStep } from '../../runner/job.ts'
import { makeFakeAction } from './fake-action.ts'

let actionDir = ''
beforeAll(async () => {
  actionDir = await makeFakeAction()
})
afterAll(async () => {
  await rm(actionDir, { recursive: true, force: true })
})

const envOf = (outputs: Record<string, string>) => JSON.parse(outputs.env ?? '{}') as Record<string, string>

describe('parseFileCommands', () => {
  it('reads the heredoc form @actions/core writes and the name=value form', () => {
    const text = 'a<<ghadelimiter_1\nline1\nline2\nghadelimiter_1\nb=x=y\nempty<<EOF\nEOF\n'
    expect(parseFileCommands(text)).toEqual({ a: 'line1\nline2', b: 'x=y', empty: '' })
  })

  it('rejects an unterminated heredoc', () => {
    expect(() => parseFileCommands('a<<EOF\nno end\n')).toThrow(/unterminated heredoc for a/)
  })
})

describe('runJob against a fake action built on @actions/core', () => {
  it('passes inputs as INPUT_<NAME> with hyphens kept and applies action.yml defaults', async () => {
    const { main } = await runJob({ actionDir, inputs: { 'who-to-greet': 'Mona', 'api-key': 'dtn_secret' } })
    const env = envOf(main.outputs)
    expect(main.exitCode).toBe(0)
    expect(env['INPUT_WHO-TO-GREET']).toBe('Mona')
    expect(env['INPUT_API-KEY']).toBe('dtn_secret')
    expect(env.INPUT_TOKEN).toBe(DEFAULT_GITHUB_TOKEN)
    expect(env['INPUT_REPO-DEFAULT']).toBe('octo-org/example')
    expect(env['INPUT_OTHER-EXPR']).toBe('')
    expect(env.INPUT_MODE).toBe('ok')
    expect(env).not.toHaveProperty('INPUT_NO-DEFAULT')
    expect(main.stdout).toContain('hello Mona')
  })

  it('gives the step the runner variables and nothing else from the host', async () => {
    vi.stubEnv('HARNESS_LEAK_CHECK', 'must not pass')
    const { main } = await runJob({ actionDir, inputs: {}, env: { GITHUB_RUN_ID: '99' } })
    vi.unstubAllEnvs()
    const env = envOf(main.outputs)
    expect(env).not.toHaveProperty('HARNESS_LEAK_CHECK')
    expect(env).toMatchObject({ GITHUB_ACTIONS: 'true', CI: 'true', RUNNER_OS: 'Linux', GITHUB_RUN_ID: '99' })
    for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'])
      expect(env[name]).toMatch(/^\//)
    expect(env.RUNNER_TEMP).toBeTruthy()
    expect(main.outputs.cwd).toBe(env.GITHUB_WORKSPACE)
  })

  it('writes a push event for GITHUB_REPOSITORY when no event is given', async () => {
    const { outputs } = await runStep('main', {
      actionDir,
      inputs: {},
      env: { GITHUB_REPOSITORY: 'acme/tool' },
    })
    expect(envOf(outputs).GITHUB_EVENT_NAME).toBe('push')
    expect(JSON.parse(outputs.event!)).toMatchObject({
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/tool' },
    })
  })

  it('derives GITHUB_REF and GITHUB_SHA from a pull_request event like GitHub does', async () => {
    const event = pullRequestEvent({
      base: 'acme/app',
      head: 'fork/app',
      headRef: 'fix',
      headSha: 'a'.repeat(40),
      baseSha: 'b'.repeat(40),
      mergeSha: 'c'.repeat(40),
      number: 7,
    })
    const pr = envOf((await runStep('main', { actionDir, inputs: {}, event })).outputs)
    expect(pr).toMatchObject({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' })
    expect(pr).toMatchObject({
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_HEAD_REF: 'fix',
      GITHUB_REPOSITORY: 'acme/app',
    })
    const target = envOf(
      (await runStep('main', { actionDir, inputs: {}, event: { ...event, name: 'pull_request_target' } }))
        .outputs,
    )
    expect(target).toMatchObject({ GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'b'.repeat(40) })
  })

  it('reads outputs, state and summary, and gives post the state, inputs and exported env', async () => {
    const { main, post } = await runJob({ actionDir, inputs: { 'who-to-greet': 'Hubot' } })
    expect(main.outputs.multi).toBe('line1\nline2')
    expect(main.state).toEqual({ 'sandbox-id': 'sb-123', Mixed_Case: 'kept as saved' })
    expect(main.summary).toContain('<h1>Fake results</h1>')
    expect(main.summary).toContain('<td>make</td>')
    expect(main.env).toEqual({ FROM_MAIN: 'exported' })
    expect(post.exitCode).toBe(0)
    const env = envOf(post.outputs)
    expect(env.STATE_Mixed_Case).toBe('kept as saved')
    expect(env['STATE_sandbox-id']).toBe('sb-123')
    expect(env['INPUT_WHO-TO-GREET']).toBe('Hubot')
    expect(env.FROM_MAIN).toBe('exported')
    expect(env.PATH?.split(':')[0]).toBe('/opt/fake/bin')
    expect(post.stdout).toContain('post sees sandbox sb-123')
  })

  it('turns workflow commands into annotations, groups and masks, keeping the raw log', async () => {
    const { main } = await runJob({ actionDir, inputs: { 'api-key': 'dtn_topsecret' } })
    expect(main.annotations).toEqual([
      { level: 'warning', message: '50% done: a, b', title: 'Heads up: x, y', file: 'src/a.ts', line: 7 },
      { level: 'notice', message: 'just so you know' },
    ])
    expect(main.stdout).toContain('##[group]Setup\ninside the group\n##[endgroup]')
    expect(main.stdout).toContain('::error::printed by a command, not an annotation')
    expect(main.stdout).toContain('the key is ***')
    expect(main.stdout).not.toContain('dtn_topsecret')
    expect(main.stdout).not.toContain('hidden debug')
    expect(main.log).toContain('::group::Setup')
    expect(main.log).toContain('::add-mask::dtn_topsecret')
    expect(main.stderr).toBe('to stderr')
    expect(main.masks).toContain('dtn_topsecret')
  })

  it('reports a failed main step and still runs post under post-if: always()', async () => {
    const { main, post } = await runJob({ actionDir, inputs: { mode: 'fail' } })
    expect(main.exitCode).toBe(1)
    expect(main.annotations).toContainEqual({ level: 'error', message: 'boom\nsecond line' })
    expect(post.skipped).toBe(false)
    expect(post.exitCode).toBe(0)
  })

  it('skips post when post-if is success() and main failed', async () => {
    const strict = await makeFakeAction({ postIf: 'success()' })
    try {
      const { main, post } = await runJob({ actionDir: strict, inputs: { mode: 'fail' } })
      expect(main.exitCode).toBe(1)
      expect(post.skipped).toBe(true)
    } finally {
      await rm(strict, { recursive: true, force: true })
    }
  })

  it('sends a signal once stdout matches, like a cancelled run', async () => {
    const { main, post } = await runJob({
      actionDir,
      inputs: { mode: 'hang-trap' },
      signalMain: { pattern: /waiting for a signal/, signal: 'SIGINT' },
    })
    expect(main.exitCode).toBe(130)
    expect(main.stdout).toContain('got SIGINT, cleaning up')
    expect(post.stdout).toContain('post sees sandbox sb-123')
  })

  it('kills a step that outlives timeoutMs and says so', async () => {
    const result = await runStep('main', { actionDir, inputs: { mode: 'hang' }, timeoutMs: 1500 })
    expect(result.timedOut).toBe(true)
    expect(result.signal).toBe('SIGKILL')
  })

  it('drops a step summary over 1 MiB with the runner error', async () => {
    const result = await runStep('main', { actionDir, inputs: { mode: 'big-summary' } })
    expect(result.summary).toBe('')
    expect(result.annotations.at(-1)?.message).toMatch(/^\$GITHUB_STEP_SUMMARY upload aborted/)
  })

  it('passes on an undeclared input with the runner warning', async () => {
    const result = await runStep('main', { actionDir, inputs: { 'not-an-input': 'x' } })
    expect(envOf(result.outputs)['INPUT_NOT-AN-INPUT']).toBe('x')
    expect(result.annotations[0]?.message).toMatch(
      /^Unexpected input\(s\) 'not-an-input', valid inputs are \[/,
    )
  })

  it('streams stdout chunks and interpreted lines live', async () => {
    const chunks: string[] = []
    const groups: string[] = []
    await runStep('main', {
      actionDir,
      inputs: {},
      onStdout: (c) => chunks.push(c),
      onLine: (e) => e.kind === 'group' && groups.push(e.title),
    })
    expect(chunks.join('')).toContain('hello World')
    expect(groups).toEqual(['Setup'])
  })
})
