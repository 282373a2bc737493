// The bundled action, main then post as the runner runs them, against the emulator: what a workflow author sees.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../runner/job.ts'
import { job, liveSandboxes, mainStep, openProject, type Project, results } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

describe('a pull request run', () => {
  it('runs the commands at the PR head and reports success', async () => {
    const { main, post } = await job(project, {
      run: 'cat src/widget.txt\ngit rev-parse HEAD\ncd src && export GREETING=hello\npwd && echo "$GREETING"',
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('a widget')
    expect(main.stdout).toContain(project.headSha)
    // cd and export carry over from one command to the next, as in a workflow's run block
    expect(main.stdout).toMatch(/\/widgets\/src\s+hello/)
    expect(main.outputs['exit-code']).toBe('0')
    expect(results(main).map((r) => [r.exitCode, r.skipped])).toEqual([
      [0, false],
      [0, false],
      [0, false],
      [0, false],
    ])
    expect(main.outputs['sandbox-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(Number(main.outputs.duration)).toBeGreaterThan(0)
    expect(main.summary).toContain('acme/widgets')
    expect(main.summary).toContain('#7')
    expect(main.summary).toContain('cat src/widget.txt')
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('fails at the first failing command and reports the rest as skipped', async () => {
    const { main } = await job(project, { run: 'echo one\nexit 3\necho never' })
    expect(main.exitCode).not.toBe(0)
    expect(main.outputs['exit-code']).toBe('3')
    expect(results(main).map((r) => [r.command, r.exitCode, r.skipped])).toEqual([
      ['echo one', 0, false],
      ['exit 3', 3, false],
      ['echo never', null, true],
    ])
    expect(main.stdout).not.toMatch(/^never$/m)
    expect(main.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', title: 'Command failed' }),
    )
    expect(main.summary).toMatch(/skipped/i)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('with fail-fast false runs every command and still fails the step', async () => {
    const { main } = await job(project, { run: '(exit 2)\necho after\nfalse', 'fail-fast': 'false' })
    expect(main.exitCode).not.toBe(0)
    expect(main.outputs['exit-code']).toBe('2')
    expect(results(main).map((r) => r.exitCode)).toEqual([2, 0, 1])
    expect(main.stdout).toContain('after')
    expect(main.annotations.filter((a) => a.level === 'error')).toHaveLength(2)
  })

  it('ends the script at an explicit exit, even with fail-fast false, as a workflow step does', async () => {
    const { main } = await job(project, { run: 'echo one\nexit 0\necho never', 'fail-fast': 'false' })
    expect(main.exitCode).toBe(0)
    expect(results(main).map((r) => [r.exitCode, r.skipped])).toEqual([
      [0, false],
      [0, false],
      [null, true],
    ])
    expect(main.stdout).not.toContain('never')
  })

  it('kills a command that runs over its timeout, in the sandbox', async () => {
    const { main } = await job(project, {
      // the first command keeps writing until it is killed; the second checks that it stopped
      run: [
        'while true; do date >> ticks; sleep 0.1; done',
        'sleep 0.3; a=$(wc -l < ticks); sleep 0.6; b=$(wc -l < ticks); echo "ticks $a $b"; test "$a" = "$b"',
      ].join('\n'),
      timeout: '3s',
      'fail-fast': 'false',
    })
    const [looped, checked] = results(main)
    expect(looped).toMatchObject({ exitCode: 124, timedOut: true })
    expect(checked).toMatchObject({ exitCode: 0, timedOut: false })
    expect(main.outputs['exit-code']).toBe('124')
    expect(main.stdout).toMatch(/timed out after 3s/i)
    expect(main.annotations).toContainEqual(expect.objectContaining({ title: 'Command timed out' }))
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('keeps a failed sandbox with keep-sandbox: on-failure, and lets it delete itself later', async () => {
    const { main, post } = await job(project, {
      run: 'exit 1',
      'keep-sandbox': 'on-failure',
      'keep-minutes': '5',
    })
    expect(main.exitCode).not.toBe(0)
    expect(post.exitCode).toBe(0)
    const kept = await liveSandboxes(project)
    expect(kept.map((s) => s.id)).toEqual([main.outputs['sandbox-id']])
    expect(main.annotations).toContainEqual(
      expect.objectContaining({ level: 'notice', title: 'Sandbox kept' }),
    )
    await project.emulator.api('DELETE', `/sandbox/${main.outputs['sandbox-id']}`)
  })

  it('gives commands an empty stdin, as a workflow step has', async () => {
    const { main } = await job(project, {
      run: 'read -r line || true; echo "read [$line]"\ncat; echo after-cat',
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('read []')
    expect(main.stdout).toContain('after-cat')
  })

  it('masks secret-looking env values in the log and the summary', async () => {
    const { main } = await job(project, {
      run: 'echo "token is $API_TOKEN"; exit 1',
      env: 'API_TOKEN=tok-abc123456',
    })
    // the live log masks it too (it was registered as a secret when the input was read)
    expect(main.masks).toContain('tok-abc123456')
    expect(main.stdout).toContain('token is ***')
    expect(main.summary).toContain('token is ***')
    expect(main.summary).not.toContain('tok-abc123456')
  })

  it('masks the values of the names mask-env lists, and tells the runner so', async () => {
    const url = 'postgres://app:s3cr3t-pw@db.internal/app'
    const { main } = await job(project, {
      run: 'echo "url is $DB_URL"; exit 1',
      env: `DB_URL=${url}`,
      'mask-env': 'DB_URL',
    })
    expect(main.log).toContain(`::add-mask::${url}`)
    expect(main.stdout).toContain('url is ***')
    expect(main.summary).toContain('url is ***')
    expect(main.summary).not.toContain('s3cr3t-pw')
  })

  it('leaves env values whose names are not secret-looking readable, in the log and in the summary', async () => {
    const { main } = await job(project, {
      run: 'echo "mode is $NODE_ENV"; exit 1',
      env: 'NODE_ENV=production',
    })
    expect(main.stdout).toContain('mode is production')
    expect(main.summary).toContain('echo &quot;mode is $NODE_ENV&quot;')
    expect(main.summary).toContain('mode is production')
    expect(main.summary).not.toContain('***')
  })

  it('does not keep a passing sandbox with keep-sandbox: on-failure', async () => {
    await job(project, { run: 'true', 'keep-sandbox': 'on-failure' })
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'deletes the sandbox and exits on %s while a command runs',
    async (signal) => {
      const main = await mainStep(
        project,
        { run: 'echo started-long-command; sleep 120' },
        // the runner kills the step's process tree 10 s after its first signal
        { signalAfter: { pattern: /^started-long-command$/m, signal }, timeoutMs: 20_000 },
      )
      expect(main.timedOut).toBe(false)
      expect(main.exitCode).not.toBe(0)
      expect(main.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringMatching(/cancelled/) }),
      )
      expect(await liveSandboxes(project)).toEqual([])
    },
  )

  it('obeys none of the output that still streams while the cancelled run deletes the sandbox', async () => {
    // a slow delete keeps the step alive, and the command's log stream open, after the cancellation
    await project.emulator.admin.faults({ method: 'DELETE', path: '^/api/sandbox/', latencyMs: 3000 })
    const obeyed: string[] = []
    try {
      const main = await mainStep(
        project,
        {
          run: 'echo started-injecting; while :; do echo "::warning title=INJ::x"; echo "::save-state name=sandbox-settled::deleted"; sleep 0.01; done',
        },
        {
          signalAfter: { pattern: /^started-injecting$/m, signal: 'SIGINT' },
          timeoutMs: 20_000,
          onLine: (event) => {
            if (event.kind === 'hidden' && event.command === 'save-state') obeyed.push(event.command)
          },
        },
      )
      expect(main.timedOut).toBe(false)
      expect(main.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringMatching(/cancelled/) }),
      )
      expect(main.annotations.filter((a) => a.title === 'INJ')).toEqual([])
      expect(obeyed).toEqual([])
      expect(main.log).toMatch(/::warning title=INJ::x/) // it did run, and was shown
    } finally {
      await project.emulator.admin.clearFaults()
    }
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('leaves the sandbox to the post step when main is killed outright', async () => {
    const { main, post } = await job(
      project,
      { run: 'echo started-long-command; sleep 120' },
      { signalMain: { pattern: /^started-long-command$/m, signal: 'SIGKILL' } },
    )
    expect(main.signal).toBe('SIGKILL')
    expect(main.state['sandbox-name']).toBeTruthy()
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(/Deleted sandbox/)
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('the sources', () => {
  it('run as the bundle does, from src/ without a build (what mutation testing relies on)', async () => {
    const { main, post } = await job(
      project,
      { run: 'if true; then\n  echo from-the-sources\nfi' },
      { from: 'sources' },
    )
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('from-the-sources')
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe('the bundle', () => {
  it('runs from a checkout of the action alone, without node_modules, as a runner fetches it', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'action-copy-'))
    try {
      await cp(join(PROJECT_ROOT, 'dist'), join(copy, 'dist'), { recursive: true })
      await cp(join(PROJECT_ROOT, 'action.yml'), join(copy, 'action.yml'))
      const { main, post } = await job(
        project,
        { run: 'if true; then\n  echo from-a-copy\nfi' },
        { actionDir: copy, from: 'dist' },
      )
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toContain('from-a-copy')
      expect(post.exitCode).toBe(0)
    } finally {
      await rm(copy, { recursive: true, force: true })
    }
  })
})
