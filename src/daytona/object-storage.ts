// Object storage for build contexts (daytona-api.md §3.3), as Daytona's SDK uses it: temporary S3
// credentials from the API, then path-style S3 requests against `storageUrl`, signed with Signature V4
// (the `aws4` package) including the session token. The Daytona API key never goes to the storage host.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import aws4 from 'aws4'
import type { Dispatcher } from 'undici'
import { ConnectionError, DaytonaError } from './errors.ts'
import { abortableSleep, errorCode, type HttpClient } from './http.ts'
import type { StorageAccess } from './types.ts'

const ATTEMPTS = 3
const RETRY_DELAY_MS = 500
const TIMEOUT_MS = 120_000

export class ObjectStorage {
  readonly #http: HttpClient
  readonly #apiUrl: string

  constructor(http: HttpClient, apiUrl: string) {
    this.#http = http
    this.#apiUrl = apiUrl
  }

  /** Temporary S3 credentials for `{organizationId}/{hash}/context.tar` in `bucket`. */
  pushAccess(): Promise<StorageAccess> {
    return this.#http.request<StorageAccess>({
      method: 'GET',
      url: `${this.#apiUrl}/object-storage/push-access`,
    })
  }

  /**
   * Uploads a build context under its hash unless one is there already (the SDK's rule: any object under
   * `{organizationId}/{hash}/`). `writeTar` makes the archive only when it is needed and returns its path.
   */
  async uploadContext(
    access: StorageAccess,
    hash: string,
    writeTar: () => Promise<string>,
  ): Promise<'uploaded' | 'present'> {
    const prefix = `${access.organizationId}/${hash}/`
    if (await this.hasPrefix(access, prefix)) return 'present'
    await this.putFile(access, `${prefix}context.tar`, await writeTar())
    return 'uploaded'
  }

  /** ListObjectsV2 with MaxKeys 1: does anything exist under `prefix`? */
  async hasPrefix(access: StorageAccess, prefix: string): Promise<boolean> {
    const query = new URLSearchParams({ 'list-type': '2', 'max-keys': '1', prefix })
    const text = await this.#send(access, 'GET', `/${access.bucket}?${query}`, {})
    const keyCount = /<KeyCount>(\d+)<\/KeyCount>/.exec(text)
    return keyCount ? Number(keyCount[1]) > 0 : /<Contents>/.test(text)
  }

  /** One PUT with a signed payload hash and Content-MD5, so the store can reject a corrupted upload. */
  async putFile(access: StorageAccess, key: string, file: string): Promise<void> {
    const [{ size }, sha256, md5] = await Promise.all([
      stat(file),
      digestFile(file, 'sha256', 'hex'),
      digestFile(file, 'md5', 'base64'),
    ])
    await this.#send(
      access,
      'PUT',
      `/${access.bucket}/${key}`,
      {
        'Content-Type': 'application/x-tar',
        'Content-Length': String(size),
        'Content-MD5': md5,
        'X-Amz-Content-Sha256': sha256,
      },
      () => createReadStream(file),
    )
  }

  async #send(
    access: StorageAccess,
    method: 'GET' | 'PUT',
    pathAndQuery: string,
    headers: Record<string, string>,
    body?: () => NodeJS.ReadableStream,
  ): Promise<string> {
    const base = new URL(access.storageUrl.replace(/\/+$/, ''))
    const path = `${base.pathname.replace(/\/+$/, '')}${pathAndQuery}`
    const where = { method, path: path.split('?')[0]! }
    for (let attempt = 1; ; attempt++) {
      // signed per attempt: the date is part of the signature
      const signed = aws4.sign(
        {
          host: base.host,
          path,
          method,
          service: 's3',
          region: access.region || 'us-east-1',
          headers: { ...headers },
        },
        { accessKeyId: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken },
      )
      let status: number | undefined
      let text = ''
      try {
        const res = await this.#http.dispatcher.request({
          origin: base.origin,
          path: signed.path ?? path,
          method: method as Dispatcher.HttpMethod,
          headers: signed.headers as Record<string, string>,
          body: body?.() as Dispatcher.DispatchOptions['body'],
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS,
        })
        status = res.statusCode
        text = await res.body.text()
        if (status >= 200 && status < 300) return text
      } catch (err) {
        if (attempt >= ATTEMPTS)
          throw new ConnectionError({ ...where, code: errorCode(err) ?? 'UNKNOWN' }, String(err), err)
      }
      const retryable = status === undefined || status >= 500 || status === 429
      if (status !== undefined && (!retryable || attempt >= ATTEMPTS)) throw s3Error(where, status, text)
      await abortableSleep(RETRY_DELAY_MS * attempt)
    }
  }
}

/** `PUT /bucket/key → 403 SignatureDoesNotMatch: …` from S3's XML error body (never a credential). */
function s3Error(where: { method: string; path: string }, status: number, body: string): DaytonaError {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1]
  const detail = [code, message].filter(Boolean).join(': ') || body.slice(0, 200)
  return new DaytonaError(
    { ...where, status, code, serverMessage: message },
    `${where.method} ${where.path} → ${status}${detail ? ` ${detail}` : ''}`,
  )
}

async function digestFile(
  file: string,
  algorithm: 'sha256' | 'md5',
  encoding: 'hex' | 'base64',
): Promise<string> {
  const hash = createHash(algorithm)
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest(encoding)
}
