// Every workflow in the repository (CI's own and the examples users copy) lints clean with actionlint, and the
// linter really reports what is wrong.
import { describe, expect, it } from 'vitest'
import { formatFinding, lintRepository, lintWorkflow, workflowFiles } from '../../scripts/workflow-lint.ts'

describe('actionlint', () => {
  it('reports nothing on any workflow in the repository', async () => {
    const { files, findings } = await lintRepository('.')
    expect(files).toContain('.github/workflows/ci.yml')
    expect(findings.map(formatFinding)).toEqual([])
  })

  it('finds the workflows, and only them (not action.yml nor dependabot.yml)', () => {
    const files = workflowFiles('.')
    expect(files).not.toContain('action.yml')
    expect(files).not.toContain('.github/dependabot.yml')
  })

  it('reports an unknown context property and a bad runner label, with their place', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latst',
      '    steps:',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression
      '      - run: echo ${{ github.nope }}',
    ].join('\n')
    const findings = await lintWorkflow('bad.yml', workflow)
    expect(findings.map((f) => [f.line, f.kind])).toEqual(
      expect.arrayContaining([
        [4, 'runner-label'],
        [6, 'expression'],
      ]),
    )
  })
})
