// The repository the corpus runs in, and the two ways of running a block: through the bundled action against
// the emulator, and directly with bash in a clone on this machine, as a workflow step runs `run:`.
import { spawn } from 'node:child_process'
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bareRepoPath } from '../../runner/git-fixtures.ts'
import { job, openProject, type Project, results } from '../action/project.ts'
import type { RunBlock } from './run-blocks.ts'

const SERVER = `const http = require('node:http')
const server = http.createServer((req, res) => {
  res.end(req.url === '/health' ? 'ok' : 'hello from the app\\n')
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on', process.env.PORT))
`

export const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'widgets', private: true, scripts: { start: 'node server.js' } }, null, 2)}\n`,
  'server.js': SERVER,
  'scripts/hello.py': 'print("hello from python")\n',
}

export function openCorpusProject(): Promise<Project> {
  return openProject(FILES)
}

export interface Outcome {
  /** the step's result: 0 passed */
  exitCode: number
  /** what the commands printed, in order, normalised (see normalise) */
  output: string[]
}

export interface ActionOutcome extends Outcome {
  codes: Array<number | null>
  stdout: string
  sandboxesLeft: number
}

/** One block through the bundled action, main then post. */
export async function runWithAction(
  project: Project,
  block: RunBlock,
  extra: Record<string, string>,
): Promise<ActionOutcome> {
  const inputs = { run: block.run, 'fail-fast': String(block.failFast ?? true), timeout: '5m', ...extra }
  const { main } = await job(project, inputs, { timeoutMs: 280_000 })
  const sandboxes = await project.emulator.admin.sandboxes()
  return {
    exitCode: main.exitCode ?? -1,
    codes: results(main).map((r) => r.exitCode),
    output: normalise(commandOutput(main.stdout)),
    stdout: main.stdout,
    sandboxesLeft: sandboxes.filter((s: { state: string }) => !['destroyed', 'destroying'].includes(s.state))
      .length,
  }
}

/**
 * The block as a workflow step runs it: `bash -e {0}` in a clone at the head commit, stdin empty. With
 * fail-fast off a failure must not stop the script, so errexit is off too (a failing command goes on).
 */
export async function runWithBash(
  project: Project,
  block: RunBlock,
  env: Record<string, string>,
): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-bash-'))
  try {
    const clone = join(dir, 'widgets')
    await exec('git', ['clone', '-q', bareRepoPath(project.git, 'acme/widgets'), clone])
    await exec('git', ['-C', clone, 'checkout', '-q', project.headSha])
    await writeFile(join(dir, 'block.sh'), block.run)
    const log = join(dir, 'output')
    const out = await open(log, 'w')
    const args = block.failFast === false ? [join(dir, 'block.sh')] : ['-e', join(dir, 'block.sh')]
    const child = spawn('bash', args, {
      cwd: clone,
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: dir, ...env },
      stdio: ['ignore', out.fd, out.fd],
      detached: true,
    })
    const exitCode = await new Promise<number>((resolve) =>
      child.once('exit', (code) => resolve(code ?? 128)),
    )
    try {
      process.kill(-child.pid!, 'SIGKILL') // what it left running (a server), as the runner's cleanup does
    } catch {
      // nothing left
    }
    await out.close()
    return { exitCode, output: normalise(await readFile(log, 'utf8')) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The commands' own output in the action's log, as the runner shows it: each command's group (and the EXIT
 * trap's) up to the action's line that closes it (`✓ exit code …`, `✗ exit code …`, `Timed out after …`).
 */
export function commandOutput(log: string): string {
  const parts: string[] = []
  const group = /^##\[group\](?:\$ .*|EXIT trap)\n([\s\S]*?)^##\[endgroup\]$/gm
  for (const match of log.matchAll(group)) {
    const body = match[1] ?? ''
    const end = body.search(/^(?:[✓✗] exit code |Timed out after )/m)
    parts.push(end >= 0 ? body.slice(0, end) : body)
  }
  return parts.join('')
}

/**
 * Lines, without empty ones (each command's output ends on a line of its own in the log) and with the
 * script's path in the shell's error messages replaced, so that `<file>: line 3: …` compares.
 */
export function normalise(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\S*(?:block\.sh|\/script): line (\d+): /, '<script>: line $1: '))
    .filter((line) => line !== '')
}

function exec(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore' })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: ${code}`)),
    )
  })
}
