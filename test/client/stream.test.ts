// streamCommand's reconnect/skip/reconcile logic against an in-memory command whose follow connections
// misbehave the way Daytona's do (close early, replay from the start). The real WebSocket path is covered
// against the emulator in toolbox.test.ts.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { Demuxer } from '../../src/daytona/toolbox/demux.ts'
import { type CommandSource, streamCommand } from '../../src/daytona/toolbox/stream.ts'

interface FakeCommand extends CommandSource {
  write(stream: 'stdout' | 'stderr', text: string): void
  finish(code: number): void
  connections: number
}

/**
 * A command log with markers. Each follow connection replays from the start, cut into small frames;
 * `closeAfterBytes(n)` decides when a connection drops early (undefined = follow until the end).
 */
function fakeCommand(closeAfterBytes: (connection: number) => number | undefined): FakeCommand {
  let log = new Uint8Array(0)
  let exitCode: number | undefined
  const fake: FakeCommand = {
    connections: 0,
    write(stream, text) {
      const marker = stream === 'stdout' ? [1, 1, 1] : [2, 2, 2]
      const line = Uint8Array.from([...marker, ...new TextEncoder().encode(text)])
      const next = new Uint8Array(log.length + line.length)
      next.set(log)
      next.set(line, log.length)
      log = next
    },
    finish(code) {
      exitCode = code
    },
    async follow(onBytes, signal) {
      const n = fake.connections++
      const limit = closeAfterBytes(n)
      const demuxer = new Demuxer(onBytes)
      let sent = 0
      while (!signal.aborted) {
        const end = Math.min(log.length, sent + 7, limit ?? Number.POSITIVE_INFINITY)
        if (end > sent) {
          demuxer.feed(log.subarray(sent, end))
          sent = end
        } else if (limit !== undefined && sent >= limit) return
        else if (exitCode !== undefined && sent >= log.length) return
        await sleep(2)
      }
    },
    async status() {
      return exitCode === undefined ? {} : { exitCode }
    },
    async replay(onBytes) {
      const demuxer = new Demuxer(onBytes)
      demuxer.feed(log)
      demuxer.end()
    },
  }
  return fake
}

async function drive(fake: FakeCommand, opts: { pollMs?: number; firstPollMs?: number } = {}) {
  const out = { stdout: '', stderr: '' }
  const done = streamCommand(fake, {
    onStdout: (t) => {
      out.stdout += t
    },
    onStderr: (t) => {
      out.stderr += t
    },
    pollMs: opts.pollMs ?? 40,
    firstPollMs: opts.firstPollMs,
    graceMs: 20,
  })
  for (let i = 0; i < 20; i++) {
    fake.write(i % 3 ? 'stdout' : 'stderr', `line ${i} — ünïcødé 😀\n`)
    await sleep(3)
  }
  fake.finish(7)
  const { exitCode } = await done
  return { exitCode, out }
}

const expected = (() => {
  const out = { stdout: '', stderr: '' }
  for (let i = 0; i < 20; i++) out[i % 3 ? 'stdout' : 'stderr'] += `line ${i} — ünïcødé 😀\n`
  return out
})()

describe('streamCommand', () => {
  it('shows everything exactly once when the socket behaves', async () => {
    const fake = fakeCommand(() => undefined)
    const { exitCode, out } = await drive(fake)
    expect(exitCode).toBe(7)
    expect(out).toEqual(expected)
    expect(fake.connections).toBe(1)
  })

  it('reconnects after early closes and skips the replayed bytes (cuts inside characters and markers)', async () => {
    // connection n drops after 37·(n+1) bytes: cuts land anywhere, including inside 😀 and markers
    const fake = fakeCommand((n) => (n < 12 ? 37 * (n + 1) : undefined))
    const { exitCode, out } = await drive(fake)
    expect(exitCode).toBe(7)
    expect(out).toEqual(expected)
    expect(fake.connections).toBeGreaterThan(2)
  })

  it('recovers what a socket that never delivers misses, from the plain logs at the end', async () => {
    const fake = fakeCommand(() => 0)
    const { exitCode, out } = await drive(fake, { pollMs: 30 })
    expect(exitCode).toBe(7)
    expect(out).toEqual(expected)
  })

  it('stops following when the safety-net poll sees the end even if the socket never closes', async () => {
    const fake = fakeCommand(() => undefined)
    // a socket that tails forever: it ignores the end of the command
    const follow = fake.follow
    fake.follow = async (onBytes, signal) => {
      const never = new AbortController()
      signal.addEventListener('abort', () => never.abort())
      await follow(onBytes, never.signal).catch(() => {})
      while (!signal.aborted) await sleep(5)
    }
    const { exitCode, out } = await drive(fake)
    expect(exitCode).toBe(7)
    expect(out).toEqual(expected)
  })

  it('trusts a normal close after a second of silence: the log is not read again', async () => {
    const fake = fakeCommand(() => undefined)
    let replays = 0
    const { follow, replay } = fake
    fake.replay = (sink) => {
      replays++
      return replay(sink)
    }
    fake.follow = async (sink, signal) => {
      await follow(sink, signal)
      return { opened: true, closeCode: 1000, byServer: !signal.aborted, silenceMs: 1000, openMs: 1000 }
    }
    const { exitCode, out } = await drive(fake, { firstPollMs: 5_000, pollMs: 10_000 })
    expect(exitCode).toBe(7)
    expect(out).toEqual(expected)
    expect(replays).toBe(0)
  })

  it('ends when the output says so, without asking for the status', async () => {
    const fake = fakeCommand(() => undefined)
    let statusChecks = 0
    fake.status = async () => {
      statusChecks++
      return {}
    }
    let stdout = ''
    const done = streamCommand(fake, {
      onStdout: (t) => {
        stdout += t
      },
      endedWith: () => (stdout.includes('END 3\n') ? 3 : undefined),
      firstPollMs: 5_000,
    })
    fake.write('stdout', 'work\n')
    fake.write('stdout', 'END 3\n')
    setTimeout(() => fake.write('stdout', 'not the command output\n'), 50)
    expect(await done).toEqual({ exitCode: 3 })
    await sleep(60)
    expect(stdout).toBe('work\nEND 3\n')
    expect(statusChecks).toBe(0)
  })

  it('rejects with the abort reason when the caller aborts', async () => {
    const fake = fakeCommand(() => undefined)
    const ac = new AbortController()
    const done = streamCommand(fake, { signal: ac.signal, pollMs: 20 })
    fake.write('stdout', 'x\n')
    setTimeout(() => ac.abort(new Error('deadline')), 30)
    await expect(done).rejects.toThrow('deadline')
  })
})
