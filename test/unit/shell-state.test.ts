// The bash state helpers save a command's variables in one of two ways: bash 4.4 and later read each one's
// attributes with ${!v@a}, older bash (amazonlinux:2, centos:7) parses them out of a `declare -p` per variable.
// Only a modern bash is at hand, so the older way is forced here, and both must save the same state.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BASH_STATE } from '../../src/shell/scripts.ts'

const VERSION_CHECK = /__dta_attributes=; \[ [^\n]* \] && __dta_attributes=1/
const OLDER_BASH = BASH_STATE.replace(VERSION_CHECK, '__dta_attributes=')

const COMMAND = [
  'declare -a list=(1 "two words" $\'a\\nb\')',
  'declare -A map=([k]=v [other]="x y")',
  'declare -ix COUNT=3',
  'readonly FIXED=1',
  'export EXPORTED=yes',
  "multi=$'line one\\nline two'",
  'declare unset_but_declared',
  'greet() { echo "hi $1"; }',
  "alias ll='ls -l'",
  'cd /',
].join('\n')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shell-state-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function savedState(lib: string, name: string): Promise<string> {
  const root = join(dir, name)
  execFileSync('mkdir', ['-p', root])
  await writeFile(join(root, 'state.bash'), lib)
  const script = `__dta_dir=${root} __dta_root=${root}; . ${root}/state.bash; __dta_begin\n${COMMAND}\n`
  execFileSync('bash', ['-e', '-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
  })
  // the directory the state was saved in is the only thing that differs between the two
  return (await readFile(join(root, 'state'), 'utf8')).replaceAll(root, '<root>')
}

describe('bash state', () => {
  it('is saved the same by the way of older bash as by the attribute expansion', async () => {
    expect(OLDER_BASH).not.toBe(BASH_STATE)
    const modern = await savedState(BASH_STATE, 'modern')
    expect(modern).toContain('declare -a list=')
    expect(modern).toContain('declare -A map=')
    expect(modern).toContain('declare -ix COUNT="3"')
    expect(modern).not.toContain('FIXED=')
    // the saved functions include the helpers' own, which differ by the version check alone
    const withoutCheck = modern.replace(
      /\n *\[ "\$\{BASH_VERSINFO\[0\]\}[^\n]*-ge 44 \] && __dta_attributes=1;/,
      '',
    )
    expect(withoutCheck).not.toBe(modern)
    expect(await savedState(OLDER_BASH, 'older')).toBe(withoutCheck)
  })
})
