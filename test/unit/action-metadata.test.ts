// action.yml is the contract users write against: it must parse, run on node24 with an always-on post step,
// and declare exactly the inputs the code reads and the outputs it sets.
import { readdirSync, readFileSync } from 'node:fs'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { workflowFiles } from '../../scripts/workflow-lint.ts'
import { INPUT_NAMES } from '../../src/inputs.ts'

interface ActionYml {
  name: string
  description: string
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: Record<string, string>
  branding?: { icon?: string; color?: string }
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml
const OUTPUTS = [
  'sandbox-id',
  'sandbox-name',
  'snapshot',
  'snapshot-cache-hit',
  'exit-code',
  'results',
  'duration',
  'swept',
  'download-path',
  'cache-hit',
  'tests',
]

describe('action.yml', () => {
  it('runs main and an always-on post step on node24 from dist/', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    })
  })

  it('declares exactly the inputs the action reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20)
    }
  })

  it('gives every input but run a default, and has Marketplace branding', () => {
    // run is required unless mode is cleanup: readInputs says so, action.yml cannot
    const required = Object.entries(action.inputs).filter(([, input]) => input.required === true)
    expect(required.map(([name]) => name)).toEqual([])
    expect(action.inputs.run?.description).toMatch(/^Required unless mode is cleanup\./)
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name !== 'run') expect(typeof input.default, name).toBe('string')
    }
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  it('declares the outputs the action sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort())
  })

  it('defaults the token to the job token and fail-fast to true', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, as action.yml spells it
    expect(action.inputs.token?.default).toBe('${{ github.token }}')
    expect(action.inputs['fail-fast']?.default).toBe('true')
    // not required: mode cleanup runs no commands (readInputs requires it in mode run)
    expect(action.inputs.run?.required).toBe(false)
  })
})

/** GitHub's own parser for action.yml and workflows: what the runner would refuse, we refuse first. */
describe('as GitHub parses them', () => {
  const trace = new NoOperationTraceWriter()
  const errors = (result: { context: { errors: { getErrors(): { message: string }[] } } }) =>
    result.context.errors.getErrors().map((error) => error.message)

  it('action.yml is a valid action', async () => {
    const parsed = parseAction({ name: 'action.yml', content: readFileSync('action.yml', 'utf8') }, trace)
    expect(errors(parsed)).toEqual([])
    const converted = await convertActionTemplate(parsed.context, parsed.value!)
    expect(converted.runs).toMatchObject({ using: 'node24', post: 'dist/post/index.js' })
  })

  it.each(workflowFiles('.'))('workflow %s is valid', (file) => {
    const content = readFileSync(file, 'utf8')
    expect(errors(parseWorkflow({ name: file, content }, trace))).toEqual([])
  })

  // A tag can be moved to other code; a commit cannot. The comment keeps the version readable (and Dependabot
  // updates both).
  it.each(readdirSync('.github/workflows'))(
    'workflow %s pins every action to a commit, with its version',
    (file) => {
      const uses = [...readFileSync(`.github/workflows/${file}`, 'utf8').matchAll(/^\s*-?\s*uses:\s*(.+)$/gm)]
        .map((m) => m[1]!.trim())
        .filter((ref) => !ref.startsWith('./'))
      expect(uses.length).toBeGreaterThan(0)
      for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
    },
  )
})
