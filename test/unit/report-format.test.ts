// The text helpers behind the summary: which part of a long output survives, and how it reads.
import { describe, expect, it } from 'vitest'
import { cleanOutput, commandLabel, escapeHtml, tailLines } from '../../src/report/format.ts'

describe('tailLines', () => {
  const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')

  it('keeps the last lines, ignoring a trailing newline', () => {
    expect(tailLines(`${text}\n`, 3, 10_000)).toBe('line 97\nline 98\nline 99')
    expect(tailLines('a\r\nb\r\n', 5, 100)).toBe('a\nb')
    expect(tailLines('', 5, 100)).toBe('')
  })

  it('keeps whole lines within the byte limit', () => {
    // "line 99" is 7 bytes, plus a newline per extra line: 7 + 8 + 8 = 23
    expect(tailLines(text, 60, 23)).toBe('line 97\nline 98\nline 99')
    expect(tailLines(text, 60, 22)).toBe('line 98\nline 99')
  })

  it('keeps the end of a last line that alone is too long, without splitting a character', () => {
    expect(tailLines(`start\n${'a'.repeat(50)}END`, 10, 8)).toBe('aaaaaEND')
    // "é" is 2 bytes: a 5-byte limit over "ééé" keeps 2 whole characters
    expect(tailLines('ééé', 10, 5)).toBe('éé')
  })
})

describe('cleanOutput', () => {
  it('drops colour codes, hyperlinks and control characters, keeps tabs', () => {
    expect(cleanOutput('\x1b[1;31mred\x1b[0m\tok\x07\x00')).toBe('red\tok')
    expect(cleanOutput('\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\')).toBe('link')
  })

  it('shows a progress line at its final state', () => {
    expect(cleanOutput('10%\r50%\r100%\r\nnext')).toBe('100%\nnext')
  })
})

describe('commandLabel and escapeHtml', () => {
  it('names a command by its first non-empty line', () => {
    expect(commandLabel('\n  npm test  \n')).toBe('npm test')
    expect(commandLabel('npm ci\nnpm test')).toBe('npm ci …')
    expect(commandLabel('x'.repeat(300), 200)).toBe(`${'x'.repeat(200)}…`)
  })

  it('escapes everything that could open a tag or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })
})
