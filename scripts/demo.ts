// npm run demo [-- --fail] [-- --keep] [-- --help]
// Runs the BUNDLED action (dist/main, then dist/post with the saved state) exactly as the GitHub runner
// would, for a pull_request on a throwaway git server, against a local Daytona emulator; streams the job log,
// then shows the outputs, the step summary, and that no sandbox is left behind.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulator } from '../emulator/server.ts'
import {
  bareRepoPath,
  commit,
  git as gitIn,
  makeGitServer,
  makeRepo,
  openPullRequest,
  removeGitServer,
} from '../runner/git-fixtures.ts'
import { startGitHubApi } from '../runner/github-api.ts'
import { PROJECT_ROOT, runJob } from '../runner/job.ts'
import { bold, dim, green, logPrinter, printResults, printStepHeader, red, say } from '../runner/terminal.ts'

const { values } = parseArgs({
  options: { fail: { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
})
if (values.help) {
  process.stdout.write(`Usage: npm run demo [-- --fail] [-- --keep]

The whole action on a throwaway project and pull request, against a local Daytona emulator: the job log,
the outputs, the step summary, and that no sandbox is left. To run your own commands: npm run try -- --help

  --fail   the pull request brings a lint error: see a failing run
  --keep   keep the job folder (event, RUNNER_TEMP, workspace) and the git server, and say where
`)
  process.exit(0)
}
const failMode = values.fail === true
const keep = values.keep === true

for (const bundle of ['dist/main/index.js', 'dist/post/index.js']) {
  if (!existsSync(join(PROJECT_ROOT, bundle))) {
    say(red(`demo: ${bundle} is missing; run \`npm run build\` first`))
    process.exit(2)
  }
}

// A small project that reads real: a library, its tests, the scripts CI would call, and its test environment
// as a Dockerfile (the action turns it into a snapshot once and reuses it while it stays the same).
const PROJECT = {
  Dockerfile: [
    'FROM node:22-bookworm',
    'WORKDIR /workspace',
    'COPY package.json ./',
    'RUN npm install --ignore-scripts',
    'ENV CALC_PRECISION=exact',
    '',
  ].join('\n'),
  'package.json': '{ "name": "calculator", "version": "1.0.0", "type": "module", "private": true }\n',
  'README.md': '# calculator\n\nA tiny calculator. `./test.sh` runs the tests.\n',
  'src/calc.mjs': 'export const add = (a, b) => a + b\nexport const sub = (a, b) => a - b\n',
  'test/calc.test.mjs': [
    "import { test } from 'node:test'",
    "import assert from 'node:assert/strict'",
    "import { add, sub } from '../src/calc.mjs'",
    "test('add', () => assert.equal(add(2, 3), 5))",
    "test('sub', () => assert.equal(sub(2, 3), -1))",
    '',
  ].join('\n'),
  'test.sh': '#!/bin/sh\nset -e\ncd "$(dirname "$0")"\necho "running the test suite"\nnode --test\n',
  'lint.sh': '#!/bin/sh\necho "lint: 2 files checked, all clean"\n',
}
const PR_CHANGE = {
  'src/calc.mjs': `${PROJECT['src/calc.mjs']}export const mul = (a, b) => a * b\n`,
  'test/mul.test.mjs': [
    "import { test } from 'node:test'",
    "import assert from 'node:assert/strict'",
    "import { mul } from '../src/calc.mjs'",
    "test('mul', () => assert.equal(mul(4, 5), 20))",
    '',
  ].join('\n'),
  // with --fail the pull request brings a style error: the lint command exits 3
  ...(failMode
    ? {
        'lint.sh':
          '#!/bin/sh\necho "src/calc.mjs:3: mul: missing JSDoc" >&2\necho "lint: 1 problem"\nexit 3\n',
      }
    : {}),
}
const RUN = [
  'node --version',
  'echo "precision: $CALC_PRECISION"',
  'cat README.md',
  './test.sh',
  './lint.sh',
  'echo "all checks passed on $(uname -s)"',
]

interface SandboxView {
  id: string
  name?: string
  state: string
}

/** The emulator's sandboxes once deletions have settled: `destroying` takes a moment to become `destroyed`. */
async function sandboxesAfterwards(origin: string): Promise<SandboxView[]> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const sandboxes = (await (await fetch(`${origin}/_emulator/sandboxes`)).json()) as SandboxView[]
    if (sandboxes.every((s) => s.state === 'destroyed') || Date.now() > deadline) return sandboxes
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const apiKey = `dtn_demo_${randomBytes(16).toString('hex')}`
const emulator = await startEmulator({ apiKey, port: 0 })
const git = await makeGitServer()
let exitCode = 1
try {
  say(bold('daytona-action demo'))
  say(`  emulator:  ${emulator.apiUrl}  (isolation: ${emulator.isolation})`)
  say(`  git host:  ${git.serverUrl}`)
  say(
    `  scenario:  ${failMode ? 'a pull request whose lint step fails (exit 3)' : 'a pull request that passes'}`,
  )

  await makeRepo(git, 'acme/calculator', PROJECT, { message: 'Calculator with add and sub' })
  await commit(git, 'acme/calculator', PR_CHANGE, { branch: 'feature/mul', message: 'Add mul' })
  const pr = await openPullRequest(git, {
    base: 'acme/calculator',
    head: 'acme/calculator',
    headRef: 'feature/mul',
    number: 1,
    title: 'Add mul',
  })
  say(`  event:     pull_request #1 (feature/mul @ ${pr.headSha.slice(0, 7)} into main)`)
  // The runner's workspace after actions/checkout: the action reads the Dockerfile and its context there.
  const workspace = join(git.root, '..', 'workspace')
  await gitIn(git.root, 'clone', '-q', bareRepoPath(git, 'acme/calculator'), workspace)
  await gitIn(workspace, 'checkout', '-q', pr.headSha)
  const github = await startGitHubApi(git)

  const inputs = { 'api-key': apiKey, 'api-url': emulator.apiUrl, run: `${RUN.join('\n')}\n`, timeout: '60s' }
  const { main, post, jobDir } = await runJob({
    inputs,
    event: pr.event,
    env: { GITHUB_SERVER_URL: git.serverUrl, GITHUB_API_URL: github.url },
    workspace,
    secrets: [apiKey],
    keepTemp: keep,
    timeoutMs: 50_000,
    onStepStart: (kind) =>
      printStepHeader(
        kind === 'main' ? 'Run org/daytona-action@v1' : 'Post Run org/daytona-action@v1',
        inputs,
      ),
    onLine: logPrinter(),
  })
  say(
    dim(
      `  (main exited ${main.exitCode ?? main.signal}, post ${post.skipped ? 'skipped' : `exited ${post.exitCode ?? post.signal}`})`,
    ),
  )
  await github.close()
  printResults(main)
  if (keep) say(dim(`\n  kept the job folder (event, RUNNER_TEMP, workspace): ${jobDir}`))

  const sandboxes = await sandboxesAfterwards(emulator.origin)
  const alive = sandboxes.filter((s) => s.state !== 'destroyed')
  say()
  say(bold('Sandboxes afterwards'))
  for (const s of sandboxes) say(`  ${s.id}  ${s.state}  (${s.name ?? 'no name'})`)
  say(alive.length === 0 ? green('  none left running') : red(`  ${alive.length} still there!`))

  exitCode = main.exitCode === 0 && post.exitCode === 0 && alive.length === 0 ? 0 : (main.exitCode ?? 1) || 1
} finally {
  await emulator.close()
  if (keep) say(dim(`  kept the git server: ${git.root}`))
  else await removeGitServer(git)
}
say()
say(exitCode === 0 ? green('demo: success') : red('demo: failed'))
process.exit(exitCode)
