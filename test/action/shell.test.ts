// The `shell` input and a run block that does not parse, through the bundled action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, liveSandboxes, openProject, type Project, results } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

describe('the shell', () => {
  it('refuses a run block that does not parse before anything is created, naming the line', async () => {
    await project.emulator.admin.resetRequests()
    const { main } = await job(project, { run: 'echo ok\nif [ -f x ]; then\n  echo x\n' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toEqual([
      "Input 'run' is not a valid shell script: line 2, column 1: `if` statement must end with `fi`.",
    ])
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })

  it('runs `shell: sh` as sh -e, carrying the directory, variables and aliases', async () => {
    const { main } = await job(project, {
      shell: 'sh',
      run: 'cd src\nexport A=1; B=2\nalias say=echo\nsay "$(basename "$PWD") $A $B"\nfalse\necho never',
    })
    expect(results(main).map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 1, null])
    expect(main.stdout).toContain('src 1 2')
    expect(main.stdout).not.toContain('never')
  })

  it('falls back to sh -e where the image has no bash (alpine), saying so once, as a step would', async () => {
    const { main } = await job(project, {
      image: 'node:22-alpine',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, expanded in the sandbox
      run: 'echo "bash=${BASH_VERSION:-none}"\nexport A=1\necho "A=$A"\nfalse\necho never',
    })
    expect(results(main).map((r) => r.exitCode)).toEqual([0, 0, 0, 1, null])
    const notices = main.annotations.filter((a) => a.level === 'notice').map((a) => a.message)
    expect(notices.filter((n) => n.includes('no bash'))).toEqual([
      'The image has no bash: the commands run with sh -e, as a workflow step would.',
    ])
    expect(main.stdout).toContain('bash=none')
    expect(main.stdout).toContain('A=1')
    expect(main.stdout).not.toContain('never')
  })

  it('runs `shell: bash` with pipefail, as GitHub does', async () => {
    const { main } = await job(project, { shell: 'bash', run: 'false | true\necho never' })
    expect(results(main).map((r) => r.exitCode)).toEqual([1, null])
  })

  it('runs a custom shell on the whole block, as one command', async () => {
    const { main } = await job(project, {
      shell: 'python3 {0}',
      run: 'import os\nprint("from python in", os.path.basename(os.getcwd()))',
    })
    expect(main.exitCode).toBe(0)
    expect(results(main)).toHaveLength(1)
    expect(main.stdout).toContain('from python in widgets')
    expect(await liveSandboxes(project)).toEqual([])
  })
})

describe("the organisation's per-sandbox limits", () => {
  it('are named as such, with the input to change, when a size is over them', async () => {
    const { main } = await job(project, { cpu: '8', run: 'true' })
    expect(main.exitCode).not.toBe(0)
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors.join('\n')).toContain(
      "Your Daytona organisation allows at most 4 vCPU per sandbox, and 'cpu: 8' asks for more: ask for at most 4",
    )
    expect(errors.join('\n')).not.toMatch(/POST \/api/)
    expect(await liveSandboxes(project)).toEqual([])
  })
})
