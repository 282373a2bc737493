// npm run bench [-- --quick] [-- --only=compare,overhead,requests,latency,memory,startup,hashing,bundle]
//               [-- --latency-ms=60] [-- --write]
// Speed and memory of the BUNDLED action against the in-process emulator, side by side with the same job on
// Daytona's SDK (tests never assert timings; this measures them). A full run takes about 6 minutes on 2
// cores. It prints Markdown to stdout; only --write (with a full run) rewrites the generated part of
// bench/RESULTS.md.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../runner/job.ts'
import { measureBundle } from './bundle.ts'
import { measureComparison } from './compare.ts'
import { openFixture } from './fixture.ts'
import { type Figures, goalsSection } from './goals.ts'
import { measureHashing } from './hashing.ts'
import { measureLatency } from './latency.ts'
import { measureMemory } from './memory.ts'
import { measureOverhead } from './overhead.ts'
import { measureRequests } from './requests.ts'
import { measureStartup } from './startup.ts'
import { renderSection, type Section } from './stats.ts'

const SECTIONS = [
  'compare',
  'overhead',
  'requests',
  'latency',
  'memory',
  'startup',
  'hashing',
  'bundle',
] as const
type SectionName = (typeof SECTIONS)[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '60' },
  },
})
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS]
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`bench: unknown section ${JSON.stringify(name)}; expected some of ${SECTIONS.join(', ')}`)
    process.exit(2)
  }
}
const latencyMs = Number(values['latency-ms'])
if (!Number.isFinite(latencyMs) || latencyMs < 0) {
  console.error(`bench: --latency-ms must be a number of milliseconds, not ${values['latency-ms']}`)
  process.exit(2)
}
const wanted = (name: SectionName) => only.includes(name)
const quick = values.quick
if (values.write && (quick || values.only)) {
  console.error('bench: --write needs a full run (no --quick, no --only)')
  process.exit(2)
}
const plan = quick
  ? { runs: 2, warmups: 1, quietSeconds: 20, latencyRuns: 1, coldRuns: 5, hashRuns: 2 }
  : { runs: 5, warmups: 1, quietSeconds: 120, latencyRuns: 3, coldRuns: 10, hashRuns: 5 }

const benchStarted = performance.now()
// other work on the machine skews every number: say how busy it was
const loadAtStart = loadavg()[0]!
const progress = (line: string) =>
  process.stderr.write(
    `  [${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}\n`,
  )

const action = await snapshotAction()
const sections: Section[] = []
const figures: Figures = {}
try {
  if (wanted('compare')) {
    const c = await measureComparison({
      actionDir: action.dir,
      runs: plan.runs,
      warmups: plan.warmups,
      latencyMs,
      progress,
    })
    sections.push(...c.sections)
    Object.assign(figures, {
      ratio: c.ratio,
      ownTimeRatio: c.ownTimeRatio,
      floorRatio: c.floorRatio,
      roundTrips: c.roundTrips,
    })
  }
  const fx = await openFixture(action.dir)
  try {
    if (wanted('overhead'))
      sections.push(
        ...(await measureOverhead(fx, {
          sizes: [1, 5, 20],
          runs: plan.runs,
          warmups: plan.warmups,
          progress,
        })),
      )
    if (wanted('requests')) {
      const r = await measureRequests(fx, { quietSeconds: plan.quietSeconds, progress })
      sections.push(r.section)
      figures.quietPerMinute = r.quietPerMinute
    }
    if (wanted('latency')) {
      const l = await measureLatency(fx, { runs: plan.latencyRuns, progress })
      sections.push(l.section)
      figures.latencyP95 = l.p95
    }
    if (wanted('memory')) {
      const m = await measureMemory(fx, progress)
      sections.push(m.section)
      figures.memory = { peak: m.bigPeak, complete: m.bigComplete, summaryBytes: m.summaryBytes }
    }
  } finally {
    await fx.close()
  }
  if (wanted('startup')) {
    const s = await measureStartup(action.dir, plan.coldRuns, progress)
    sections.push(s.section)
    figures.startup = { action: s.action, sdk: s.sdk }
  }
  if (wanted('hashing')) {
    const h = await measureHashing(plan.hashRuns, progress)
    sections.push(h.section)
    figures.hashMs = h.medianMs
  }
  if (wanted('bundle')) sections.push(await measureBundle(action.dir, plan.coldRuns, progress))
} finally {
  await rm(action.dir, { recursive: true, force: true })
}

const cpu = cpus()
const facts = [
  `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}${quick ? ' (--quick)' : ''}`,
  `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}; load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`,
  `- Node ${process.version}; emulator in-process; latency proxy ${latencyMs} ms per request (comparison only)`,
  `- Code: ${revision()}; bundles built ${action.built.toISOString().replace(/\.\d+Z$/, 'Z')}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
].join('\n')
const body = `${facts}\n\n${[goalsSection(figures), ...sections].map(renderSection).join('\n')}`
process.stdout.write(`\n${body}`)

if (values.write) {
  const file = join(PROJECT_ROOT, 'bench/RESULTS.md')
  const begin = '<!-- bench:begin (written by npm run bench -- --write; edit outside these markers) -->'
  const end = '<!-- bench:end -->'
  const generated = `${begin}\n${body}${end}`
  const old = existsSync(file) ? await readFile(file, 'utf8') : ''
  const oldBegin = old.indexOf('<!-- bench:begin')
  const before = oldBegin >= 0 ? old.slice(0, oldBegin) : '# Benchmark results\n\n'
  const after = oldBegin >= 0 && old.includes(end) ? old.slice(old.indexOf(end) + end.length) : '\n'
  await writeFile(file, `${before}${generated}${after}`)
  process.stdout.write(`\nbench: wrote ${file}\n`)
} else process.stdout.write('\nbench: printed only; `npm run bench -- --write` updates bench/RESULTS.md\n')

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
