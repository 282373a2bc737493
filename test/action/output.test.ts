// Commands that print a lot, through the bundled action against the emulator: every byte reaches the job
// log, in bounded memory (the harness counts the bytes as they pass and keeps none of them), and a job log
// that breaks (the runner stops reading) neither crashes the step nor leaves the sandbox behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, mainStep, openProject, type Project, results } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

/** Counts the lines of a stream of text that equal `line`, and the other lines, without keeping the text. */
function lineCounter(line: string) {
  const counts = { matching: 0, other: [] as string[] }
  let partial = ''
  return {
    counts,
    feed(text: string) {
      const parts = (partial + text).split('\n')
      partial = parts.pop()!
      for (const part of parts) {
        if (part === line) counts.matching++
        else if (counts.other.length < 200) counts.other.push(part)
      }
    },
  }
}

describe('a command with a large output', () => {
  it('streams 256 MiB into the log, every line of it, and deletes the sandbox', async () => {
    const line = 'y'.repeat(59)
    const bytes = 256 * 1024 * 1024
    const counter = lineCounter(line)
    let stdoutBytes = 0
    const { main, post } = await job(
      project,
      { run: `yes '${line}' | head -c ${bytes}`, timeout: '10m' },
      {
        keepOutput: false,
        timeoutMs: 280_000,
        onStdout: (text) => {
          stdoutBytes += Buffer.byteLength(text)
          counter.feed(text)
        },
      },
    )
    expect(main.exitCode).toBe(0)
    expect(results(main).map((r) => r.exitCode)).toEqual([0])
    // 60-byte lines, then the 16 bytes left over, which the daemon ends with a newline
    const whole = Math.floor(bytes / 60)
    expect(counter.counts.matching).toBe(whole)
    expect(counter.counts.other).toContain('y'.repeat(bytes - whole * 60))
    expect(stdoutBytes).toBeGreaterThan(bytes)
    expect(Buffer.byteLength(main.summary)).toBeLessThan(1024 * 1024)
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  }, 300_000)
})

describe('a job log that stops accepting output', () => {
  it('does not crash the step: the command ends, the results are reported and the sandbox is deleted', async () => {
    const main = await mainStep(
      project,
      // the log breaks at "start"; then 20 MB more are written into a pipe nobody reads
      { run: "echo start\nyes 'after the break' | head -c 20000000\necho done" },
      { closeStdoutOn: /^start$/m, timeoutMs: 120_000 },
    )
    expect(main.signal).toBeNull()
    expect(main.exitCode).toBe(0)
    expect(results(main).map((r) => r.exitCode)).toEqual([0, 0, 0])
    expect(main.rawStderr).toMatch(/job log stopped accepting output \(EPIPE\)/)
    expect(await liveSandboxes(project)).toEqual([])
  }, 150_000)
})
