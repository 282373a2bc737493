// `mode: cleanup`, for a scheduled workflow: the orphan sweep. Cleanup has one owner per job (cleanup.ts), but a
// runner that vanished takes its post step with it, and the server-side backstop only stops an idle sandbox.
// This finds the repository's sandboxes by the labels this action puts on them and deletes those whose run
// has ended (GitHub says so) or that are older than `older-than`. Dry-run by default: it lists, in the log
// and the step summary, what it would delete.
import * as core from '@actions/core'
import { Daytona } from './daytona/client.ts'
import { NotFoundError } from './daytona/errors.ts'
import type { SandboxListItem } from './daytona/types.ts'
import { formatDuration } from './duration.ts'
import { runStatus } from './github-api.ts'
import { assertWorkflowRun, type EventInfo, LABEL_PREFIX } from './github-context.ts'
import type { Config } from './inputs.ts'
import { escapeHtml, plural } from './report/format.ts'

/** Already on their way out: nothing to do. */
const GOING = new Set(['destroyed', 'destroying'])

export interface Orphan {
  sandbox: SandboxListItem
  ageMs: number
  /** why it goes: its run ended, or its age */
  reason: string
}

export async function sweep(config: Config, event: EventInfo, now = Date.now()): Promise<void> {
  assertWorkflowRun(event)
  const client = new Daytona({ apiUrl: config.apiUrl, apiKey: config.apiKey, onRetry: core.debug })
  try {
    const orphans = await findOrphans(client, config, event, now)
    const failed: string[] = []
    if (!config.dryRun) {
      for (const orphan of orphans) {
        try {
          await client.sandboxes.delete(orphan.sandbox.id)
        } catch (err) {
          // 404: it went by itself meanwhile, which is what we wanted.
          if (!(err instanceof NotFoundError)) failed.push(errorText(orphan, err))
          continue
        }
        core.info(`Deleted ${orphan.sandbox.name} (${orphan.reason}).`)
      }
    } else {
      for (const orphan of orphans) core.info(`Would delete ${orphan.sandbox.name} (${orphan.reason}).`)
    }
    const count = orphans.length - failed.length
    const line = config.dryRun
      ? `Dry run: ${plural(orphans.length, 'sandbox', 'sandboxes')} of ${event.repository} would be deleted; set 'dry-run: false' to delete them.`
      : `Deleted ${plural(count, 'sandbox', 'sandboxes')} of ${event.repository}.`
    core.notice(line, { title: 'Sandbox sweep' })
    core.setOutput('swept', String(config.dryRun ? 0 : count))
    if (config.summary) await writeSweepSummary(orphans, line, config.dryRun)
    if (failed.length > 0) core.setFailed(`Could not delete ${failed.join('; ')}`)
    // Stryker disable next-line BlockStatement: open connections only delay the process's exit until they idle out, seen only as time
  } finally {
    await client.close()
  }
}

/** This repository's sandboxes made by this action whose run has ended or that are older than older-than. */
export async function findOrphans(
  client: Daytona,
  config: Pick<Config, 'olderThanMs' | 'token'>,
  event: Pick<EventInfo, 'repository' | 'runId'>,
  now: number,
): Promise<Orphan[]> {
  const labels = { [`${LABEL_PREFIX}repository`]: event.repository }
  const runs = new Map<string, Promise<string | undefined>>()
  const orphans: Orphan[] = []
  for await (const sandbox of client.sandboxes.list({ labels })) {
    // Stryker disable next-line StringLiteral: a list item always has a state; no stand-in is one of GOING
    if (GOING.has(sandbox.state ?? '') || sandbox.desiredState === 'destroyed') continue
    const runId = sandbox.labels[`${LABEL_PREFIX}run-id`] ?? ''
    // The sweep's own run holds no sandbox of its own, but a job of the same run might: never touch it.
    if (runId && runId === String(event.runId)) continue
    // Stryker disable next-line StringLiteral: any stand-in for a missing createdAt parses as NaN too
    const created = Date.parse(sandbox.createdAt ?? '')
    const ageMs = Number.isNaN(created) ? Number.POSITIVE_INFINITY : now - created
    if (!runs.has(runId)) runs.set(runId, runStatus(event.repository, runId, config.token))
    const status = await runs.get(runId)
    if (status === 'completed') {
      orphans.push({ sandbox, ageMs, reason: `run ${runId} has ended` })
    } else if (ageMs > config.olderThanMs) {
      const run = status
        ? `run ${runId} is ${status.replace(/_/g, ' ')}`
        : `run ${runId || '?'} unknown to GitHub`
      orphans.push({ sandbox, ageMs, reason: `older than ${formatDuration(config.olderThanMs)}; ${run}` })
    }
  }
  return orphans
}

async function writeSweepSummary(orphans: Orphan[], line: string, dryRun: boolean): Promise<void> {
  const rows = orphans.map(({ sandbox, ageMs, reason }) => {
    // Stryker disable next-line StringLiteral: the API always gives createdAt; '?' is for a record without one
    const age = Number.isFinite(ageMs) ? formatDuration(Math.max(0, Math.round(ageMs / 1000) * 1000)) : '?'
    // Stryker disable next-line StringLiteral: a list item always has a state
    const cells = [sandbox.name, sandbox.state ?? '', age, reason].map((cell) =>
      escapeHtml(cell).replace(/\|/g, '\\|'),
    )
    return `| ${cells.join(' | ')} |`
  })
  const table = rows.length
    ? [
        '',
        `| sandbox | state | age | ${dryRun ? 'would go because' : 'deleted because'} |`,
        '| --- | --- | --- | --- |',
        ...rows,
      ]
    : []
  await core.summary.addRaw(['## Sandbox sweep', '', escapeHtml(line), ...table, ''].join('\n')).write()
}

function errorText(orphan: Orphan, err: unknown): string {
  return `${orphan.sandbox.name}: ${err instanceof Error ? err.message : String(err)}`
}
