// The bench's baseline: the job the action does, written by hand with Daytona's official TypeScript SDK the
// way its documentation shows: create from the default snapshot, clone the pull request's commit, create a
// session, run one command in it (synchronously: the answer carries the exit code), delete. Run by
// bench/compare.ts as its own node process (like the action's steps), configured through the environment.
import { Daytona } from '@daytonaio/sdk'

const env = (name) => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`bench/sdk/job.mjs: ${name} is not set`)
  return value
}

const daytona = new Daytona({ apiKey: env('DAYTONA_API_KEY'), apiUrl: env('DAYTONA_API_URL'), target: 'us' })
const sandbox = await daytona.create()
try {
  const path = 'widgets'
  await sandbox.git.clone(
    env('BENCH_REPO_URL'),
    path,
    env('BENCH_BRANCH'),
    env('BENCH_SHA'),
    undefined,
    undefined,
    undefined,
    1,
  )
  await sandbox.process.createSession('bench')
  const result = await sandbox.process.executeSessionCommand('bench', {
    command: `cd ${path} && ${env('BENCH_COMMAND')}`,
    runAsync: false,
  })
  if (result.stdout) process.stdout.write(result.stdout)
  if (result.stderr) process.stderr.write(result.stderr)
  process.exitCode = result.exitCode ?? 1
} finally {
  await daytona.delete(sandbox)
}
