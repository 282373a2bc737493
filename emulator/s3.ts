// The emulator's object storage for build contexts (§3.3): the npm package `s3rver` (an S3-compatible
// server we did not write) mounted at `${origin}/s3`, path-style, with its files under the emulator's data
// dir and the bucket `daytona-volume-builds` created at start. In front of it: temporary credentials handed
// out by GET /object-storage/push-access, a Signature V4 check (s3rver does not recompute V4 signatures,
// see s3-signature.ts) and payload checks (x-amz-content-sha256, Content-MD5). Snapshot builds read the
// uploaded contexts from here.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { Parser } from 'tar'
import { MemoryContextStore } from './api/builds.ts'
import { readBody } from './http.ts'
import { checkSignature, type SigningSecret } from './s3-signature.ts'
import { ORGANIZATION_ID } from './store.ts'

export const CONTEXT_BUCKET = 'daytona-volume-builds'
export const STORAGE_REGION = 'us-east-1'
const MOUNT = '/s3'
const MAX_BODY_BYTES = 512 * 1024 * 1024

// s3rver ships no types: the few members used here.
interface S3Object {
  content: Readable | null
}
interface FilesystemStore {
  putObject(object: { bucket: string; key: string }): Promise<unknown>
  getResourcePath(bucket: string, key: string, resource: string): string
  listObjects(bucket: string, opts: { prefix?: string; maxKeys?: number }): Promise<{ objects: unknown[] }>
  getObject(bucket: string, key: string): Promise<S3Object | null>
}
interface S3rverApp {
  store: FilesystemStore
  logger: { close(): void }
  configureBuckets(): Promise<void>
  callback(): (req: IncomingMessage, res: ServerResponse) => void
}
interface AwsAccount {
  createKeyPair(accessKey: string, secret: string): void
  revokeAccessKey(accessKey: string): void
}

/**
 * S3 shows an object only once its PUT has completed (strong read-after-write); s3rver's filesystem store
 * writes it in place, so a listing during an upload showed a half-written object, and a second matrix leg
 * that saw it skipped its upload and built from a truncated context. Each PUT is written under a key no
 * listing reaches, then renamed into place, the object file last.
 */
function makePutsAtomic(store: FilesystemStore): void {
  const put = store.putObject.bind(store)
  store.putObject = async (object) => {
    const staging = `.uploads/${randomBytes(8).toString('hex')}`
    const result = await put({ ...object, key: staging })
    const target = (resource: string) => store.getResourcePath(object.bucket, object.key, resource)
    const staged = (resource: string) => store.getResourcePath(object.bucket, staging, resource)
    await mkdir(dirname(target('object')), { recursive: true })
    for (const resource of ['metadata.json', 'object.md5', 'object']) {
      await rename(staged(resource), target(resource)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err
      })
    }
    return result
  }
}

const require = createRequire(import.meta.url)
const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => S3rverApp
// s3rver's own check (which stays on) only knows keys in this registry
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: AwsAccount }

export interface StorageCredentials {
  accessKey: string
  secret: string
  sessionToken: string
}

export class ObjectStorageServer {
  readonly bucket = CONTEXT_BUCKET
  readonly region = STORAGE_REGION
  /** build contexts as snapshot builds see them */
  readonly contexts: ObjectStorageContexts
  private readonly app: S3rverApp
  private readonly handler: (req: IncomingMessage, res: ServerResponse) => void
  private readonly issued = new Map<string, SigningSecret>()

  private constructor(app: S3rverApp) {
    this.app = app
    this.handler = app.callback()
    this.contexts = new ObjectStorageContexts(app.store, this.bucket)
  }

  /** `directory` holds the bucket's files. */
  static async start(directory: string): Promise<ObjectStorageServer> {
    const app = new S3rver({
      directory,
      silent: true,
      vhostBuckets: false,
      allowMismatchedSignatures: false,
      configureBuckets: [{ name: CONTEXT_BUCKET, configs: [] }],
    })
    await app.configureBuckets()
    makePutsAtomic(app.store)
    return new ObjectStorageServer(app)
  }

  /** Fresh temporary credentials, as Daytona's push-access hands out (each call a new set). */
  issueCredentials(): StorageCredentials {
    const credentials = {
      accessKey: `EMU${randomBytes(8).toString('hex').toUpperCase()}`,
      secret: randomBytes(24).toString('base64url'),
      sessionToken: randomBytes(32).toString('base64url'),
    }
    this.issued.set(credentials.accessKey, {
      secret: credentials.secret,
      sessionToken: credentials.sessionToken,
    })
    DUMMY_ACCOUNT.createKeyPair(credentials.accessKey, credentials.secret)
    return credentials
  }

  owns(pathname: string): boolean {
    return pathname === MOUNT || pathname.startsWith(`${MOUNT}/`)
  }

  /** Request-counter key: `PUT /s3/{bucket}/{key}`, `GET /s3/{bucket}` (a listing), … */
  template(method: string, pathname: string): string {
    const parts = pathname.slice(MOUNT.length).split('/').filter(Boolean)
    const shape = parts.length === 0 ? '' : parts.length === 1 ? '/{bucket}' : '/{bucket}/{key}'
    return `${method} ${MOUNT}${shape}`
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/'
    const verdict = checkSignature(
      { method: req.method ?? 'GET', url, headers: req.headers },
      (key) => this.issued.get(key),
      {
        region: this.region,
        service: 's3',
      },
    )
    if (!verdict.ok) return sendS3Error(res, verdict.status, verdict.code, verdict.message, url)
    const body = await readBody(req)
    if (body.length > MAX_BODY_BYTES) {
      return sendS3Error(
        res,
        400,
        'EntityTooLarge',
        'Your proposed upload exceeds the maximum allowed size',
        url,
      )
    }
    const declared = String(req.headers['x-amz-content-sha256'])
    if (
      /^[0-9a-f]{64}$/i.test(declared) &&
      createHash('sha256').update(body).digest('hex') !== declared.toLowerCase()
    ) {
      return sendS3Error(
        res,
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        url,
      )
    }
    const md5 = req.headers['content-md5']
    if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
      return sendS3Error(
        res,
        400,
        'BadDigest',
        'The Content-MD5 you specified did not match what we received.',
        url,
      )
    }
    // s3rver sees the request as if it were served at the root (its "mount" interop reads baseUrl)
    const replay = Object.assign(Readable.from(body.length ? [body] : [], { objectMode: false }), {
      method: req.method,
      url: url.slice(MOUNT.length) || '/',
      baseUrl: MOUNT,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      httpVersion: req.httpVersion,
      httpVersionMajor: req.httpVersionMajor,
      httpVersionMinor: req.httpVersionMinor,
      socket: req.socket,
      connection: req.socket,
    })
    this.handler(replay as unknown as IncomingMessage, res)
  }

  close(): void {
    for (const key of this.issued.keys()) DUMMY_ACCOUNT.revokeAccessKey(key)
    this.issued.clear()
    this.app.logger.close()
  }
}

function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  resource: string,
): void {
  const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${xmlText(message)}</Message>` +
    `<Resource>${xmlText(resource)}</Resource><RequestId>${randomBytes(8).toString('hex')}</RequestId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) })
  res.end(xml)
}

/**
 * Build contexts by hash, read from the bucket (`{organizationId}/{hash}/context.tar`, untarred for its
 * entry names). Contexts registered through the admin surface (PUT /_emulator/contexts/{hash}) still count.
 */
export class ObjectStorageContexts extends MemoryContextStore {
  private readonly store: FilesystemStore
  private readonly bucket: string

  constructor(store: FilesystemStore, bucket: string) {
    super()
    this.store = store
    this.bucket = bucket
  }

  override async has(hash: string): Promise<boolean> {
    if (await super.has(hash)) return true
    // like the SDK's check: anything under the prefix counts
    const listing = await whileWritten(() =>
      this.store.listObjects(this.bucket, { prefix: `${ORGANIZATION_ID}/${hash}/`, maxKeys: 1 }),
    )
    return listing.objects.length > 0
  }

  override async files(hash: string): Promise<string[]> {
    if (await super.has(hash)) return super.files(hash)
    const object = await whileWritten(() =>
      this.store.getObject(this.bucket, `${ORGANIZATION_ID}/${hash}/context.tar`),
    )
    if (!object?.content) return []
    return tarEntries(object.content)
  }
}

/**
 * s3rver rewrites an object's metadata.json in place, so a read during a concurrent PUT of the same key (two
 * matrix legs uploading one context) can see it empty. S3 itself is atomic per PUT: read again.
 */
async function whileWritten<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    } catch (err) {
      if (!(err instanceof SyntaxError) || attempt >= 20) throw err
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

/** Entry names of an uncompressed tar; an unreadable archive has none (its COPYs then fail the build). */
export function tarEntries(stream: Readable): Promise<string[]> {
  return new Promise((resolve) => {
    const names: string[] = []
    const parser = new Parser({
      onReadEntry: (entry) => {
        names.push(entry.path)
        entry.resume()
      },
    })
    const done = () => resolve(names)
    parser.on('end', done)
    parser.on('error', done)
    stream.on('error', done)
    stream.pipe(parser)
  })
}

export function objectStorageDir(dataDir: string): string {
  return join(dataDir, 'object-storage')
}
