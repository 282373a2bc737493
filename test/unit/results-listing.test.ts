// What the sandbox lists is hostile: names outside the clone or that could climb out on the runner are
// refused; patterns match paths relative to the clone.
import { describe, expect, it } from 'vitest'
import { localPathFor } from '../../src/results/download.ts'
import { filesOf, matchFiles, safeRelative } from '../../src/results/listing.ts'

const CLONE = '/home/daytona/widgets'
const entry = (path: string, isDir = false) => ({ name: path.split('/').pop(), path, isDir, size: 1 })

describe('the clone listing', () => {
  it('keeps regular files inside the clone and refuses the rest', () => {
    const listing = filesOf(CLONE, [
      entry(`${CLONE}/coverage`, true),
      entry(`${CLONE}/coverage/lcov.info`),
      entry(`${CLONE}/../outside.txt`),
      entry('/etc/passwd'),
      entry(`${CLONE}/a/./b`),
      entry(`${CLONE}/bad\nname`),
      entry(`${CLONE}/back\\slash`),
      entry(`${CLONE}widgets-evil/x`),
    ])
    expect(listing.files.map((file) => file.relative)).toEqual(['coverage/lcov.info'])
    expect(listing.refused).toHaveLength(6)
  })

  it('refuses an answer without paths (a daemon too old to list recursively)', () => {
    expect(() => filesOf(CLONE, [{ name: 'x', isDir: false, size: 1 }])).toThrow(/too old/)
    expect(() => filesOf(CLONE, { nope: true })).toThrow(/no list/)
  })

  it('matches globs, directories and literal paths; hidden files only when spelled out', () => {
    const { files } = filesOf(CLONE, [
      entry(`${CLONE}/coverage/lcov.info`),
      entry(`${CLONE}/coverage/html/index.html`),
      entry(`${CLONE}/reports/junit.xml`),
      entry(`${CLONE}/.nyc_output/out.json`),
      entry(`${CLONE}/src/a.ts`),
    ])
    const names = (patterns: string[]) => matchFiles(files, patterns).map((file) => file.relative)
    expect(names(['coverage'])).toEqual(['coverage/lcov.info', 'coverage/html/index.html'])
    expect(names(['**/*.xml'])).toEqual(['reports/junit.xml'])
    expect(names(['**/*.json'])).toEqual([])
    expect(names(['.nyc_output/*.json'])).toEqual(['.nyc_output/out.json'])
    expect(names(['src/a.ts', 'nothing/here'])).toEqual(['src/a.ts'])
  })

  it('never maps a name to a runner path outside the download folder', () => {
    expect(safeRelative(CLONE, `${CLONE}/a/../../b`)).toBeUndefined()
    expect(localPathFor('/tmp/dl', 'a/b.txt')).toBe('/tmp/dl/a/b.txt')
    expect(() => localPathFor('/tmp/dl', '../x')).toThrow(/outside the download folder/)
  })
})
