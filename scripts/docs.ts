// npm run docs: rewrite README.md's input and output tables from action.yml (`--check`: only say whether they
// are current, exit 1 when not).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { renderReadme } from './readme-tables.ts'

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
const root = join(import.meta.dirname, '..')
const readmePath = join(root, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const rendered = renderReadme(readme, readFileSync(join(root, 'action.yml'), 'utf8'))

if (rendered === readme) {
  console.log('README.md: the input and output tables match action.yml')
} else if (values.check) {
  console.error('README.md: the input and output tables differ from action.yml; run `npm run docs`')
  process.exit(1)
} else {
  writeFileSync(readmePath, rendered)
  console.log('README.md: input and output tables rewritten from action.yml')
}
