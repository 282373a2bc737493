// Snapshot states over time (§3.2): pending → pulling (image) | building (buildInfo) → active, or
// build_failed; activate (inactive → active) and removal (removing → gone).
import type { SnapshotRecord } from '../store.ts'
import type { ApiContext } from './context.ts'
import { LogStream } from './timers.ts'

export class SnapshotEngine {
  private readonly ctx: ApiContext
  /** pull logs of image snapshots, by snapshot id (build logs live with the build, by ref) */
  private readonly pullLogs = new Map<string, LogStream>()
  /** by snapshot name: when lastUsedAt was last set from a sandbox create (the server's one-minute lock) */
  private readonly usedMarkedAt = new Map<string, number>()

  constructor(ctx: ApiContext) {
    this.ctx = ctx
  }

  private set(snap: SnapshotRecord, state: string, errorReason: string | null = null): void {
    snap.state = state
    snap.errorReason = errorReason
    snap.updatedAt = Date.now()
    // v0.190 snapshot.manager.ts updateSnapshotState: becoming active counts as a use
    if (state === 'active') snap.lastUsedAt = snap.updatedAt
    this.ctx.log(`snapshot ${snap.name} ${state}`)
  }

  private later(snap: SnapshotRecord, ms: number, fn: () => void | Promise<void>): void {
    const epoch = snap.epoch
    this.ctx.timers.after(
      ms,
      async () => {
        if (snap.epoch === epoch && this.ctx.store.snapshots.has(snap.id)) await fn()
      },
      (err) => this.set(snap, 'error', err instanceof Error ? err.message : String(err)),
    )
  }

  /** How long a new snapshot waits in `pending` for a runner (the manager assigns one, then it pulls/builds). */
  private pendingMs(): number {
    return this.ctx.delays.snapshotPendingMs + this.ctx.delays.runnerAssignMs
  }

  /**
   * A sandbox was created from this snapshot (v0.190 snapshot.service.ts handleSandboxCreatedEvent):
   * lastUsedAt becomes the sandbox's creation time, at most once a minute per snapshot.
   */
  markUsed(snap: SnapshotRecord, at: number): void {
    // the server's lock is keyed by the snapshot's name
    const last = this.usedMarkedAt.get(snap.name)
    if (last !== undefined && at - last < this.ctx.delays.minuteMs) return
    this.usedMarkedAt.set(snap.name, at)
    snap.lastUsedAt = at
  }

  /** The log a build-logs URL of this snapshot serves, once there is one. */
  logOf(snap: SnapshotRecord): LogStream | undefined {
    if (snap.buildInfo) return this.ctx.builds.get(snap.buildInfo.snapshotRef)?.log
    return this.pullLogs.get(snap.id)
  }

  pull(snap: SnapshotRecord): void {
    snap.epoch++
    const log = new LogStream()
    this.pullLogs.set(snap.id, log)
    this.later(snap, this.pendingMs(), () => {
      this.set(snap, 'pulling')
      log.push(`Pulling from ${snap.imageName}`)
      this.later(snap, this.ctx.delays.pullMs, () => {
        log.push(`Status: Downloaded newer image for ${snap.imageName}`)
        log.finish(true)
        this.set(snap, 'active')
      })
    })
  }

  build(snap: SnapshotRecord, dockerfileContent: string, contextHashes: string[]): void {
    snap.epoch++
    const finish = (image: SnapshotRecord['image']) => {
      snap.image = { ...image, env: { ...image.env } }
      snap.entrypoint = image.entrypoint ?? ['sleep', 'infinity']
      this.set(snap, 'active')
    }
    const ready = this.ctx.builds.get(snap.ref)
    if (ready?.status === 'built' && ready.image) {
      // §3.3: a runner already holds this image, so the snapshot is active at once
      finish(ready.image)
      return
    }
    this.later(snap, this.pendingMs(), async () => {
      this.set(snap, 'building')
      const build = this.ctx.builds.ensure(dockerfileContent, contextHashes)
      await build.done
      if (!this.ctx.store.snapshots.has(snap.id) || snap.state !== 'building') return
      if (build.status === 'built' && build.image) finish(build.image)
      else this.set(snap, 'build_failed', build.error ?? 'build failed')
    })
  }

  activate(snap: SnapshotRecord): void {
    snap.epoch++
    this.set(snap, 'pending')
    this.later(snap, this.ctx.delays.pullMs, () => this.set(snap, 'active'))
  }

  deactivate(snap: SnapshotRecord): void {
    snap.epoch++
    this.set(snap, 'inactive')
  }

  remove(snap: SnapshotRecord): void {
    snap.epoch++
    this.set(snap, 'removing')
    this.later(snap, this.ctx.delays.destroyMs, () => {
      this.ctx.store.snapshots.delete(snap.id)
      this.pullLogs.delete(snap.id)
    })
  }
}
