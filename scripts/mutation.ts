// npm run mutation: Stryker (stryker.config.mjs) over the modules where a mistake costs users the most, one
// group at a time, each against the tests that exercise it, so that a group's run takes minutes, not the
// hours that every mutant against every end-to-end test would. Prints each file's score and the total.
//   npm run mutation                  every group
//   npm run mutation -- retry trust   the groups named
// A group's tests are listed fastest first, and run in that order (vitest.mutation.config.ts).
// Each group keeps an incremental file, so a second run retries only the mutants whose code or tests changed.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GROUPS } from './mutation-groups.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const reports = join(root, 'reports/mutation')

interface Report {
  files: Record<string, { mutants: { status: string }[] }>
}

const DETECTED = new Set(['Killed', 'Timeout'])
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage'])

function score(report: Report): { file: string; detected: number; counted: number }[] {
  return Object.entries(report.files).map(([file, { mutants }]) => ({
    file,
    detected: mutants.filter((m) => DETECTED.has(m.status)).length,
    counted: mutants.filter((m) => COUNTED.has(m.status)).length,
  }))
}

const names = process.argv.slice(2)
for (const name of names)
  if (!GROUPS[name]) throw new Error(`no group ${name}: ${Object.keys(GROUPS).join(', ')}`)
mkdirSync(reports, { recursive: true })
const rows: { file: string; detected: number; counted: number }[] = []
for (const name of names.length ? names : Object.keys(GROUPS)) {
  const { mutate, tests } = GROUPS[name]!
  const started = Date.now()
  execFileSync(
    join(root, 'node_modules/.bin/stryker'),
    [
      'run',
      ...['--mutate', mutate.join(',')],
      ...['--testFiles', tests.join(',')],
      ...['--incremental', '--incrementalFile', join('reports/mutation', `${name}.incremental.json`)],
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATION_TEST_ORDER: tests.join(',') } },
  )
  copyFileSync(join(reports, 'mutation.json'), join(reports, `${name}.json`))
  const report = JSON.parse(readFileSync(join(reports, `${name}.json`), 'utf8')) as Report
  rows.push(...score(report))
  console.log(`group ${name}: ${Math.round((Date.now() - started) / 60_000)} min`)
}
const pct = (d: number, c: number) => (c === 0 ? 'n/a' : `${((100 * d) / c).toFixed(1)} %`)
for (const { file, detected, counted } of rows)
  console.log(`${file}\t${pct(detected, counted)}\t${detected}/${counted}`)
const total = rows.reduce((t, r) => ({ d: t.d + r.detected, c: t.c + r.counted }), { d: 0, c: 0 })
console.log(`total\t${pct(total.d, total.c)}\t${total.d}/${total.c}`)
