// 4. Memory: peak RSS of the step's node process. The runner harness spawns `opts.node` with the bundle as its
// only argument, so a small wrapper script stands in for node and records the peak under the step's name
// (dist/main/index.js → main.kb): GNU time's %M where /usr/bin/time exists, else VmHWM read at exit.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Fixture, runBenchJob } from './fixture.ts'
import { mib, ms, type Section } from './stats.ts'

const GNU_TIME = '/usr/bin/time'
const LINE = 'y'.repeat(59)
const GIB = 1024 ** 3
const BIG_OUTPUT = `yes '${LINE}' | head -c ${GIB}`

const PROBE = `import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
process.on('exit', () => {
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  writeFileSync(join(process.env.BENCH_RSS_DIR, basename(dirname(process.argv[1])) + '.kb'), hwm ? hwm[1] : '')
})
`

interface Probe {
  dir: string
  node: string
  method: string
  /** peak RSS in bytes that the wrapper recorded for `label` (main, post, baseline) */
  peak(label: string): Promise<number>
}

async function makeProbe(): Promise<Probe> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-rss-'))
  const useTime = existsSync(GNU_TIME)
  const label = 'out="$BENCH_RSS_DIR/$(basename "$(dirname "$1")").kb"'
  let exec = `exec ${GNU_TIME} -f %M -o "$out" "${process.execPath}" "$@"`
  if (!useTime) {
    await writeFile(join(dir, 'probe.mjs'), PROBE)
    exec = `exec "${process.execPath}" --import "${pathToFileURL(join(dir, 'probe.mjs'))}" "$@"`
  }
  const node = join(dir, 'node-wrapper.sh')
  // bash, not sh: dash drops variables whose names are not identifiers, such as INPUT_API-KEY
  await writeFile(node, `#!/bin/bash\n${useTime ? label : ''}\n${exec}\n`)
  await chmod(node, 0o755)
  return {
    dir,
    node,
    method: useTime ? 'GNU time %M (max RSS)' : 'VmHWM from /proc/self/status at exit',
    async peak(name) {
      const kb = Number((await readFile(join(dir, `${name}.kb`), 'utf8')).trim())
      if (!Number.isFinite(kb) || kb <= 0) throw new Error(`no peak RSS recorded for ${name}`)
      return kb * 1024
    },
  }
}

/** Counts lines equal to `line` as text streams by; keeps the few other lines (where the partial one is). */
function countLines(line: string) {
  let partial = ''
  let matching = 0
  const others: string[] = []
  return {
    feed(text: string) {
      const parts = (partial + text).split('\n')
      partial = parts.pop()!
      for (const part of parts) {
        if (part === line) matching++
        else if (others.length < 500) others.push(part)
      }
    },
    matching: () => matching,
    tails: () => others,
  }
}

/** Peak RSS of a node that runs an empty script: what any step costs before the bundle does anything. */
async function baseline(probe: Probe): Promise<number> {
  const script = join(probe.dir, 'baseline', 'index.js')
  await mkdir(join(probe.dir, 'baseline'), { recursive: true })
  await writeFile(script, '')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(probe.node, [script], { env: { ...process.env, BENCH_RSS_DIR: probe.dir } })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`baseline node exited ${code}`))))
  })
  return probe.peak('baseline')
}

export interface Memory {
  section: Section
  /** the 1 GiB job: main's peak RSS, whether every line reached stdout, the summary's size */
  bigPeak: number
  bigComplete: boolean
  summaryBytes: number
}

export async function measureMemory(fx: Fixture, progress: (line: string) => void): Promise<Memory> {
  const probe = await makeProbe()
  try {
    const rows: string[][] = []
    progress('memory: 5 × true')
    const small = await runBenchJob(
      fx,
      Array.from({ length: 5 }, () => 'true'),
      { node: probe.node, env: { BENCH_RSS_DIR: probe.dir } },
    )
    rows.push([
      '5 × `true`',
      mib(await probe.peak('main')),
      mib(await probe.peak('post')),
      ms(small.main.durationMs),
      '',
    ])
    progress('memory: a command printing 1 GiB (a minute or two)')
    const lines = countLines(LINE)
    const big = await runBenchJob(fx, [BIG_OUTPUT], {
      node: probe.node,
      env: { BENCH_RSS_DIR: probe.dir },
      keepOutput: false,
      timeoutMs: 480_000,
      onStdout: lines.feed,
    })
    const whole = Math.floor(GIB / 60)
    const complete = lines.matching() === whole && lines.tails().includes('y'.repeat(GIB - whole * 60))
    const bigPeak = await probe.peak('main')
    const summaryBytes = Buffer.byteLength(big.main.summary)
    rows.push([
      '1 GiB of 60-byte lines',
      mib(bigPeak),
      mib(await probe.peak('post')),
      ms(big.main.durationMs),
      `${lines.matching()} / ${whole} lines${complete ? ', all' : ', INCOMPLETE'}; summary ${summaryBytes} bytes`,
    ])
    rows.push(['(node running an empty script)', mib(await baseline(probe)), '', '', ''])
    return {
      bigPeak,
      bigComplete: complete,
      summaryBytes,
      section: {
        title: 'Peak RSS of the step processes',
        headers: ['job', 'main peak RSS', 'post peak RSS', 'main wall time', 'reached stdout'],
        rows,
        notes: [
          `Measured with ${probe.method}, through a wrapper the harness runs in place of node. ` +
            `The big output is \`yes '<59 × y>' | head -c ${GIB}\`; the harness counts its lines on the ` +
            "step's stdout as they pass (it keeps none of them), and reads that stdout as the runner does, " +
            'in the same process as the emulator: the reader is slower than the sandbox, so backpressure works.',
        ],
      },
    }
  } finally {
    await rm(probe.dir, { recursive: true, force: true })
  }
}
