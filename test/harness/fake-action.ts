// A tiny node action written in a temp folder, built on the real @actions/core, so the harness is tested
// against exactly the file-command and stdout formats the toolkit writes.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PROJECT_ROOT } from '../../runner/job.ts'

const CORE = pathToFileURL(join(PROJECT_ROOT, 'node_modules/@actions/core/lib/core.js')).href

const ACTION_YML = (postIf: string) => `name: fake
description: a fake action for testing the harness
inputs:
  who-to-greet:
    default: World
  api-key:
    default: ''
  token:
    default: \${{ github.token }}
  repo-default:
    default: \${{ github.repository }}
  other-expr:
    default: \${{ inputs.who-to-greet }}
  mode:
    default: ok
  no-default:
    required: false
runs:
  using: node24
  main: main.mjs
  post: post.mjs
  post-if: ${postIf}
`

const MAIN = `import * as core from '${CORE}'
import { readFileSync } from 'node:fs'
core.setOutput('event', readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
const mode = core.getInput('mode')
const apiKey = core.getInput('api-key')
if (apiKey) core.setSecret(apiKey)
core.info('hello ' + core.getInput('who-to-greet'))
core.setOutput('env', JSON.stringify(process.env))
core.setOutput('multi', 'line1\\nline2')
core.setOutput('cwd', process.cwd())
core.saveState('sandbox-id', 'sb-123')
core.saveState('Mixed_Case', 'kept as saved')
core.exportVariable('FROM_MAIN', 'exported')
core.addPath('/opt/fake/bin')
core.startGroup('Setup')
core.info('inside the group')
core.endGroup()
core.debug('hidden debug')
core.warning('50% done: a, b', { title: 'Heads up: x, y', file: 'src/a.ts', startLine: 7 })
core.notice('just so you know')
console.log('::stop-commands::3f9c1a2b-77aa-4c1e-9d2b-5e6f7a8b9c0d')
console.log('::error::printed by a command, not an annotation')
console.log('::3f9c1a2b-77aa-4c1e-9d2b-5e6f7a8b9c0d::')
console.error('to stderr')
core.info('the key is ' + apiKey)
await core.summary.addHeading('Fake results').addTable([['cmd', 'exit'], ['make', '0']]).write()
if (mode === 'fail') core.setFailed('boom\\nsecond line')
if (mode === 'big-summary') await core.summary.addRaw('x'.repeat(1100 * 1024)).write()
if (mode === 'hang' || mode === 'hang-trap') {
  if (mode === 'hang-trap') process.on('SIGINT', () => { console.log('got SIGINT, cleaning up'); process.exit(130) })
  console.log('waiting for a signal')
  setInterval(() => {}, 1000)
}
`

const POST = `import * as core from '${CORE}'
core.setOutput('env', JSON.stringify(process.env))
core.info('post sees sandbox ' + core.getState('sandbox-id'))
`

/** Writes the fake action; returns its folder (pass as JobOptions.actionDir). */
export async function makeFakeAction(opts: { postIf?: string } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-action-'))
  await writeFile(join(dir, 'action.yml'), ACTION_YML(opts.postIf ?? 'always()'))
  await writeFile(join(dir, 'main.mjs'), MAIN)
  await writeFile(join(dir, 'post.mjs'), POST)
  return dir
}
