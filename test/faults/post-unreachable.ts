// Main is killed mid-command and the API is unreachable while post runs: post can only warn (the job's result
// is main's), and the sandbox must then rely on what create asked of the server — auto-stop, delete on stop,
// and a TTL. The emulator here runs 200 ms minutes, so that backstop is seen to fire, not just to be set.
import { expect } from 'vitest'
import { runStep } from '../../runner/job.ts'
import { liveSandboxes, mainStep, type Project } from '../action/project.ts'

const BACKSTOP_WAIT_MS = 30_000
/** the emulated minute of the project this runs on */
const MINUTE_MS = 200

export async function postUnreachable(project: Project, inputs: Record<string, string>): Promise<string> {
  const main = await mainStep(project, inputs, {
    signalAfter: { pattern: /^started-long-command$/m, signal: 'SIGKILL' },
  })
  expect(main.signal).toBe('SIGKILL')
  const id = main.state['sandbox-id']
  expect(id).toBeTruthy()

  await project.emulator.admin.faults({ path: '.*', drop: true })
  const post = await runStep('post', {
    event: project.event,
    env: project.env,
    secrets: [project.emulator.apiKey],
    inputs: project.inputs,
    state: main.state,
    timeoutMs: 90_000,
  })
  await project.emulator.admin.clearFaults()
  expect(post.timedOut).toBe(false)
  expect(post.exitCode).toBe(0)
  const warnings = post.annotations.filter((a) => a.level === 'warning').map((a) => a.message)
  expect(warnings.join('\n')).toMatch(/Could not delete sandbox/)
  expect(post.annotations.filter((a) => a.level === 'error')).toEqual([])

  // what the create asked for, as the server recorded it
  const record = (await project.emulator.admin.sandboxes()).find((s: { id: string }) => s.id === id)
  expect(record.autoStopInterval).toBeGreaterThan(0)
  expect(record.autoDeleteInterval).toBe(0)
  const ttlMs = Date.parse(record.autoDestroyAt) - Date.parse(record.createdAt)
  expect(ttlMs).toBeGreaterThan(0)

  const deadline = Date.now() + BACKSTOP_WAIT_MS
  while ((await liveSandboxes(project)).length > 0 && Date.now() < deadline) {
    await project.emulator.admin.sweep()
    await new Promise((done) => setTimeout(done, 250))
  }
  expect(await liveSandboxes(project)).toEqual([])
  const ttlMinutes = Math.round(ttlMs / MINUTE_MS)
  return `post exit 0 with a warning; backstop (auto-stop ${record.autoStopInterval} min, delete on stop, TTL ${ttlMinutes} min) deleted it`
}
