// README.md's input and output tables are generated from action.yml (`npm run docs`); this fails when they drift.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MissingMarkerError, markdownTable, renderReadme } from '../../scripts/readme-tables.ts'

const readme = readFileSync('README.md', 'utf8')
const actionYml = readFileSync('action.yml', 'utf8')

describe("README.md's input and output tables", () => {
  it('are exactly what action.yml generates (run `npm run docs` after changing action.yml)', () => {
    expect(renderReadme(readme, actionYml)).toBe(readme)
  })

  it('rewrite only the marked regions, escaping what would break a row', () => {
    const before = 'intro\n<!-- inputs:start -->\nstale\n<!-- inputs:end -->\nmiddle\n'
    const text = `${before}<!-- outputs:start --><!-- outputs:end -->\nend\n`
    const yml = [
      'inputs:',
      '  mode:',
      '    description: "a | b,\\nor c"',
      '    default: a',
      '  run:',
      '    description: the script',
      '    required: true',
      'outputs:',
      '  code:',
      '    description: exit code',
    ].join('\n')
    expect(renderReadme(text, yml)).toBe(
      [
        'intro',
        '<!-- inputs:start -->',
        '',
        '| input  | default  | description  |',
        '| ------ | -------- | ------------ |',
        '| `mode` | `a`      | a \\| b, or c |',
        '| `run`  | required | the script   |',
        '',
        '<!-- inputs:end -->',
        'middle',
        '<!-- outputs:start -->',
        '',
        '| output | description |',
        '| ------ | ----------- |',
        '| `code` | exit code   |',
        '',
        '<!-- outputs:end -->',
        'end',
        '',
      ].join('\n'),
    )
  })

  it('pads every column to at least three characters, as Prettier does', () => {
    expect(markdownTable(['a', 'b'], [['x', 'yy']])).toBe('| a   | b   |\n| --- | --- |\n| x   | yy  |')
  })

  it('refuse a README without the markers, naming them', () => {
    expect(() => renderReadme('no markers here', actionYml)).toThrow(MissingMarkerError)
    expect(() => renderReadme('no markers here', actionYml)).toThrow('<!-- inputs:start -->')
  })
})
