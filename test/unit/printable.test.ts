import { describe, expect, it } from 'vitest'
import { isPrintable, printable } from '../../src/printable.ts'

describe('printable', () => {
  it('keeps outside text on one line: line breaks and control characters are shown escaped', () => {
    expect(printable('a\n::add-mask::x\r\u2028b\u001b[31m\u0085')).toBe(
      'a\\n::add-mask::x\\r\\u2028b\\u001b[31m\\u0085',
    )
    expect(printable('/home/daytona\tok ✓')).toBe('/home/daytona\tok ✓')
    expect(printable(undefined)).toBe('undefined')
  })

  it('tells what prints as it is', () => {
    expect(isPrintable('/home/daytona')).toBe(true)
    expect(isPrintable('/home\n::x::')).toBe(false)
    expect(isPrintable('/home\u2029')).toBe(false)
  })
})
