// npm run try -- --run 'npm test' [options]: your own commands through the bundled action, exactly as the
// GitHub runner runs it (main, then post with the saved state), against the embedded Daytona emulator or a
// real Daytona. `--help` says it all.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { startEmulator } from '../emulator/server.ts'
import {
  bareRepoPath,
  git,
  importLocalRepo,
  makeGitServer,
  pushEvent,
  removeGitServer,
} from '../runner/git-fixtures.ts'
import { startGitHubApi } from '../runner/github-api.ts'
import { PROJECT_ROOT, runJob } from '../runner/job.ts'
import { bold, dim, green, logPrinter, printResults, printStepHeader, red, say } from '../runner/terminal.ts'

const HELP = `Usage: npm run try -- [options]

Runs the bundled action (dist/) as the GitHub runner does — main, then post — with your inputs, and prints
the job log, the outputs and the step summary.

Commands (one of):
  --run <script>          the run: block, e.g. --run 'npm ci && npm test'
  --run-file <file>       the run: block from a file
  --workflow <file> --job <id> --step <n>
                          every with: input of step <n> (1-based) of job <id> in a workflow file;
                          \${{ }} expressions are not evaluated: give those inputs with --with (api-key
                          and api-url always come from the Daytona options below)

Inputs:
  --with <name>=<value>   any other input of action.yml (repeatable), e.g. --with cpu=2 --with fail-fast=false

Source (what the sandbox clones):
  --source <dir>          a local git repository (default: the current directory); its working tree as it
                          is on disk, untracked files included, ignored ones not
  --commit <rev>          that repository's commit <rev> instead of its working tree

Daytona:
  (default)               a Daytona emulator started for this run, on this machine
  --api-url <url>         a real Daytona API (with --api-key, or DAYTONA_API_KEY); it cannot reach your disk,
                          so name a repository it can clone: --with repository=owner/name --with ref=<branch>

Output:
  --summary <file>        write the step summary (Markdown) there (default: a temporary folder, printed)
  --help                  this text

Examples:
  npm run try -- --run 'echo hello from the sandbox'
  npm run try -- --source ../my-app --run-file ci.sh --with cpu=2
  npm run try -- --workflow .github/workflows/test.yml --job test --step 2
`

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    'run-file': { type: 'string' },
    workflow: { type: 'string' },
    job: { type: 'string' },
    step: { type: 'string' },
    with: { type: 'string', multiple: true, default: [] },
    source: { type: 'string', default: '.' },
    commit: { type: 'string' },
    'api-url': { type: 'string' },
    'api-key': { type: 'string' },
    summary: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
})

function usageError(message: string): never {
  process.stderr.write(`try: ${message}\nRun \`npm run try -- --help\` for the options.\n`)
  process.exit(2)
}

/** The `with:` block of a workflow's step, as strings (the runner passes every input as a string). */
async function stepInputs(file: string, job: string | undefined, step: string | undefined) {
  if (!job || !step) usageError('--workflow needs --job <id> and --step <n>')
  const workflow = parseYaml(await readFile(file, 'utf8')) as {
    jobs?: Record<string, { steps?: Array<{ with?: Record<string, unknown> }> }>
  }
  const steps = workflow.jobs?.[job]?.steps
  if (!steps) usageError(`${file} has no job ${job}`)
  const chosen = steps[Number(step) - 1]
  if (!chosen) usageError(`job ${job} of ${file} has ${steps.length} steps; --step counts from 1`)
  return Object.fromEntries(Object.entries(chosen.with ?? {}).map(([k, v]) => [k, String(v)]))
}

async function readInputs(): Promise<Record<string, string>> {
  const inputs: Record<string, string> = values.workflow
    ? await stepInputs(values.workflow, values.job, values.step)
    : {}
  for (const pair of values.with ?? []) {
    const at = pair.indexOf('=')
    if (at <= 0) usageError(`--with takes <name>=<value>, got ${JSON.stringify(pair)}`)
    inputs[pair.slice(0, at)] = pair.slice(at + 1)
  }
  if (values.run !== undefined) inputs.run = values.run
  if (values['run-file']) inputs.run = await readFile(values['run-file'], 'utf8')
  if (!inputs.run) usageError('give the commands: --run, --run-file or --workflow (see --help)')
  return inputs
}

if (values.help) {
  process.stdout.write(HELP)
  process.exit(0)
}
for (const bundle of ['dist/main/index.js', 'dist/post/index.js']) {
  if (!existsSync(join(PROJECT_ROOT, bundle))) usageError(`${bundle} is missing: run \`npm run build\` first`)
}
const inputs = await readInputs()
const real = values['api-url']
const apiKey = real
  ? (values['api-key'] ?? process.env.DAYTONA_API_KEY)
  : `dtn_try_${randomBytes(16).toString('hex')}`
if (!apiKey) usageError('--api-url needs --api-key or DAYTONA_API_KEY')
if (real && !inputs.repository) {
  usageError(
    'a real Daytona cannot clone from your disk: add --with repository=owner/name --with ref=<branch>',
  )
}

const emulator = real ? undefined : await startEmulator({ apiKey, port: 0 })
const server = await makeGitServer()
const folder = await mkdtemp(join(tmpdir(), 'daytona-try-'))
let exitCode = 1
try {
  const sourceDir = resolve(values.source ?? '.')
  const repository = inputs.repository ?? `local/${basename(sourceDir).replace(/[^A-Za-z0-9._-]/g, '-')}`
  let sha = ''
  let workspace: string | undefined
  if (!real) {
    const imported = await importLocalRepo(server, repository, sourceDir, values.commit).catch((err) =>
      usageError(`${sourceDir} is not a git repository with that commit (${(err as Error).message.trim()})`),
    )
    sha = imported.sha
    // The runner's workspace after actions/checkout: the action reads the Dockerfile and its context there.
    workspace = join(folder, 'workspace')
    await git(folder, 'clone', '-q', bareRepoPath(server, repository), workspace)
  }
  const event = pushEvent({ repo: repository, sha, ref: 'refs/heads/main', serverUrl: 'https://github.com' })
  const github = await startGitHubApi(server)
  // The Daytona to use is try's choice: a workflow step's `api-key: ${{ secrets.… }}` cannot be evaluated here.
  const allInputs = { ...inputs, 'api-key': apiKey, 'api-url': real ?? emulator!.apiUrl }
  say(bold('daytona-action, tried locally'))
  say(`  Daytona:  ${real ?? `${emulator!.apiUrl} (the emulator; isolation ${emulator!.isolation})`}`)
  say(
    `  source:   ${real ? repository : `${sourceDir} (${values.commit ?? 'working tree'}) as ${repository}@${sha.slice(0, 7)}`}`,
  )
  const { main, post } = await runJob({
    inputs: allInputs,
    event,
    env: {
      ...(real ? {} : { GITHUB_SERVER_URL: server.serverUrl }),
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: repository,
    },
    workspace,
    secrets: [apiKey],
    timeoutMs: 24 * 60 * 60_000,
    onStepStart: (kind) =>
      printStepHeader(kind === 'main' ? 'Run daytona-action' : 'Post Run daytona-action', allInputs),
    onLine: logPrinter(),
  })
  await github.close()
  printResults(main)
  const summaryFile = resolve(values.summary ?? join(folder, 'summary.md'))
  await writeFile(summaryFile, main.summary)
  say()
  say(dim(`  The step summary (Markdown) is in ${summaryFile}`))
  exitCode = main.exitCode === 0 && post.exitCode === 0 ? 0 : main.exitCode || 1
} finally {
  await emulator?.close()
  await removeGitServer(server)
}
say(exitCode === 0 ? green('try: the step passed') : red(`try: the step failed (exit ${exitCode})`))
process.exit(exitCode)
