// The fake image builder (no Docker): validates the Dockerfile against the uploaded build context and logs
// one `Step i/n : …` line per instruction, buildStepMs apart. Builds are keyed by their snapshot ref, as
// Daytona's runners cache images by ref: an identical Dockerfile + context reuses the built image.
import { createHash } from 'node:crypto'
import type { ImageConfig } from '../store.ts'
import { planBuild, sourceInContext } from './dockerfile.ts'
import { LogStream, type Timers } from './timers.ts'

/**
 * Where uploaded build contexts live, addressed by the MD5 the client computed (`contextHashes`).
 * The S3-backed implementation arrives with the snapshot-cache work; until then the memory store is fed
 * through the admin surface (PUT /_emulator/contexts/{hash}).
 */
export interface ContextStore {
  has(hash: string): Promise<boolean>
  /** entry names of the context's tar (the archive paths), e.g. `package.json`, `src/index.ts` */
  files(hash: string): Promise<string[]>
}

export class MemoryContextStore implements ContextStore {
  private readonly contexts = new Map<string, string[]>()

  put(hash: string, files: string[]): void {
    this.contexts.set(hash, [...files])
  }

  async has(hash: string): Promise<boolean> {
    return this.contexts.has(hash)
  }

  async files(hash: string): Promise<string[]> {
    return this.contexts.get(hash) ?? []
  }
}

/** §3.3: `daytona-<sha256(dockerfile + sorted(contextHashes).join(''))>:daytona`. */
export function buildSnapshotRef(dockerfileContent: string, contextHashes: readonly string[] = []): string {
  const hash = createHash('sha256')
    .update(dockerfileContent + [...contextHashes].sort().join(''))
    .digest('hex')
  return `daytona-${hash}:daytona`
}

export interface Build {
  ref: string
  status: 'building' | 'built' | 'failed'
  log: LogStream
  error?: string
  image?: ImageConfig
  /** settles when the build ends (never rejects) */
  done: Promise<void>
}

export class Builds {
  private readonly builds = new Map<string, Build>()
  private readonly contexts: ContextStore
  private readonly timers: Timers
  private readonly stepMs: () => number

  constructor(opts: { contexts: ContextStore; timers: Timers; stepMs: () => number }) {
    this.contexts = opts.contexts
    this.timers = opts.timers
    this.stepMs = opts.stepMs
  }

  get(ref: string): Build | undefined {
    return this.builds.get(ref)
  }

  /** True when an image for this ref exists: a sandbox or snapshot skips its build. */
  isBuilt(ref: string): boolean {
    return this.builds.get(ref)?.status === 'built'
  }

  /** Joins the running or finished build of this ref; a failed one is tried again. */
  ensure(dockerfileContent: string, contextHashes: readonly string[] = []): Build {
    const ref = buildSnapshotRef(dockerfileContent, contextHashes)
    const existing = this.builds.get(ref)
    if (existing && existing.status !== 'failed') return existing
    const build: Build = { ref, status: 'building', log: new LogStream(), done: Promise.resolve() }
    build.done = this.run(build, dockerfileContent, contextHashes)
    this.builds.set(ref, build)
    return build
  }

  private fail(build: Build, reason: string): void {
    build.status = 'failed'
    build.error = reason
    build.log.push(`ERROR: ${reason}`)
    build.log.finish(false)
  }

  private async run(
    build: Build,
    dockerfileContent: string,
    contextHashes: readonly string[],
  ): Promise<void> {
    // let the caller observe the `building` state before anything happens
    await this.timers.sleep(0)
    const plan = planBuild(dockerfileContent)
    if (plan.error) return this.fail(build, plan.error)
    const files: string[] = []
    for (const hash of contextHashes) {
      if (!(await this.contexts.has(hash))) {
        return this.fail(build, `build context ${hash} not found in object storage`)
      }
      files.push(...(await this.contexts.files(hash)))
    }
    build.log.push(`Sending build context to Docker daemon (${files.length} files)`)
    const total = plan.steps.length
    for (const [i, step] of plan.steps.entries()) {
      await this.timers.sleep(this.stepMs())
      build.log.push(`Step ${i + 1}/${total} : ${step.text}`)
      const missing = step.contextSources.find((s) => !sourceInContext(s, files))
      if (missing !== undefined) {
        const verb = step.text.split(' ')[0]
        return this.fail(
          build,
          `${verb} failed: file not found in build context or excluded by .dockerignore: stat ${missing}: file does not exist`,
        )
      }
      build.log.push(` ---> ${createHash('sha256').update(`${build.ref}${i}`).digest('hex').slice(0, 12)}`)
    }
    build.log.push(`Successfully built ${build.ref.slice('daytona-'.length, 'daytona-'.length + 12)}`)
    build.log.push(`Successfully tagged ${build.ref}`)
    build.image = plan.image
    build.status = 'built'
    build.log.finish(true)
  }
}
