// Start-up: from spawning `node dist/main/index.js` to the first request it sends, next to the same for the
// SDK job bundled the same way (what an action built on the SDK would ship). A local server notes the arrival of
// the first request and answers 503; the process is then killed. Median of `runs` after one warm-up each.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputEnv, loadAction } from '../runner/runner-env.ts'
import { bundleSdkJob } from './sdk.ts'
import { median, ms, type Section } from './stats.ts'

export interface Startup {
  section: Section
  action: number
  sdk: number
}

export async function measureStartup(
  actionDir: string,
  runs: number,
  progress: (line: string) => void,
): Promise<Startup> {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-startup-'))
  // each process gets its own path prefix: a late request of a killed one must not count for the next
  let awaited: { prefix: string; arrived: () => void } | undefined
  const server = createServer((req, res) => {
    if (awaited && req.url?.startsWith(awaited.prefix)) awaited.arrived()
    req.resume()
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"bench"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}`
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' }
  try {
    const sdkBundle = await bundleSdkJob(join(scratch, 'sdk'), progress)
    const meta = await loadAction(actionDir)
    const actionEnv = (prefix: string) => ({
      ...base,
      ...inputEnv(meta, { 'api-key': 'bench-key', 'api-url': `${url}${prefix}api`, run: 'true' }, 'token', {})
        .env,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: `${url}${prefix}github`,
      GITHUB_SERVER_URL: url,
      GITHUB_WORKSPACE: scratch,
      RUNNER_TEMP: scratch,
    })
    const sdkEnv = (prefix: string) => ({
      ...base,
      DAYTONA_API_KEY: 'bench-key',
      DAYTONA_API_URL: `${url}${prefix}api`,
      ...{ BENCH_REPO_URL: url, BENCH_BRANCH: 'main', BENCH_SHA: 'x', BENCH_COMMAND: 'true' },
    })
    let spawned = 0
    const untilFirstRequest = (script: string, env: (prefix: string) => Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const prefix = `/run-${++spawned}/`
        const started = performance.now()
        const child = spawn(process.execPath, [script], { cwd: scratch, env: env(prefix), stdio: 'ignore' })
        let arrived = false
        awaited = {
          prefix,
          arrived: () => {
            arrived = true
            awaited = undefined
            resolve(performance.now() - started)
            child.kill('SIGKILL')
          },
        }
        child.on('error', reject)
        child.on('close', () => {
          if (!arrived) reject(new Error(`${script} exited before sending a request`))
        })
      })
    const time = async (label: string, script: string, env: (prefix: string) => Record<string, string>) => {
      progress(`start-up: ${label}`)
      await untilFirstRequest(script, env)
      const times: number[] = []
      for (let i = 0; i < runs; i++) times.push(await untilFirstRequest(script, env))
      return times
    }
    const action = await time('the action', join(actionDir, 'dist/main/index.js'), actionEnv)
    const sdk = await time('the SDK bundle', sdkBundle, sdkEnv)
    const row = (label: string, values: number[]) => [
      label,
      ms(Math.min(...values)),
      ms(median(values)),
      ms(Math.max(...values)),
    ]
    return {
      action: median(action),
      sdk: median(sdk),
      section: {
        title: 'Start-up: spawn to first request',
        headers: ['process', 'min', 'median', 'max'],
        rows: [
          row('`node dist/main/index.js`', action),
          row('SDK job bundled with esbuild', sdk),
          ['**ratio (medians)**', '', `**${(median(action) / median(sdk)).toFixed(2)}**`, ''],
        ],
        notes: [
          `${runs} runs each after one warm-up. The action's first request is its look-up of a Dockerfile ` +
            "through the GitHub API (a push event, no checkout); the SDK job's is `POST /sandbox`.",
        ],
      },
    }
  } finally {
    server.closeAllConnections()
    server.close()
    await rm(scratch, { recursive: true, force: true })
  }
}
