// 5. Bundle: what the runner downloads and parses. Sizes (raw and gzip) and the cold start of the post step
// with no saved state, which parses the whole bundle and returns at once: the floor of every step.
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { kib, median, ms, type Section } from './stats.ts'

async function sizes(dir: string, file: string): Promise<[number, number]> {
  const bytes = await readFile(join(dir, file))
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

/** `entry` and every file it imports statically (`import … from "./x.js"`), transitively. */
export async function staticClosure(dir: string, entry: string): Promise<Set<string>> {
  const seen = new Set<string>()
  const visit = async (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = await readFile(join(dir, file), 'utf8')
    for (const m of text.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"\.\/([^"]+)"/gm)) await visit(m[1]!)
  }
  await visit(entry)
  return seen
}

/** Median wall time of `node <args>` over `runs`, after a warm-up. */
export async function coldStart(cwd: string, args: string[], runs: number): Promise<number> {
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
  for (const step of ['main', 'post']) {
    const dir = join(actionDir, 'dist', step)
    // what `node dist/<step>/index.js` reads before it runs, and the chunks a run imports only when it needs them
    const atStart = await staticClosure(dir, 'index.js')
    const onDemand = (await readdir(dir)).filter((f) => f.endsWith('.js') && !atStart.has(f))
    for (const [label, files] of [
      [`dist/${step}: index.js and the chunks it imports (${atStart.size} files)`, [...atStart]],
      [`dist/${step}: chunks loaded on demand (${onDemand.length})`, onDemand],
    ] as const) {
      let raw = 0
      let gz = 0
      for (const file of files) {
        const [r, g] = await sizes(dir, file)
        raw += r
        gz += g
      }
      rows.push([label, `${raw} (${kib(raw)})`, `${gz} (${kib(gz)})`])
    }
  }
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
