// The output a failing command leaves for the report is its last 64 KiB, however much it printed, and the run
// keeps no more than that: its memory must not grow with a command's output. (Through the bundle neither can be
// seen: the report shows only the tail's last lines either way.) The commands module against the emulator's
// toolbox; the live log goes nowhere here.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { CommandShell, runCommands } from '../../src/commands.ts'
import type { CommandResult } from '../../src/report/types.ts'
import { useToolboxFixture } from './fixture.ts'

const f = useToolboxFixture()

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
/** Live heap: after a full collection, so garbage does not count. */
function liveHeap(): number {
  gc()
  return process.memoryUsage().heapUsed
}

const MB = 1024 * 1024

it("keeps only the last 64 KiB of a failing command's output, and holds no more", async () => {
  const results: CommandResult[] = []
  const command = 'echo first-line; head -c 40000000 /dev/zero | tr "\\0" x; echo; echo last-line; exit 3'
  const cwd = await f.tb.workDir()
  const write = process.stdout.write
  // a plain stand-in, not a spy: a spy would keep every chunk it saw
  process.stdout.write = () => true
  const before = liveHeap()
  try {
    const opts = {
      commands: [{ text: command, line: 1 }],
      cwd,
      timeoutMs: 60_000,
      failFast: true,
      shell: { kind: 'bash-default' as const },
    }
    await runCommands(new CommandShell(f.tb), opts, results)
  } finally {
    process.stdout.write = write
  }
  const grown = liveHeap() - before
  const [result] = results
  expect(result?.exitCode).toBe(3)
  expect(result?.tail?.length).toBeLessThanOrEqual(64 * 1024)
  expect(result?.tail).toMatch(/x+\nlast-line\n$/)
  expect(result?.tail).not.toContain('first-line')
  // 40 MB went by: what the run still holds is about the tail
  expect(grown).toBeLessThan(8 * MB)
})
