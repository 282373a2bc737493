// Snapshot states over time (§3.2): pending → pulling (image) | building (buildInfo) → active, or
// build_failed; activate (inactive → active) and removal (removing → gone).
import type { SnapshotRecord } from '../store.ts'
import type { ApiContext } from './context.ts'
import { LogStream } from './timers.ts'

export class SnapshotEngine {
  private readonly ctx: ApiContext
  /** pull logs of image snapshots, by snapshot id (build logs live with the build, by ref) */
  private readonly pullLogs = new Map<string, LogStream>()

  constructor(ctx: ApiContext) {
    this.ctx = ctx
  }

  private set(snap: SnapshotRecord, state: string, errorReason: string | null = null): void {
    snap.state = state
    snap.errorReason = errorReason
    snap.updatedAt = Date.now()
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

  /** The log a build-logs URL of this snapshot serves, once there is one. */
  logOf(snap: SnapshotRecord): LogStream | undefined {
    if (snap.buildInfo) return this.ctx.builds.get(snap.buildInfo.snapshotRef)?.log
    return this.pullLogs.get(snap.id)
  }

  pull(snap: SnapshotRecord): void {
    snap.epoch++
    const log = new LogStream()
    this.pullLogs.set(snap.id, log)
    this.later(snap, this.ctx.delays.snapshotPendingMs, () => {
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
    this.later(snap, this.ctx.delays.snapshotPendingMs, async () => {
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
    this.later(snap, this.ctx.delays.pullMs, () => {
      snap.lastUsedAt = Date.now()
      this.set(snap, 'active')
    })
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
