// The sandbox state machine (§2.3) run by timers: provisioning from a snapshot or a build, start, stop,
// archive, destroy, and the server-side backstop (auto-stop, auto-archive, auto-delete, TTL).

import { EventEmitter } from 'node:events'
import { reportedState, type SandboxRecord } from '../store.ts'
import { imageTools } from '../toolbox/image-tools.ts'
import type { ApiContext } from './context.ts'

const SETTLED = new Set(['started', 'error', 'build_failed', 'destroyed'])

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export class Lifecycle {
  private readonly ctx: ApiContext
  private readonly changes = new EventEmitter()
  private sweeper: NodeJS.Timeout | undefined

  constructor(ctx: ApiContext) {
    this.ctx = ctx
    this.changes.setMaxListeners(0)
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private set(sb: SandboxRecord, state: string, desiredState?: string): void {
    sb.state = state
    if (desiredState) sb.desiredState = desiredState
    sb.updatedAt = Date.now()
    if (state === sb.desiredState) {
      sb.pending = false
      sb.lastActivityAt = sb.updatedAt
    }
    this.ctx.log(`sandbox ${sb.id} ${reportedState(sb)}`)
    this.changes.emit('change', sb)
  }

  /** Starts a new transition: older timers of this sandbox become no-ops. */
  private begin(sb: SandboxRecord, desiredState: string): number {
    sb.epoch++
    sb.pending = true
    sb.desiredState = desiredState
    sb.updatedAt = Date.now()
    this.changes.emit('change', sb)
    return sb.epoch
  }

  private later(sb: SandboxRecord, epoch: number, ms: number, fn: () => void | Promise<void>): void {
    this.ctx.timers.after(
      ms,
      async () => {
        if (sb.epoch === epoch) await fn()
      },
      (err) => {
        if (sb.epoch === epoch) this.fail(sb, `Failed to start sandbox: ${message(err)}`)
      },
    )
  }

  fail(sb: SandboxRecord, reason: string, state = 'error', recoverable = false): void {
    sb.epoch++
    sb.errorReason = reason
    sb.recoverable = recoverable
    sb.pending = false
    this.set(sb, state)
  }

  /** Resolves with the reported state once it is settled (started, error, …) or when timeoutMs passes. */
  waitSettled(sb: SandboxRecord, timeoutMs: number): Promise<string> {
    return new Promise((resolve) => {
      const check = () => {
        const state = reportedState(sb)
        if (!SETTLED.has(state) && !(sb.desiredState === 'destroyed')) return false
        done(state)
        return true
      }
      const listener = (changed: SandboxRecord) => {
        if (changed === sb) check()
      }
      let finished = false
      const done = (state: string) => {
        if (finished) return
        finished = true
        this.changes.off('change', listener)
        resolve(state)
      }
      if (check()) return
      this.changes.on('change', listener)
      this.ctx.timers.after(
        timeoutMs,
        () => done(reportedState(sb)),
        () => {},
      )
    })
  }

  // ---- transitions ----------------------------------------------------------------------------

  private async toStarted(sb: SandboxRecord, epoch: number): Promise<void> {
    if (!sb.toolboxCreated) {
      const env = { ...sb.image.env, ...sb.env }
      const tools = imageTools(sb.image)
      await this.ctx.toolbox.create({ id: sb.id, user: sb.user, env, workDir: sb.image.workDir, tools })
      sb.toolboxCreated = true
      // destroyed while the toolbox was preparing (e.g. its TTL): clean up what was just made
      if (sb.epoch !== epoch && sb.state === 'destroyed') {
        sb.toolboxCreated = false
        await this.ctx.toolbox.destroy(sb.id)
      }
    }
    if (sb.epoch === epoch) this.set(sb, 'started', 'started')
  }

  /** From an active snapshot (or an already built image): creating → started. */
  provisionFromImage(sb: SandboxRecord): void {
    const epoch = this.begin(sb, 'started')
    this.set(sb, 'creating')
    this.later(sb, epoch, this.ctx.delays.createMs, () => this.toStarted(sb, epoch))
  }

  /** From buildInfo: pending_build → building_snapshot → creating → started, or build_failed. */
  provisionFromBuild(sb: SandboxRecord, dockerfileContent: string, contextHashes: string[]): void {
    const epoch = this.begin(sb, 'started')
    this.set(sb, 'pending_build')
    this.later(sb, epoch, this.ctx.delays.snapshotPendingMs, async () => {
      this.set(sb, 'building_snapshot')
      const build = this.ctx.builds.ensure(dockerfileContent, contextHashes)
      await build.done
      if (sb.epoch !== epoch) return
      if (build.status !== 'built' || !build.image) {
        this.fail(sb, build.error ?? 'build failed', 'build_failed')
        return
      }
      sb.image = { ...build.image, env: { ...build.image.env } }
      if (!sb.userFromRequest && build.image.user) sb.user = build.image.user
      this.set(sb, 'unknown')
      this.later(sb, epoch, this.ctx.delays.createMs, () => this.toStarted(sb, epoch))
    })
  }

  start(sb: SandboxRecord): void {
    const fromArchive = sb.state === 'archived'
    const epoch = this.begin(sb, 'started')
    if (!fromArchive) {
      this.later(sb, epoch, this.ctx.delays.startMs, () => this.toStarted(sb, epoch))
      return
    }
    // §2.3: the API answers while `archived` is still reported, then `restoring`
    const half = Math.round(this.ctx.delays.startMs / 2)
    this.later(sb, epoch, half, () => {
      this.set(sb, 'restoring')
      this.later(sb, epoch, half, () => this.toStarted(sb, epoch))
    })
  }

  /** A recoverable `error` → `stopped`, then (unless skipStart) starting → started like a start. */
  recover(sb: SandboxRecord, skipStart: boolean): void {
    sb.errorReason = undefined
    sb.recoverable = undefined
    this.begin(sb, 'stopped')
    this.set(sb, 'stopped')
    if (!skipStart) this.start(sb)
  }

  /**
   * started → stopping → stopped; an ephemeral sandbox (autoDelete 0) is destroyed instead. Like a delete, the
   * answer does not wait for the processes (sandbox.service.ts `stop`: an update and an event).
   */
  stop(sb: SandboxRecord): void {
    if (sb.autoDeleteInterval === 0) {
      this.destroy(sb)
      return
    }
    const epoch = this.begin(sb, 'stopped')
    const stopping = this.killProcesses(sb)
    this.later(sb, epoch, this.ctx.delays.stopMs, async () => {
      await stopping
      this.set(sb, 'stopped')
    })
  }

  archive(sb: SandboxRecord): void {
    const epoch = this.begin(sb, 'archived')
    this.later(sb, epoch, this.ctx.delays.stopMs, () => this.set(sb, 'archived'))
  }

  /**
   * Renames at once (the name is free again), then destroying → destroyed. The caller's answer does not wait
   * for the sandbox's processes: the API's destroy is a soft-delete update and an event, and the runner tears
   * the sandbox down afterwards (sandbox.service.ts `destroy`, sandbox-destroy.action.ts). Its processes are
   * killed from now on, while it reads `destroying`.
   */
  destroy(sb: SandboxRecord): void {
    if (!sb.name.startsWith('DESTROYED_')) sb.name = `DESTROYED_${sb.name}_${Date.now()}`
    const epoch = this.begin(sb, 'destroyed')
    const stopping = this.killProcesses(sb)
    this.later(sb, epoch, this.ctx.delays.destroyMs, async () => {
      await stopping
      if (sb.toolboxCreated) await this.ctx.toolbox.destroy(sb.id)
      sb.toolboxCreated = false
      sb.destroyedAt = Date.now()
      this.set(sb, 'destroyed')
    })
  }

  /** Starts killing the sandbox's processes, as its runner does once told; awaited where the state moves on. */
  private killProcesses(sb: SandboxRecord): Promise<void> {
    const killing = sb.toolboxCreated ? this.ctx.toolbox.stop(sb.id) : Promise.resolve()
    killing.catch(() => undefined) // a failure fails the sandbox where it is awaited
    return killing
  }

  // ---- backstop -------------------------------------------------------------------------------

  startBackstop(): void {
    const every = Math.min(1000, Math.max(20, Math.round(this.ctx.delays.minuteMs / 10)))
    this.sweeper = setInterval(() => this.sweep(), every)
    this.sweeper.unref()
  }

  stopBackstop(): void {
    if (this.sweeper) clearInterval(this.sweeper)
  }

  /** One pass of the real API's crons: TTL, auto-stop, auto-archive, auto-delete. */
  sweep(now = Date.now()): void {
    const minute = this.ctx.delays.minuteMs
    for (const sb of this.ctx.store.sandboxes.values()) {
      if (sb.state === 'destroyed' || sb.desiredState === 'destroyed') continue
      if ((this.ctx.openConnections.get(sb.id) ?? 0) > 0) sb.lastActivityAt = now
      const idle = now - sb.lastActivityAt
      if (sb.autoDestroyAt !== undefined && now >= sb.autoDestroyAt) {
        this.ctx.log(`sandbox ${sb.id} reached its TTL`)
        this.destroy(sb)
        continue
      }
      if (sb.pending) continue
      if (sb.state === 'started' && sb.autoStopInterval > 0 && idle >= sb.autoStopInterval * minute) {
        this.ctx.log(`sandbox ${sb.id} auto-stopped after ${sb.autoStopInterval} idle minutes`)
        this.stop(sb)
      } else if (
        (sb.state === 'stopped' || sb.state === 'archived') &&
        sb.autoDeleteInterval >= 0 &&
        idle >= sb.autoDeleteInterval * minute
      ) {
        this.destroy(sb)
      } else if (
        sb.state === 'stopped' &&
        sb.autoArchiveInterval > 0 &&
        idle >= sb.autoArchiveInterval * minute
      ) {
        this.archive(sb)
      }
    }
  }
}
