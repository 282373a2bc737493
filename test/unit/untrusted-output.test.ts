// The fence in-process, byte for byte, with the step's stdout held in the test's hand: where the resume line
// goes, what a writer does once its fence is gone, how a full stdout slows the caller down, and how a stdout
// that fails is survived. (test/action/fence.test.ts reads the same fence in a real job's log.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Fence = typeof import('../../src/untrusted-output.ts')

/** A fresh module each time: a broken stdout, once seen, stays broken for the process. */
async function freshFence(): Promise<Fence> {
  vi.resetModules()
  return import('../../src/untrusted-output.ts')
}

let printed: string[]
let errors: string[]
/** what stdout.write answers: false while its buffer is full; or it throws */
let writeAnswer: () => boolean
let errorListenersBefore: number

beforeEach(() => {
  printed = []
  errors = []
  writeAnswer = () => true
  errorListenersBefore = process.stdout.listenerCount('error')
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    // every call is seen, also one that then throws
    printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
    return writeAnswer()
  })
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    errors.push(String(chunk))
    return true
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  // each fresh module guards stdout once: take its listener off again
  for (const listener of process.stdout.listeners('error').slice(errorListenersBefore)) {
    process.stdout.off('error', listener as (err: Error) => void)
  }
})

const log = () => printed.join('')
const TOKEN = /^::stop-commands::([0-9a-f-]{36})\n/

function tokenOf(text: string): string {
  const token = TOKEN.exec(text)?.[1]
  expect(token).toBeDefined()
  return token!
}

describe('the resume line', () => {
  it('stands on a line of its own after text without a final newline, string or bytes', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async (write) => {
      write('first\n')
      write(new TextEncoder().encode('no newline'))
    })
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\nfirst\nno newline\n::${token}::\n`)
  })

  it('adds nothing after a final newline, in bytes too, and an empty write changes nothing', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async (write) => {
      write('text')
      write(new TextEncoder().encode('more\n'))
      expect(write('')).toBeUndefined()
      expect(write(new Uint8Array(0))).toBeUndefined()
    })
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\ntextmore\n::${token}::\n`)
    expect(printed).not.toContain('')
  })

  it('follows at once when nothing was written', async () => {
    const { withUntrustedOutput } = await freshFence()
    expect(await withUntrustedOutput(async () => 'value')).toBe('value')
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\n::${token}::\n`)
  })

  it('is written when the work throws, and the error goes on', async () => {
    const { withUntrustedOutput } = await freshFence()
    const failing = withUntrustedOutput(async (write) => {
      write('partial')
      throw new Error('boom')
    })
    await expect(failing).rejects.toThrow('boom')
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\npartial\n::${token}::\n`)
  })
})

describe('fences', () => {
  it('nest into one: the inner use writes inside the outer fence and does not resume it', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async (outer) => {
      outer('outer\n')
      await withUntrustedOutput(async (inner) => {
        inner('inner\n')
      })
      outer('after\n')
    })
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\nouter\ninner\nafter\n::${token}::\n`)
  })

  it('each get a token of their own, one after another', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async (write) => write('one\n'))
    const first = tokenOf(log())
    printed = []
    await withUntrustedOutput(async (write) => write('two\n'))
    const second = tokenOf(log())
    expect(second).not.toBe(first)
    expect(log()).toBe(`::stop-commands::${second}\ntwo\n::${second}::\n`)
  })

  it('drop what a writer brings once its fence is over', async () => {
    const { withUntrustedOutput } = await freshFence()
    let kept: ((text: string) => unknown) | undefined
    await withUntrustedOutput(async (write) => {
      kept = write
    })
    printed = []
    expect(kept?.('::add-mask::late\n')).toBeUndefined()
    expect(printed).toEqual([])
  })
})

describe('resumeWorkflowCommands', () => {
  it('ends the fence at once, on a line of its own, silences its writer, and resumes only once', async () => {
    const { withUntrustedOutput, resumeWorkflowCommands } = await freshFence()
    let token = ''
    await withUntrustedOutput(async (write) => {
      write('streaming')
      token = tokenOf(log())
      resumeWorkflowCommands()
      expect(log()).toBe(`::stop-commands::${token}\nstreaming\n::${token}::\n`)
      expect(write('::set-output name=x::late\n')).toBeUndefined()
      resumeWorkflowCommands()
    })
    expect(log()).toBe(`::stop-commands::${token}\nstreaming\n::${token}::\n`)
  })

  it("leaves a fence opened after it alone: the resumed fence's end does not end that one", async () => {
    const { withUntrustedOutput, resumeWorkflowCommands } = await freshFence()
    let finishLater = () => {}
    let later: Promise<void> | undefined
    await withUntrustedOutput(async () => {
      resumeWorkflowCommands()
      printed = []
      later = withUntrustedOutput(() => new Promise<void>((resolve) => (finishLater = resolve)))
    })
    // the later fence is still open, so a use now nests into it rather than opening a third
    await withUntrustedOutput(async (write) => write('nested\n'))
    finishLater()
    await later
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\nnested\n::${token}::\n`)
  })

  it('lets the next use open a fence of its own', async () => {
    const { withUntrustedOutput, resumeWorkflowCommands } = await freshFence()
    await withUntrustedOutput(async () => {
      resumeWorkflowCommands()
      printed = []
      await withUntrustedOutput(async (write) => write('fresh\n'))
    })
    const token = tokenOf(log())
    expect(log()).toBe(`::stop-commands::${token}\nfresh\n::${token}::\n`)
  })

  it('does nothing outside a fence', async () => {
    const { resumeWorkflowCommands } = await freshFence()
    resumeWorkflowCommands()
    expect(printed).toEqual([])
  })
})

describe('a full stdout', () => {
  it.each(['drain', 'close', 'error'])(
    'makes the writer hand back a promise that settles on %s, and then lets go',
    async (event) => {
      const { withUntrustedOutput } = await freshFence()
      await withUntrustedOutput(async (write) => {
        writeAnswer = () => false
        const listening = () => ['drain', 'close', 'error'].map((name) => process.stdout.listenerCount(name))
        const before = listening()
        const room = write('fills the buffer\n')
        expect(room).toBeInstanceOf(Promise)
        expect(listening()).toEqual(before.map((n) => n + 1))
        let settled = false
        room?.then(() => {
          settled = true
        })
        await Promise.resolve()
        expect(settled).toBe(false)
        process.stdout.emit(event, ...(event === 'error' ? [new Error('gone')] : []))
        await room
        expect(listening()).toEqual(before)
        writeAnswer = () => true
      })
    },
  )

  it('is not waited on once stdout is destroyed', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async (write) => {
      writeAnswer = () => false
      const destroyed = vi.spyOn(process.stdout, 'destroyed', 'get').mockReturnValue(true)
      expect(write('last words\n')).toBeUndefined()
      destroyed.mockRestore()
      writeAnswer = () => true
    })
  })
})

describe('a stdout that fails', () => {
  it('thrown at write (EAGAIN): said once on stderr, then everything is dropped', async () => {
    const { withUntrustedOutput, stdoutBroken } = await freshFence()
    await withUntrustedOutput(async (write) => {
      writeAnswer = () => {
        throw Object.assign(new Error('write EAGAIN'), { code: 'EAGAIN' })
      }
      expect(stdoutBroken()).toBe(false)
      expect(write('lost\n')).toBeUndefined()
      expect(stdoutBroken()).toBe(true)
      const calls = printed.length
      expect(write('also lost\n')).toBeUndefined()
      expect(printed.length).toBe(calls)
    })
    expect(errors).toEqual([
      "The job log stopped accepting output (EAGAIN); the rest of the commands' output is dropped.\n",
    ])
  })

  it("as an 'error' event: survived (no uncaught exception), named by its message when it has no code", async () => {
    const { guardStdout, stdoutBroken } = await freshFence()
    guardStdout()
    guardStdout()
    expect(process.stdout.listenerCount('error')).toBe(errorListenersBefore + 1)
    process.stdout.emit('error', new Error('pipe closed'))
    process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    expect(stdoutBroken()).toBe(true)
    expect(errors).toEqual([
      "The job log stopped accepting output (pipe closed); the rest of the commands' output is dropped.\n",
    ])
  })

  it('with stderr gone too: still survived', async () => {
    const { guardStdout, stdoutBroken } = await freshFence()
    vi.spyOn(process.stderr, 'write').mockImplementation(() => {
      throw new Error('stderr closed')
    })
    guardStdout()
    expect(() => process.stdout.emit('error', new Error('gone'))).not.toThrow()
    expect(stdoutBroken()).toBe(true)
  })

  it('guards stdout as soon as a fence opens', async () => {
    const { withUntrustedOutput } = await freshFence()
    await withUntrustedOutput(async () => {
      expect(process.stdout.listenerCount('error')).toBe(errorListenersBefore + 1)
    })
  })
})
