// 5. Bundle: what the runner downloads and parses. Sizes (raw and gzip) and the cold start of the post step
// with no saved state, which parses the whole bundle and returns at once: the floor of every step.
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { kib, median, ms, type Section } from './stats.ts'

async function sizes(actionDir: string, file: string): Promise<[number, number]> {
  const bytes = await readFile(join(actionDir, file))
  return [bytes.length, gzipSync(bytes).length]
}

/** Wall time of one node process, spawned asynchronously like the runner does; it must exit 0. */
async function timeNode(cwd: string, args: string[]): Promise<number> {
  const started = performance.now()
  // a bare environment: no INPUT_* and no STATE_*, so post finds nothing to clean up
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' }
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', resolve)
  })
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`)
  return performance.now() - started
}

async function coldStart(cwd: string, args: string[], runs: number): Promise<number> {
  await timeNode(cwd, args) // warm-up: the file system cache, not the process, is what stays warm
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await timeNode(cwd, args))
  return median(times)
}

export async function measureBundle(
  actionDir: string,
  runs: number,
  progress: (line: string) => void,
): Promise<Section> {
  progress('bundle: sizes and cold start')
  const rows: string[][] = []
  for (const file of ['dist/main/index.js', 'dist/post/index.js']) {
    const [raw, gz] = await sizes(actionDir, file)
    rows.push([`\`${file}\``, `${raw} (${kib(raw)})`, `${gz} (${kib(gz)})`])
  }
  // main's lazily loaded chunks (e.g. the cache client) are only read when their inputs are set
  const chunks = (await readdir(join(actionDir, 'dist/main'))).filter((f) => /^\d+\.index\.js$/.test(f))
  let raw = 0
  let gz = 0
  for (const chunk of chunks) {
    const [r, g] = await sizes(actionDir, `dist/main/${chunk}`)
    raw += r
    gz += g
  }
  if (chunks.length > 0)
    rows.push([`lazy chunks in dist/main (${chunks.length})`, `${raw} (${kib(raw)})`, `${gz} (${kib(gz)})`])
  const post = await coldStart(actionDir, ['dist/post/index.js'], runs)
  const bare = await coldStart(actionDir, ['-e', ''], runs)
  return {
    title: 'Bundle',
    headers: ['file', 'bytes', 'gzip bytes'],
    rows,
    notes: [
      `Cold start of \`node dist/post/index.js\` with no state (median of ${runs}, after 1 warm-up): **${ms(post, 1)}**; ` +
        `\`node -e ''\` on this machine: ${ms(bare, 1)}, so loading the post bundle costs ≈ ${ms(post - bare, 1)}.`,
    ],
  }
}
