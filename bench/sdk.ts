// Daytona's SDK, which only the bench uses: its own package.json and lockfile in bench/sdk/, installed on
// first use with `npm ci --prefix bench/sdk`, so that it never weighs on the action's own install.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../runner/job.ts'

const run = promisify(execFile)
export const SDK_DIR = join(PROJECT_ROOT, 'bench/sdk')

export async function ensureSdk(progress: (line: string) => void): Promise<void> {
  if (existsSync(join(SDK_DIR, 'node_modules/@daytonaio/sdk/package.json'))) return
  progress('installing the SDK baseline: npm ci --prefix bench/sdk (once)')
  await run('npm', ['ci', '--prefix', SDK_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: PROJECT_ROOT,
  })
}

/** bench/sdk/job.mjs bundled with ncc into `outDir`, as an action built on the SDK would ship it. */
export async function bundleSdkJob(outDir: string, progress: (line: string) => void): Promise<string> {
  await ensureSdk(progress)
  progress('bundling the SDK job with ncc (for the start-up comparison)')
  await run(
    join(PROJECT_ROOT, 'node_modules/.bin/ncc'),
    ['build', join(SDK_DIR, 'job.mjs'), '-o', outDir, '-q'],
    {
      cwd: SDK_DIR,
    },
  )
  return join(outDir, 'index.mjs')
}
