// npm run bench [-- --quick] [-- --only=overhead,requests,latency,memory,bundle] [-- --no-write]
// Speed and memory of the BUNDLED action against the in-process emulator (tests never assert timings; this
// measures them). A full run takes about 2 minutes on 2 cores and rewrites the generated part of
// bench/RESULTS.md; --quick (fewer repetitions, a 10 s quiet command) and --only print without writing.
import { existsSync } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { cpus, release, totalmem } from 'node:os'
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
  : { runs: 5, warmups: 1, quietSeconds: 30, latencyRuns: 2, coldRuns: 10 }

for (const bundle of ['dist/main/index.js', 'dist/post/index.js']) {
  if (!existsSync(join(PROJECT_ROOT, bundle))) {
    console.error(`bench: ${bundle} is missing; run \`npm run build\` first`)
    process.exit(2)
  }
}

const benchStarted = performance.now()
const progress = (line: string) =>
  process.stderr.write(
    `  [${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}\n`,
  )

const fx = await openFixture()
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
  if (wanted('bundle')) sections.push(await measureBundle(plan.coldRuns, progress))
} finally {
  await fx.close()
}

const cpu = cpus()
const distBuilt = (await stat(join(PROJECT_ROOT, 'dist/main/index.js'))).mtime
const facts = [
  `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}${quick ? ' (--quick)' : ''}`,
  `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}`,
  `- Node ${process.version}; emulator in-process with the tests' delays, isolation: ${fx.emulator.emu.isolation}`,
  `- Bundles built ${distBuilt.toISOString().replace(/\.\d+Z$/, 'Z')}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
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
