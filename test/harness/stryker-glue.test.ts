// runner/stryker.ts without Stryker: a child started as the harness starts the action's process gets the active
// mutant in its environment, and what it covered comes back into the coverage of the test that started it.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { strykerChild, underStryker } from '../../runner/stryker.ts'

type Global = { __stryker__?: Record<string, unknown> }
const global = globalThis as Global
let dir = ''
afterEach(async () => {
  delete global.__stryker__
  await rm(dir, { recursive: true, force: true })
})

function run(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, script], { env: { PATH: process.env.PATH, ...env } })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
}

describe('the Stryker glue', () => {
  it('does nothing outside Stryker', () => {
    expect(underStryker()).toBe(false)
    expect(strykerChild('/nowhere')).toBeUndefined()
  })

  it("passes the active mutant to the child and adds the child's coverage to the test that ran it", async () => {
    dir = await mkdtemp(join(tmpdir(), 'stryker-glue-'))
    const ns: Record<string, unknown> = { activeMutant: '12', currentTestId: 'a.test.ts#it works' }
    ns.mutantCoverage = { static: {}, perTest: { 'a.test.ts#it works': { 3: 1 } } }
    global.__stryker__ = ns
    expect(underStryker()).toBe(true)
    // what instrumented code does: read the mutant from the environment, count what runs
    const script = join(dir, 'child.mjs')
    await writeFile(
      script,
      'globalThis.__stryker__ = { mutantCoverage: { static: { 3: 2, 5: 1 }, perTest: {} } }\n' +
        'process.stdout.write(process.env.__STRYKER_ACTIVE_MUTANT__ ?? "none")\n',
    )
    const child = strykerChild(dir)!
    expect(await run(script, child.execArgv, child.env)).toBe('12')
    child.collect()
    expect(ns.mutantCoverage).toEqual({ static: {}, perTest: { 'a.test.ts#it works': { 3: 3, 5: 1 } } })
  })

  it('puts coverage reached outside any test (a beforeAll) where Stryker runs it for every test', async () => {
    dir = await mkdtemp(join(tmpdir(), 'stryker-glue-'))
    const ns: Record<string, unknown> = {}
    global.__stryker__ = ns
    const script = join(dir, 'child.mjs')
    await writeFile(
      script,
      'globalThis.__stryker__ = { mutantCoverage: { static: { 7: 1 }, perTest: {} } }\n',
    )
    const child = strykerChild(dir)!
    expect(child.env).not.toHaveProperty('__STRYKER_ACTIVE_MUTANT__')
    await run(script, child.execArgv, child.env)
    child.collect()
    expect(ns.mutantCoverage).toEqual({ static: { 7: 1 }, perTest: {} })
  })
})
