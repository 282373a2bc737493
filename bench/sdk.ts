// Daytona's SDK, which only the bench uses: its own package.json and lockfile in bench/sdk/, installed on
// first use with `npm ci --prefix bench/sdk`, so that it never weighs on the action's own install.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild-wasm'
import { PROJECT_ROOT } from '../runner/job.ts'
import { MODULE_PACKAGE_JSON, NODE_BUNDLE } from '../scripts/esbuild-options.ts'

const run = promisify(execFile)
export const SDK_DIR = join(PROJECT_ROOT, 'bench/sdk')

export async function ensureSdk(progress: (line: string) => void): Promise<void> {
  if (existsSync(join(SDK_DIR, 'node_modules/@daytonaio/sdk/package.json'))) return
  progress('installing the SDK baseline: npm ci --prefix bench/sdk (once)')
  await run('npm', ['ci', '--prefix', SDK_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: PROJECT_ROOT,
  })
}

/**
 * bench/sdk/job.mjs bundled into `outDir` as an action built on the SDK would ship it: with the bundler the
 * action uses and its settings (ESM for Node 24, CommonJS shims), but the SDK's dependencies as they are.
 */
export async function bundleSdkJob(outDir: string, progress: (line: string) => void): Promise<string> {
  await ensureSdk(progress)
  progress('bundling the SDK job with esbuild (for the start-up comparison)')
  await build({
    absWorkingDir: SDK_DIR,
    entryPoints: { index: join(SDK_DIR, 'job.mjs') },
    outdir: outDir,
    ...NODE_BUNDLE,
    logLevel: 'error',
  })
  await writeFile(join(outDir, 'package.json'), MODULE_PACKAGE_JSON)
  return join(outDir, 'index.js')
}
