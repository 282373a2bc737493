// Commands in a sandbox over real HTTP and WebSockets against the emulator: execute, sessions, live logs
// (WebSocket follow), reconnects when the socket closes early, and killing a session.
import { describe, expect, it } from 'vitest'
import { GoneError, NotFoundError, TimeoutError } from '../../src/daytona/errors.ts'
import { useToolboxFixture } from './fixture.ts'

const f = useToolboxFixture()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return
    await sleep(25)
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('toolbox basics', () => {
  it('answers version, home and work dir', async () => {
    expect(await f.tb.version()).toMatch(/\d+\.\d+/)
    expect(await f.tb.userHomeDir()).toMatch(/^\//)
    expect(await f.tb.workDir()).toMatch(/^\//)
  })
})

describe('execute', () => {
  it('runs a multi-line script with envs and cwd, combining stdout and stderr', async () => {
    await f.tb.files.createFolder('exec-dir')
    const res = await f.tb.process.execute({
      command: 'echo "out $GREETING"\necho err >&2\npwd\nexit 3',
      envs: { GREETING: 'héllo' },
      cwd: `${await f.tb.workDir()}/exec-dir`,
    })
    expect(res.exitCode).toBe(3)
    expect(res.result).toContain('out héllo')
    expect(res.result).toContain('err')
    expect(res.result).toMatch(/exec-dir/)
  })

  it('turns the daemon timeout into a 408 TimeoutError', async () => {
    const err = await f.tb.process.execute({ command: 'sleep 5', timeout: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TimeoutError)
    expect((err as TimeoutError).status).toBe(408)
  })
})

describe('sessions', () => {
  it('keeps shell state between sync commands and separates stdout from stderr', async () => {
    await f.tb.process.createSession('state')
    await f.tb.process.exec('state', 'export FOO=bar; cd /tmp')
    const res = await f.tb.process.exec('state', 'echo "$FOO $(pwd)"; echo warn >&2')
    expect(res.exitCode).toBe(0)
    expect(res.stdout).toBe('bar /tmp\n')
    expect(res.stderr).toBe('warn\n')
    const session = await f.tb.process.getSession('state')
    expect(session.commands?.map((c) => c.exitCode)).toEqual([0, 0])
    await f.tb.process.deleteSession('state')
    await expect(f.tb.process.getSession('state')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('streams a line live, before the command ends, and returns the exit code', async () => {
    await f.tb.process.createSession('live')
    const script =
      'echo first; while [ ! -f go-live ]; do sleep 0.05; done; echo second >&2; echo third; (exit 4)'
    const { cmdId } = await f.tb.process.exec('live', script, { runAsync: true })
    expect(cmdId).toBeTruthy()
    let stdout = ''
    let stderr = ''
    let sawFirstWhileRunning = false
    const done = f.tb.process.streamCommand('live', cmdId, {
      onStdout: (t) => {
        stdout += t
        // the command cannot end before go-live exists, which only happens after this line arrived
        if (t.includes('first')) {
          sawFirstWhileRunning = true
          void f.tb.process.execute({ command: 'touch go-live' })
        }
      },
      onStderr: (t) => {
        stderr += t
      },
    })
    const { exitCode } = await done
    expect(sawFirstWhileRunning).toBe(true)
    expect(exitCode).toBe(4)
    expect(stdout).toBe('first\nthird\n')
    expect(stderr).toBe('second\n')

    const logs = await f.tb.process.getLogs('live', cmdId)
    expect(logs.stdout).toBe('first\nthird\n')
    expect(logs.stderr).toBe('second\n')
    expect((await f.tb.process.getCommand('live', cmdId)).exitCode).toBe(4)
  })

  it('followLogs delivers demuxed text and resolves when the socket closes', async () => {
    await f.tb.process.createSession('follow')
    const { cmdId } = await f.tb.process.exec('follow', 'echo ü; echo c >&2; printf "a\\nb"', {
      runAsync: true,
    })
    let out = ''
    let err = ''
    const res = await f.tb.process.followLogs('follow', cmdId, {
      onStdout: (t) => {
        out += t
      },
      onStderr: (t) => {
        err += t
      },
    })
    expect(res.opened).toBe(true)
    // the daemon ends a final partial line with a newline
    expect(out).toBe('ü\na\nb\n')
    expect(err).toBe('c\n')
  })

  it('kills the command when its session is deleted', async () => {
    await f.tb.process.createSession('doomed')
    const { cmdId } = await f.tb.process.exec(
      'doomed',
      'while true; do echo tick >> ticks.txt; sleep 0.05; done',
      { runAsync: true },
    )
    const size = async () => (await f.tb.files.info('ticks.txt').catch(() => ({ size: 0 }))).size
    await until(async () => (await size()) > 0, 'the loop to write')
    await f.tb.process.deleteSession('doomed')
    const after = await size()
    await sleep(400)
    expect(await size()).toBe(after)
    await expect(f.tb.process.getCommand('doomed', cmdId)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('streamCommand with a large output', () => {
  const logRequests = async () =>
    (await f.h.admin.requests()).routes[
      'GET /toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}/logs'
    ] ?? 0

  it('delivers everything once to a slow consumer, and never reads the log a second time', async () => {
    await f.tb.process.createSession('big')
    // 200 000 numbered lines (≈ 1.3 MB), stdout and stderr interleaved
    const script =
      'seq 1 200000 | while read -r i; do if [ $((i % 1000)) = 0 ]; then echo "e$i" >&2; else echo "$i"; fi; done'
    const { cmdId } = await f.tb.process.exec('big', script, { runAsync: true })
    await f.h.admin.resetRequests()
    const seen = { stdout: 0, stderr: 0, bytes: 0, last: '' }
    let slow = 0
    const { exitCode } = await f.tb.process.streamCommand('big', cmdId, {
      onOutput: (stream, bytes) => {
        seen.bytes += bytes.length
        const text = Buffer.from(bytes).toString('utf8')
        seen[stream] += text.split('\n').length - 1
        if (stream === 'stdout') seen.last = text
        // a consumer with no room every few chunks: the socket must wait for it, not pile up
        if (++slow % 4 === 0) return new Promise((resolve) => setTimeout(resolve, 5))
        return undefined
      },
    })
    expect(exitCode).toBe(0)
    expect(seen.stdout).toBe(199_800)
    expect(seen.stderr).toBe(200)
    expect(seen.last.endsWith('199999\n')).toBe(true)
    // the follow socket delivered it all and closed normally: no plain-log replay
    expect(await logRequests()).toBe(1)
  })
})

describe('streamCommand when the follow socket closes early', () => {
  // every follow socket closes 150 ms after it opens, mid-output
  const early = useToolboxFixture({ toolbox: { wsEarlyCloseMs: 150 } })

  it('reconnects, skips what was already shown, and loses nothing', async () => {
    const t2 = early.tb
    await t2.process.createSession('s')
    const script = 'for i in $(seq 1 40); do echo "out $i ✓"; echo "err $i" >&2; sleep 0.02; done'
    const { cmdId } = await t2.process.exec('s', script, { runAsync: true })
    let stdout = ''
    let stderr = ''
    const { exitCode } = await t2.process.streamCommand('s', cmdId, {
      onStdout: (t) => {
        stdout += t
      },
      onStderr: (t) => {
        stderr += t
      },
      pollMs: 500,
    })
    expect(exitCode).toBe(0)
    const want = (prefix: string, mark = '') =>
      Array.from({ length: 40 }, (_, i) => `${prefix} ${i + 1}${mark}\n`).join('')
    expect(stdout).toBe(want('out', ' ✓'))
    expect(stderr).toBe(want('err'))
    const follows = (await early.h.admin.requests()).routes[
      'GET /toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}/logs'
    ]
    expect(follows).toBeGreaterThan(1)
  })
})

describe('toolbox errors', () => {
  it('answers 410 GoneError for input to a finished command (via the raw API)', async () => {
    await f.tb.process.createSession('gone')
    const { cmdId } = await f.tb.process.exec('gone', 'true', { runAsync: true })
    await until(async () => (await f.tb.process.getCommand('gone', cmdId)).exitCode !== undefined, 'the end')
    // the client has no input call: the status mapping is what matters here
    const err = await f.client.http
      .request({
        method: 'POST',
        url: `${f.tb.baseUrl}process/session/gone/command/${cmdId}/input`,
        body: { data: 'x\n' },
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GoneError)
  })
})

describe('replaying a command log', () => {
  const collect = () => {
    const out = { stdout: '', stderr: '' }
    const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() }
    const onBytes = (stream: 'stdout' | 'stderr', bytes: Uint8Array) => {
      out[stream] += decoder[stream].decode(bytes, { stream: true })
    }
    return { out, onBytes }
  }

  it('streams the plain log split by stream, binary-exact', async () => {
    await f.tb.process.createSession('replay')
    const { cmdId } = await f.tb.process.exec('replay', 'printf "a\\nb\\n"; printf "e ünï\\n" >&2')
    const { out, onBytes } = collect()
    await f.tb.process.replayLogs('replay', cmdId, onBytes)
    expect(out).toEqual({ stdout: 'a\nb\n', stderr: 'e ünï\n' })
  })

  it('still reads a daemon that answers the logs as JSON', async () => {
    const { cmdId } = await f.tb.process.exec('replay', 'echo ignored')
    await f.h.admin.faults({
      method: 'GET',
      path: '/command/[^/]+/logs$',
      status: 200,
      body: { output: '\u0001\u0001\u0001x\n', stdout: 'from json\n', stderr: 'err json\n' },
      times: 1,
    })
    const { out, onBytes } = collect()
    await f.tb.process.replayLogs('replay', cmdId, onBytes)
    expect(out).toEqual({ stdout: 'from json\n', stderr: 'err json\n' })
  })
})
