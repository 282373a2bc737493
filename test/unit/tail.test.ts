// The summary's tail of a command's output: the last bytes, whatever the sizes of the chunks pushed.
import { describe, expect, it } from 'vitest'
import { Tail } from '../../src/tail.ts'

describe('Tail', () => {
  it('keeps everything while under its limit', () => {
    const tail = new Tail(16)
    tail.push('abc')
    tail.push(new TextEncoder().encode('def\n'))
    expect(tail.text()).toBe('abcdef\n')
  })

  it('keeps exactly the last bytes across wrap-arounds and chunks bigger than itself', () => {
    const tail = new Tail(10)
    let all = ''
    for (const chunk of ['0123', '45678', '9abcdefghij', 'k', 'lmnopqrstuvwxyz', 'AB']) {
      tail.push(chunk)
      all += chunk
      expect(tail.text()).toBe(all.slice(-10))
    }
  })

  it('drops a character cut at the start of its window instead of showing a broken one', () => {
    const tail = new Tail(5)
    tail.push('xxé') // é is two bytes: the window starts inside it after the next push
    tail.push('abcd')
    expect(tail.text()).toBe('abcd')
  })
})
