// npm run bench [-- --quick] [-- --only=overhead,requests,latency,memory,bundle] [-- --no-write]
// Speed and memory of the BUNDLED action against the in-process emulator (tests never assert timings; this
// measures them). A full run takes about 2 minutes on 2 cores and rewrites the generated part of
// bench/RESULTS.md; --quick (fewer repetitions, a 10 s quiet command) and --only print without writing.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../test/helpers/runner.ts'
import { measureBundle } from './bundle.ts'
import { openFixture } from './fixture.ts'
import { measureLatency } from './latency.ts'
import { measureMemory } from './memory.ts'
import { measureOverhead } from './overhead.ts'
import { measureRequests } from './requests.ts'
import { renderSection, type Section } from './stats.ts'

const SECTIONS = ['overhead', 'requests', 'latency', 'memory', 'bundle'] as const
type SectionName = (typeof SECTIONS)[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
})
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS]
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`bench: unknown section ${JSON.stringify(name)}; expected some of ${SECTIONS.join(', ')}`)
    process.exit(2)
  }
}
const wanted = (name: SectionName) => only.includes(name)
const quick = values.quick
const write = !quick && !values.only && !values['no-write']
const plan = quick
  ? { runs: 2, warmups: 1, quietSeconds: 10, latencyRuns: 1, coldRuns: 5 }
  : { runs: 5, warmups: 1, quietSeconds: 30, latencyRuns: 3, coldRuns: 10 }

const benchStarted = performance.now()
// other work on the machine skews every number: say how busy it was
const loadAtStart = loadavg()[0]!
const progress = (line: string) =>
  process.stderr.write(
    `  [${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}\n`,
  )

const action = await snapshotAction()
const fx = await openFixture(action.dir)
const sections: Section[] = []
try {
  if (wanted('overhead'))
    sections.push(
      ...(await measureOverhead(fx, { sizes: [1, 5, 20], runs: plan.runs, warmups: plan.warmups, progress })),
    )
  if (wanted('requests'))
    sections.push(await measureRequests(fx, { quietSeconds: plan.quietSeconds, progress }))
  if (wanted('latency')) sections.push(await measureLatency(fx, { runs: plan.latencyRuns, progress }))
  if (wanted('memory')) sections.push(await measureMemory(fx, progress))
  if (wanted('bundle')) sections.push(await measureBundle(action.dir, plan.coldRuns, progress))
} finally {
  await fx.close()
  await rm(action.dir, { recursive: true, force: true })
}

const cpu = cpus()
const facts = [
  `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}${quick ? ' (--quick)' : ''}`,
  `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}; load average ${loadAtStart.toFixed(2)} at the start`,
  `- Node ${process.version}; emulator in-process with the tests' delays, isolation: ${fx.emulator.emu.isolation}`,
  `- Code: ${revision()}; bundles built ${action.built.toISOString().replace(/\.\d+Z$/, 'Z')}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
].join('\n')
const body = `${facts}\n\n${sections.map(renderSection).join('\n')}`
process.stdout.write(`\n${body}`)

if (write) {
  const file = join(PROJECT_ROOT, 'bench/RESULTS.md')
  const begin = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->'
  const end = '<!-- bench:end -->'
  const generated = `${begin}\n${body}${end}`
  const old = existsSync(file) ? await readFile(file, 'utf8') : ''
  const [before, rest] = old.includes(begin) ? old.split(begin) : [`# Benchmark results\n\n`, '']
  const after = rest?.includes(end) ? rest.slice(rest.indexOf(end) + end.length) : '\n'
  await writeFile(file, `${before}${generated}${after}`)
  process.stdout.write(`\nbench: wrote ${file}\n`)
} else process.stdout.write('\nbench: RESULTS.md left as it is (--quick, --only or --no-write)\n')

/**
 * action.yml and dist/ copied aside: `npm run build` empties dist/ first, and another build running during
 * the bench would otherwise make steps fail with a missing bundle (or measure two different builds).
 */
async function snapshotAction(): Promise<{ dir: string; built: Date }> {
  for (const bundle of ['dist/main/index.js', 'dist/post/index.js']) {
    if (!existsSync(join(PROJECT_ROOT, bundle))) {
      console.error(`bench: ${bundle} is missing; run \`npm run build\` first`)
      process.exit(2)
    }
  }
  const built = (await stat(join(PROJECT_ROOT, 'dist/main/index.js'))).mtime
  const dir = await mkdtemp(join(tmpdir(), 'bench-action-'))
  await cp(join(PROJECT_ROOT, 'action.yml'), join(dir, 'action.yml'))
  await cp(join(PROJECT_ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
  return { dir, built }
}

function revision(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim()
    const dirty = git('status', '--porcelain', '--', 'src', 'action.yml') !== ''
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in src/' : ''}`
  } catch {
    return 'not a git checkout'
  }
}
