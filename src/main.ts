// The main step: inputs → environment → sandbox → source (+ cache) → commands → results back (+ cache) →
// cleanup → report. The
// sandbox goes as soon as its results are back (an idle sandbox still costs money); reporting needs only
// what was gathered.
import * as core from '@actions/core'
import { wantsCache } from './cache/inputs.ts'
import { Cleanup } from './cleanup.ts'
import { CommandShell, resolveCwd, runCommands } from './commands.ts'
import { Daytona } from './daytona/client.ts'
import { prepareEnvironment } from './environment/index.ts'
import { assertTrusted, assertWorkflowRun, fromEnvironment, resolveSource } from './github-context.ts'
import { readInputs, redactConfig } from './inputs.ts'
import { describeError } from './limits.ts'
import { type Outcome, report } from './report/outcome.ts'
import { isFailure } from './report/outputs.ts'
import { wantsResults } from './results/inputs.ts'
import { createSandbox, extendForDebugging } from './sandbox.ts'
import { scriptCommands } from './script.ts'
import { cloneSource, pinCommit } from './source.ts'
import { guardStdout } from './untrusted-output.ts'
import { planWorkspaceUpload, uploadWorkspace } from './workspace-upload.ts'

async function run(): Promise<void> {
  guardStdout()
  const startedAt = Date.now()
  // 1. Inputs: every bad value fails here, before anything is created.
  const config = readInputs()
  core.debug(`Inputs: ${JSON.stringify(redactConfig(config))}`)
  if (config.mode === 'cleanup') {
    // The scheduled orphan sweep: no sandbox of its own, no commands.
    const { sweep } = await import('./sweep.ts')
    return sweep(config, fromEnvironment())
  }
  const commands = await scriptCommands(config)
  const event = fromEnvironment()
  assertWorkflowRun(event)
  const resolved = resolveSource(event, config)
  assertTrusted(resolved, config.allowFork)
  const source = await pinCommit(resolved, config)
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const upload = config.source === 'workspace' ? await planWorkspaceUpload(workspace) : undefined
  const outcome: Outcome = { startedAt, config, source, job: event.job, results: [] }

  const client = new Daytona({ apiUrl: config.apiUrl, apiKey: config.apiKey, onRetry: core.debug })
  const cleanup = new Cleanup(client, config.apiUrl)
  try {
    // 2. Environment: reuse or build the snapshot.
    const environment = await prepareEnvironment(client, config, source, workspace)
    outcome.environment = environment
    // 3. Sandbox
    const sandbox = await core.group('Creating the sandbox', () =>
      createSandbox(client, config, source, environment, event, cleanup, commands.length),
    )
    outcome.sandbox = { ...sandbox, createdAt: Date.now() }
    const toolbox = client.toolbox(sandbox)
    // 4. Source (cloned, or the runner's workspace uploaded), while the session the commands run in is opened
    const shell = new CommandShell(toolbox).open()
    const checkout = upload
      ? await core.group('Uploading the workspace', () => uploadWorkspace(toolbox, source, upload))
      : await core.group('Cloning the source', () => cloneSource(toolbox, source, config, event))
    // The dependency cache, restored into the sandbox before the commands
    const cache = wantsCache(config) ? await import('./cache/sandbox-cache.ts') : undefined
    const restored =
      cache &&
      (await core.group('Restoring the dependency cache', () => cache.restoreSandboxCache(toolbox, config)))
    // 5. Commands
    const cwd = resolveCwd(checkout.path, config.workingDirectory)
    try {
      await runCommands(shell, { ...config, commands, cwd }, outcome.results)
    } finally {
      // 6. Results back: downloads and test reports, also after failed or timed-out commands
      if (wantsResults(config)) {
        const { fetchResults } = await import('./results/index.ts')
        outcome.resultsBack = await core.group('Fetching results from the sandbox', () =>
          fetchResults(toolbox, config, checkout.path),
        )
      }
    }
    // Saved only after commands that all ran and passed, and when the key was not an exact hit
    if (cache && !restored?.hit && outcome.results.every((result) => !result.skipped && !isFailure(result))) {
      await core.group('Saving the dependency cache', () => cache.saveSandboxCache(toolbox, config))
    }
    // 7. Cleanup: keep the sandbox only if asked to (it still deletes itself later), else delete it below.
    const failed = outcome.results.some(isFailure)
    if (config.keepSandbox === 'always' || (config.keepSandbox === 'on-failure' && failed)) {
      await extendForDebugging(client, sandbox, config.keepMinutes)
      cleanup.keep()
      outcome.sandbox.keptMinutes = config.keepMinutes
    }
  } catch (err) {
    outcome.error = describeError(err, config.apiUrl)
  } finally {
    if (!outcome.sandbox?.keptMinutes) {
      const deleted = await cleanup.deleteNow()
      if (deleted && outcome.sandbox) outcome.sandbox.deletedAt = Date.now()
    }
    cleanup.dispose()
    await client.close()
  }
  // 8. Report: outputs, annotations, the step summary; the step fails if anything did.
  await report(outcome)
}

run().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)))
