// What the command runner (commands.ts) tells the job log about each command, read as the runner renders it:
// its group's title, an `exit` that ends the script, jobs left running, and a `trap … EXIT` run once at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project, results } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

/** the groups of the commands (and of an EXIT trap), not the action's own */
const groups = (stdout: string) => [...stdout.matchAll(/^##\[group\](\$ .*|EXIT trap)$/gm)].map((m) => m[1])
const lineOf = (stdout: string, line: string) => stdout.split('\n').indexOf(line)

describe('the job log of the commands', () => {
  it("titles each command's group with its first line, cut to 80 characters", async () => {
    const long = `echo ${'x'.repeat(120)}`
    const { main } = await job(project, { run: `${long}\nif true; then\n  echo inside\nfi` })
    expect(main.exitCode).toBe(0)
    // 80 characters with the ellipsis
    expect(groups(main.stdout)).toEqual([`$ ${long.slice(0, 80)}…`, '$ if true; then …'])
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('says that `exit` ended the script only when commands were left', async () => {
    const early = await job(project, { run: 'echo one\nexit 0\necho never' })
    expect(early.main.stdout).toContain(
      '`exit` ended the script: the remaining commands do not run, as in a workflow step.',
    )
    const last = await job(project, { run: 'echo one\nexit 0' })
    expect(last.main.exitCode).toBe(0)
    expect(last.main.stdout).not.toContain('`exit` ended the script')
  })

  it('says how many background jobs keep running, and where their output goes', async () => {
    const { main } = await job(project, { run: 'sleep 30 &\nsleep 30 & sleep 30 &\necho done' })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(
      '1 background job keeps running after this command, until the sandbox is deleted; what they print from now ' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's syntax, as the log shows it
        'on goes to ${TMPDIR:-/tmp}/daytona-action/1/output in the sandbox.',
    )
    expect(main.stdout).toContain('2 background jobs keep running after this command')
    expect(main.stdout).not.toContain('/daytona-action/3/output')
    expect(await liveSandboxes(project)).toEqual([])
  })

  it('runs a trap on EXIT once, after the last command, in a group of its own', async () => {
    const { main } = await job(project, { run: "trap 'echo trap-ran' EXIT\necho one\necho two" })
    expect(main.exitCode).toBe(0)
    expect(groups(main.stdout).at(-1)).toBe('EXIT trap')
    expect(main.stdout.match(/^trap-ran$/gm)).toHaveLength(1)
    expect(lineOf(main.stdout, 'trap-ran')).toBeGreaterThan(lineOf(main.stdout, 'two'))
    expect(lineOf(main.stdout, '##[group]EXIT trap')).toBeGreaterThan(lineOf(main.stdout, 'two'))
    expect(results(main)).toHaveLength(3)
  })

  it('runs no EXIT group for a script without one', async () => {
    const { main } = await job(project, { run: 'echo one' })
    expect(groups(main.stdout)).toEqual(['$ echo one'])
  })
})
