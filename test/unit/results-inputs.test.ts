// The download / download-path / test-results inputs: globs are checked at input time, so a path leading
// out of the clone never reaches the sandbox.
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/input-parsers.ts'
import { cloneGlobs, readResultsInputs } from '../../src/results/inputs.ts'

function read(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return readResultsInputs((name) => inputs[name] ?? '', env)
}

describe('download and test-results', () => {
  it('takes one path or glob per line, normalised, skipping blanks, comments and repeats', () => {
    expect(cloneGlobs('download', './coverage/**\n\n# not this\nreports/junit*.xml\ncoverage/**\n')).toEqual([
      'coverage/**',
      'reports/junit*.xml',
    ])
  })

  it.each([
    ['../secrets', "no '..' segments"],
    ['coverage/../../etc/passwd', "no '..' segments"],
    ['**/..\\x', "no '..' segments"],
    ['/etc/passwd', 'not absolute paths'],
    ['~/.ssh/id_rsa', 'not absolute paths'],
    ['C:\\Windows', 'not absolute paths'],
    ['!coverage/x', 'exclusions'],
    ['.', 'not the clone itself'],
  ])('refuses %j, naming the input', (line, why) => {
    let error: unknown
    try {
      cloneGlobs('download', `ok.txt\n${line}`)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).input).toBe('download')
    expect((error as InputError).message).toContain("Input 'download'")
    expect((error as InputError).message).toContain(why)
  })

  it('puts downloads under RUNNER_TEMP by default, or where download-path says', () => {
    expect(read({}, { RUNNER_TEMP: '/runner/_temp' }).downloadPath).toBe('/runner/_temp/daytona-artifacts')
    expect(read({ 'download-path': 'out' }, { GITHUB_WORKSPACE: '/ws' }).downloadPath).toBe('/ws/out')
    expect(read({ 'download-path': '/abs/dir' }).downloadPath).toBe('/abs/dir')
  })
})
