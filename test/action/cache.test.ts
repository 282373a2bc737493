// The dependency cache end to end: the bundled action against the emulator and a local cache service. The
// first run misses and saves the sandbox's ~/.cache-demo; the second, in a fresh sandbox, restores it
// (cache-hit true) so its install step finds the dependency already there; a failing run saves nothing.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CacheServer, startCacheServer } from '../helpers/cache-server.ts'
import { job, openProject, type Project } from './project.ts'

const INSTALL = [
  'if [ -f ~/.cache-demo/dep.txt ]; then echo "already there"',
  'else mkdir -p ~/.cache-demo && echo "dependency 1.0" > ~/.cache-demo/dep.txt && echo "installed"; fi',
].join('; ')

let project: Project
let server: CacheServer
let runnerTemp: string
let workspace: string
beforeAll(async () => {
  project = await openProject()
  server = await startCacheServer()
  // the same runner temp path in every run, as on GitHub's runners (the cache version depends on it)
  runnerTemp = await mkdtemp(join(tmpdir(), 'cache-runner-temp-'))
  workspace = await mkdtemp(join(tmpdir(), 'cache-workspace-'))
  const git = (...args: string[]) => promisify(execFile)('git', ['-C', workspace, ...args])
  await git('init', '-q')
  await writeFile(join(workspace, 'package.json'), '{}\n')
  await git('add', '-A')
  await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first')
})
afterAll(async () => {
  await project.close()
  await server.close()
  await rm(runnerTemp, { recursive: true, force: true })
  await rm(workspace, { recursive: true, force: true })
})

/**
 * @actions/cache speaks the v2 service only when GITHUB_SERVER_URL is github.com (else it assumes GHES and v1),
 * and the harness's Git server is a file:// URL: so these runs upload the workspace instead of cloning.
 */
async function cachedJob(inputs: Record<string, string>) {
  await mkdir(runnerTemp, { recursive: true })
  const env = {
    ...project.env,
    ...server.env,
    RUNNER_TEMP: runnerTemp,
    GITHUB_SERVER_URL: 'https://github.com',
  }
  return job(project, { source: 'workspace', 'cache-paths': '~/.cache-demo', ...inputs }, { env, workspace })
}

describe('dependency cache', () => {
  it('misses and saves on the first run, then restores on the second, whose install does less', {
    timeout: 120_000,
  }, async () => {
    const first = await cachedJob({ run: `${INSTALL}\ncat ~/.cache-demo/dep.txt`, 'cache-key': 'demo-v1' })
    expect(first.main.exitCode).toBe(0)
    expect(first.main.outputs['cache-hit']).toBe('false')
    expect(first.main.stdout).toMatch(/^installed$/m)
    expect(first.main.stdout).not.toMatch(/^already there$/m)
    expect(server.keys()).toEqual(['demo-v1'])

    const second = await cachedJob({ run: `${INSTALL}\ncat ~/.cache-demo/dep.txt`, 'cache-key': 'demo-v1' })
    expect(second.main.exitCode).toBe(0)
    expect(second.main.outputs['cache-hit']).toBe('true')
    expect(second.main.stdout).toMatch(/^already there$/m)
    expect(second.main.stdout).toMatch(/^dependency 1\.0$/m)
    expect(second.main.stdout).not.toMatch(/^installed$/m)
    // an exact hit is not saved again
    expect(server.keys()).toEqual(['demo-v1'])
  })

  it('restores by a restore key without calling it a hit, and saves under the new key', {
    timeout: 120_000,
  }, async () => {
    const run = await cachedJob({ run: INSTALL, 'cache-key': 'demo-v2', 'cache-restore-keys': 'demo-' })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['cache-hit']).toBe('false')
    expect(run.main.stdout).toMatch(/^already there$/m)
    expect(server.keys()).toContain('demo-v2')
  })

  it('saves nothing after a failing command', { timeout: 120_000 }, async () => {
    const run = await cachedJob({ run: `${INSTALL}\nexit 3`, 'cache-key': 'demo-failing' })
    expect(run.main.exitCode).not.toBe(0)
    expect(run.main.outputs['cache-hit']).toBe('false')
    expect(server.keys()).not.toContain('demo-failing')
  })

  it('refuses a cache-paths without a cache-key before creating anything', async () => {
    const run = await cachedJob({ run: INSTALL })
    expect(run.main.exitCode).not.toBe(0)
    expect(run.main.stdout).toContain("Input 'cache-key' is required when cache-paths is set")
  })
})
