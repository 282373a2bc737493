// Snapshot key: hashing a 200 MB build context the way every run does (src/environment/context.ts: the key's
// SHA-256 over every file `COPY . /app` takes; the SDK's MD5 is read only by a job that builds). The files are written once into a temp dir; the page cache
// then holds them, as it would on a runner right after actions/checkout.
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildContext, sdkHashOf } from '../src/environment/context.ts'
import { median, ms, type Section } from './stats.ts'

const TOTAL_BYTES = 200 * 1000 * 1000

export async function measureHashing(
  runs: number,
  progress: (line: string) => void,
): Promise<{ section: Section; medianMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-context-'))
  try {
    progress('hashing: writing a 200 MB context')
    // a source tree's shape: many small files, some large ones (2000 × 50 kB + 10 × 10 MB)
    const chunk = randomBytes(50_000)
    for (let d = 0; d < 20; d++) {
      await mkdir(join(dir, `src/pkg${d}`), { recursive: true })
      for (let f = 0; f < 100; f++) await writeFile(join(dir, `src/pkg${d}/file${f}.ts`), chunk)
    }
    const big = randomBytes((TOTAL_BYTES - 2000 * 50_000) / 10)
    await mkdir(join(dir, 'assets'))
    for (let f = 0; f < 10; f++) await writeFile(join(dir, `assets/blob${f}.bin`), big)
    const dockerfile = 'FROM node:22\nCOPY . /app\n'
    await buildContext(dir, dockerfile) // warm-up: the page cache
    const times: number[] = []
    const sdkTimes: number[] = []
    for (let i = 0; i < runs; i++) {
      progress(`hashing: run ${i + 1}/${runs}`)
      const started = performance.now()
      const [entry] = await buildContext(dir, dockerfile)
      times.push(performance.now() - started)
      const sdkStarted = performance.now()
      await sdkHashOf(dir, entry!)
      sdkTimes.push(performance.now() - sdkStarted)
    }
    const row = (what: string, values: number[]) => [
      what,
      ms(Math.min(...values)),
      ms(median(values)),
      ms(Math.max(...values)),
    ]
    return {
      medianMs: median(times),
      section: {
        title: 'Snapshot key: hashing a 200 MB build context',
        headers: ['2010 files, 200 MB', 'min', 'median', 'max'],
        rows: [
          row('the snapshot key (every run)', times),
          row("the SDK's MD5 (a job that builds, on top)", sdkTimes),
        ],
        notes: [
          `\`buildContext\` (src/environment/context.ts) for \`COPY . /app\`, in the bench's process, ${runs} runs ` +
            'after one warm-up (files in the page cache): listing, .dockerignore, and the key (SHA-256 over ' +
            "every file), what every run computes. The SDK's MD5, which names the upload, is read only by a " +
            'job that builds the snapshot.',
        ],
      },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
