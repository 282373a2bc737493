import { describe, expect, it } from 'vitest'
import { Demuxer, demuxAll, type StreamName, TextDemuxer } from '../../src/daytona/toolbox/demux.ts'

const OUT = [1, 1, 1]
const ERR = [2, 2, 2]
const enc = (s: string) => [...new TextEncoder().encode(s)]

/** Feeds `bytes` cut at the given offsets and returns what each stream received. */
function run(bytes: number[], cuts: number[] = []): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' }
  const d = new TextDemuxer({ onStdout: (t) => (out.stdout += t), onStderr: (t) => (out.stderr += t) })
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    d.feed(Uint8Array.from(bytes.slice(from, cut)))
    from = cut
  }
  d.end()
  return out
}

describe('TextDemuxer', () => {
  const log = [...OUT, ...enc('hello\n'), ...ERR, ...enc('oops\n'), ...OUT, ...enc('bye\n')]

  it('splits a whole log into stdout and stderr', () => {
    expect(run(log)).toEqual({ stdout: 'hello\nbye\n', stderr: 'oops\n' })
  })

  it('gives the same result whatever the frame boundaries, including inside markers', () => {
    for (let a = 0; a <= log.length; a++) {
      for (let b = a; b <= log.length; b += 3) {
        expect(run(log, [a, b])).toEqual({ stdout: 'hello\nbye\n', stderr: 'oops\n' })
      }
    }
  })

  it('feeds one byte at a time', () => {
    expect(
      run(
        log,
        log.map((_, i) => i),
      ),
    ).toEqual({ stdout: 'hello\nbye\n', stderr: 'oops\n' })
  })

  it('decodes a multi-byte character split across frames, per stream', () => {
    const bytes = [...OUT, ...enc('é€😀\n'), ...ERR, ...enc('ü\n')]
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(run(bytes, [cut])).toEqual({ stdout: 'é€😀\n', stderr: 'ü\n' })
    }
  })

  it('keeps a multi-byte character whole when the other stream interrupts it', () => {
    // stdout's 😀 is cut by a stderr line in between: each stream has its own decoder
    const smile = enc('😀')
    const bytes = [
      ...OUT,
      ...smile.slice(0, 2),
      ...ERR,
      ...enc('x\n'),
      ...OUT,
      ...smile.slice(2),
      ...enc('\n'),
    ]
    expect(run(bytes)).toEqual({ stdout: '😀\n', stderr: 'x\n' })
  })

  it('drops bytes before the first marker', () => {
    expect(run([...enc('garbage'), ...OUT, ...enc('ok\n')])).toEqual({ stdout: 'ok\n', stderr: '' })
  })

  it('keeps stray 0x01/0x02 bytes that are not a full marker, even at a frame end', () => {
    const bytes = [...OUT, 0x61, 1, 1, 0x62, 2, 0x0a]
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(run(bytes, [cut]).stdout).toBe('a\x01\x01b\x02\n')
    }
  })

  it('releases held-back bytes at the end of the log', () => {
    expect(run([...OUT, ...enc('x'), 1, 1])).toEqual({ stdout: 'x\x01\x01', stderr: '' })
    expect(run([...ERR, ...enc('y'), 2])).toEqual({ stdout: '', stderr: 'y\x02' })
  })

  it('treats a fourth 0x01 after a marker as data', () => {
    expect(run([...OUT, 1, ...enc('z')], [4])).toEqual({ stdout: '\x01z', stderr: '' })
  })

  it('handles back-to-back markers and empty lines', () => {
    expect(run([...OUT, ...ERR, ...OUT, ...enc('\n'), ...ERR, ...enc('\n')])).toEqual({
      stdout: '\n',
      stderr: '\n',
    })
  })
})

describe('Demuxer (bytes)', () => {
  it('emits raw bytes per stream, markers removed', () => {
    const got: [StreamName, number[]][] = []
    const d = new Demuxer((s, b) => {
      got.push([s, [...b]])
    })
    d.feed(Uint8Array.from([...OUT, 0xc3]))
    d.feed(Uint8Array.from([0xa9, ...ERR, 0x41]))
    d.end()
    expect(got).toEqual([
      ['stdout', [0xc3]],
      ['stdout', [0xa9]],
      ['stderr', [0x41]],
    ])
  })
})

describe('demuxAll', () => {
  it('demuxes a marker-laden string, as the `output` field carries it', () => {
    expect(demuxAll('\x01\x01\x01a\n\x02\x02\x02b\n')).toEqual({ stdout: 'a\n', stderr: 'b\n' })
  })
})
