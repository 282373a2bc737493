// The fence around a command's output (untrusted-output.ts), read byte for byte as the runner reads it: the
// output sits between ::stop-commands::<token> and ::<token>::, the resume line always stands on a line of its
// own (or the runner would never resume, and would ignore every later workflow command of the action), and
// each command gets a token of its own, which its output never learns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

const STOP = /^::stop-commands::([0-9a-f-]{36})$/gm

/** The fences of a log, in order: each token with what stood between stop and resume. */
function fences(log: string): { token: string; inside: string }[] {
  return [...log.matchAll(STOP)].map((stop) => {
    const token = stop[1]!
    const from = stop.index + stop[0].length + 1
    const resume = log.indexOf(`\n::${token}::\n`, from - 1)
    return { token, inside: resume < 0 ? '(never resumed)' : log.slice(from, resume + 1) }
  })
}

describe('the fence around command output', () => {
  it('resumes on a line of its own after output without a final newline, and the action is obeyed again', async () => {
    const { main, post } = await job(project, { run: "printf 'no-newline-at-the-end'\nexit 3" })
    expect(main.exitCode).toBe(1)
    const [first, second] = fences(main.log)
    expect(first?.inside).toBe('no-newline-at-the-end\n')
    expect(second?.inside).toBe('')
    // the action's own annotation, written after the fence, reached the runner
    expect(main.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringMatching(/^exit 3: exit code 3 after /),
    ])
    expect(post.exitCode).toBe(0)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('adds no blank line after output that ends in a newline, and gives every command a token of its own', async () => {
    const { main } = await job(project, { run: 'echo one\necho two' })
    expect(main.exitCode).toBe(0)
    const all = fences(main.log)
    expect(all.map((f) => f.inside)).toEqual(['one\n', 'two\n'])
    expect(new Set(all.map((f) => f.token)).size).toBe(2)
    expect(await liveSandboxes(project)).toEqual([])
  })

  it("never obeys a command's output that guesses at resuming: a made-up token is just a line", async () => {
    const { main } = await job(project, {
      run: 'echo "::stop-commands::guess"; echo "::guess::"; echo "::warning title=INJ::resumed?"',
    })
    expect(main.exitCode).toBe(0)
    expect(main.annotations.filter((a) => a.title === 'INJ')).toEqual([])
    expect(fences(main.log)[0]?.inside).toBe(
      '::stop-commands::guess\n::guess::\n::warning title=INJ::resumed?\n',
    )
    expect(await liveSandboxes(project)).toEqual([])
  })
})
