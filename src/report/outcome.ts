// Step 6 as main sees it: what happened, gathered while the pipeline ran, turned into outputs, annotations
// and the step summary, with every secret the run knows of redacted.
import type { Environment } from '../environment/index.ts'
import type { Source } from '../github-context.ts'
import { type Config, secretEnvValues } from '../inputs.ts'
import type { ResultsBack } from '../results/index.ts'
import { publishReport } from './publish.ts'
import type { CommandResult, Redact, RunReport } from './types.ts'

export interface Outcome {
  startedAt: number
  config: Config
  source: Source
  job: string
  environment?: Environment
  sandbox?: {
    id: string
    name: string
    createdAt: number
    deletedAt?: number
    keptMinutes?: number
    cpu: number
    memory: number
    disk: number
    target: string
  }
  results: CommandResult[]
  /** what came back from the sandbox: downloads and test reports */
  resultsBack?: ResultsBack
  error?: string
}

export async function report(outcome: Outcome): Promise<void> {
  const { config, source, environment, sandbox } = outcome
  const runReport: RunReport = {
    title: sandbox ? `${outcome.job} (${sandbox.cpu} vCPU, ${sandbox.memory} GiB)` : outcome.job,
    source: { ...source, repository: source.repository },
    environment: {
      ...(environment
        ? { kind: environment.kind, name: environment.snapshot ?? environment.origin }
        : asked(config)),
      snapshotCacheHit: environment?.cacheHit,
      snapshotBuildMs: environment?.buildMs,
      cpu: sandbox?.cpu,
      memory: sandbox?.memory,
      disk: sandbox?.disk,
      region: sandbox?.target ?? config.target,
    },
    sandbox: sandbox && {
      id: sandbox.id,
      name: sandbox.name,
      createdAt: sandbox.createdAt,
      deletedAt: sandbox.deletedAt,
      kept: sandbox.keptMinutes
        ? { until: new Date(Date.now() + sandbox.keptMinutes * 60_000).toISOString() }
        : undefined,
    },
    results: outcome.results,
    durationMs: Date.now() - outcome.startedAt,
    error: outcome.error,
    downloads: outcome.resultsBack?.download && {
      path: outcome.resultsBack.download.path,
      files: outcome.resultsBack.download.files.length,
      bytes: outcome.resultsBack.download.files.reduce((sum, file) => sum + file.bytes, 0),
      failed: outcome.resultsBack.download.failed.length,
    },
    tests: outcome.resultsBack?.tests,
  }
  await publishReport(runReport, {
    summary: config.summary,
    redact: redactor(config),
    snapshot: environment?.snapshot,
    snapshotCacheHit: environment?.cacheHit,
  })
}

/** What the inputs asked for, when the run failed before the environment was ready. */
function asked(config: Config): Pick<RunReport['environment'], 'kind' | 'name'> {
  if (config.snapshot) return { kind: 'snapshot', name: config.snapshot }
  if (config.image) return { kind: 'image', name: config.image }
  if (config.dockerfileExplicit) return { kind: 'dockerfile', name: config.dockerfile }
  return { kind: 'default' }
}

/**
 * Secrets the run knows of: the key, the token, and the env values whose names look secret — the very values
 * the live log masks (inputs.ts), so the log and the summary agree. `NODE_ENV=production` stays readable.
 */
export function redactor(config: Config): Redact {
  const secrets = [config.apiKey, config.token, ...secretEnvValues(config.env, config.maskEnv)]
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length)
  return (text) => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), text)
}
