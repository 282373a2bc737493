// The emulator's object storage for build contexts: s3rver behind temporary credentials and a Signature V4
// check (verified against AWS's published examples), and snapshot builds that read their COPY sources from
// the uploaded tars.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import aws4 from 'aws4'
import { create as createTar } from 'tar'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkSignature } from '../../emulator/s3-signature.ts'
import { Daytona } from '../../src/daytona/client.ts'
import type { StorageAccess } from '../../src/daytona/types.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

let h: EmulatorHarness
let client: Daytona
let dataDir: string
let scratch: string
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-emulator-'))
  scratch = await mkdtemp(join(tmpdir(), 's3-scratch-'))
  h = await withEmulator({ dataDir })
  client = new Daytona({ apiUrl: h.apiUrl, apiKey: h.apiKey })
})
afterAll(async () => {
  await client.close()
  await h.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(scratch, { recursive: true, force: true })
})

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const EXAMPLE_TIME = new Date('2013-05-24T00:00:00Z')
const example = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`

describe('the Signature V4 check', () => {
  // "Examples: Signature Calculations in AWS Signature Version 4" of the Amazon S3 API reference
  const getObject = {
    method: 'GET',
    url: '/test.txt',
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      authorization: example(
        'host;range;x-amz-content-sha256;x-amz-date',
        'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      ),
    },
  }
  const listObjects = {
    method: 'GET',
    url: '/?max-keys=2&prefix=J',
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      authorization: example(
        'host;x-amz-content-sha256;x-amz-date',
        '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
      ),
    },
  }
  const check = { region: 'us-east-1', service: 's3', now: EXAMPLE_TIME }
  const lookup = () => ({ secret: EXAMPLE_SECRET })

  it("accepts AWS's published examples", () => {
    expect(checkSignature(getObject, lookup, check)).toEqual({ ok: true, accessKey: 'AKIAIOSFODNN7EXAMPLE' })
    expect(checkSignature(listObjects, lookup, check)).toEqual({
      ok: true,
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
    })
  })

  it('rejects them once anything signed changes', () => {
    const tampered = [
      { ...getObject, url: '/test2.txt' },
      { ...getObject, headers: { ...getObject.headers, range: 'bytes=0-99' } },
      { ...listObjects, url: '/?max-keys=3&prefix=J' },
    ]
    for (const req of tampered)
      expect(checkSignature(req, lookup, check)).toMatchObject({ code: 'SignatureDoesNotMatch' })
    expect(checkSignature(getObject, () => ({ secret: 'other' }), check)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    })
    expect(checkSignature(getObject, lookup, { ...check, now: new Date() })).toMatchObject({
      code: 'RequestTimeTooSkewed',
    })
  })
})

/** A request signed with aws4 from push-access credentials, sent raw so tests can spoil any part. */
async function s3(
  access: StorageAccess,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
) {
  const base = new URL(access.storageUrl)
  const signed = aws4.sign(
    {
      host: base.host,
      path: `${base.pathname}${path}`,
      method,
      service: 's3',
      region: access.region,
      headers,
      body,
    },
    { accessKeyId: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken },
  )
  const res = await fetch(`${base.origin}${signed.path}`, {
    method,
    headers: signed.headers as Record<string, string>,
    body,
  })
  return { status: res.status, text: await res.text() }
}

describe('object storage', () => {
  it('hands out fresh temporary credentials for a path-style store at /s3', async () => {
    const a = await client.objectStorage.pushAccess()
    const b = await client.objectStorage.pushAccess()
    expect(a.storageUrl).toBe(`${h.emu.origin}/s3`)
    expect(a.bucket).toBe('daytona-volume-builds')
    expect(a.accessKey).not.toBe(b.accessKey)
    expect(a.sessionToken).not.toBe(b.sessionToken)
  })

  it('stores signed uploads in the data dir and lists them by prefix', async () => {
    const access = await client.objectStorage.pushAccess()
    const key = `${access.organizationId}/0123abcd/context.tar`
    const body = Buffer.from('not really a tar')
    const put = await s3(access, 'PUT', `/${access.bucket}/${key}`, body)
    expect(put.status).toBe(200)
    expect(
      existsSync(join(dataDir, 'object-storage', access.bucket, access.organizationId, '0123abcd')),
    ).toBe(true)
    const got = await s3(access, 'GET', `/${access.bucket}/${key}`)
    expect(got.text).toBe('not really a tar')
    expect(await client.objectStorage.hasPrefix(access, `${access.organizationId}/0123abcd/`)).toBe(true)
    expect(await client.objectStorage.hasPrefix(access, `${access.organizationId}/0123abce/`)).toBe(false)
  })

  it('shows an object only once its upload has completed, as S3 does', async () => {
    // A matrix leg that sees another leg's context half-written skips its own upload and builds from it.
    const access = await client.objectStorage.pushAccess()
    const prefix = `${access.organizationId}/5ee1a70e/`
    const body = Buffer.alloc(64 * 1024 * 1024, 'x')
    let uploading = true
    const upload = s3(access, 'PUT', `/${access.bucket}/${prefix}context.tar`, body).finally(() => {
      uploading = false
    })
    const seenSizes: number[] = []
    while (uploading) {
      if (await client.objectStorage.hasPrefix(access, prefix)) {
        const got = await s3(access, 'GET', `/${access.bucket}/${prefix}context.tar`)
        seenSizes.push(got.text.length)
      }
    }
    expect((await upload).status).toBe(200)
    expect(seenSizes.filter((size) => size !== body.length)).toEqual([])
    expect(await client.objectStorage.hasPrefix(access, prefix)).toBe(true)
  })

  it('refuses a bad signature, a wrong session token, anonymous requests and a body that does not match', async () => {
    const access = await client.objectStorage.pushAccess()
    const path = `/${access.bucket}/${access.organizationId}/feed/context.tar`
    const body = Buffer.from('payload')
    const badSecret = await s3({ ...access, secret: 'not-the-secret' }, 'PUT', path, body)
    expect(badSecret).toMatchObject({
      status: 403,
      text: expect.stringContaining('<Code>SignatureDoesNotMatch</Code>'),
    })
    const badToken = await s3({ ...access, sessionToken: 'stolen' }, 'PUT', path, body)
    expect(badToken).toMatchObject({
      status: 403,
      text: expect.stringContaining('<Code>InvalidToken</Code>'),
    })
    const anonymous = await fetch(`${access.storageUrl}${path}`, { method: 'PUT', body })
    expect(anonymous.status).toBe(403)
    const wrongHash = await s3(access, 'PUT', path, body, {
      'X-Amz-Content-Sha256': createHash('sha256').update('x').digest('hex'),
    })
    expect(wrongHash.text).toContain('<Code>XAmzContentSHA256Mismatch</Code>')
    const wrongMd5 = await s3(access, 'PUT', path, body, {
      'Content-MD5': createHash('md5').update('x').digest('base64'),
    })
    expect(wrongMd5.text).toContain('<Code>BadDigest</Code>')
    expect(await client.objectStorage.hasPrefix(access, `${access.organizationId}/feed/`)).toBe(false)
  })

  it('counts its requests by route', async () => {
    await h.admin.resetRequests()
    const access = await client.objectStorage.pushAccess()
    await client.objectStorage.hasPrefix(access, 'nothing/')
    expect((await h.admin.requests()).routes).toEqual({
      'GET /api/object-storage/push-access': 1,
      'GET /s3/{bucket}': 1,
    })
  })
})

describe('snapshot builds from uploaded contexts', () => {
  async function uploadContext(hash: string, files: Record<string, string>) {
    const dir = await mkdtemp(join(scratch, 'ctx-'))
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    const tarFile = join(dir, '..', `${hash}.tar`)
    await createTar({ cwd: dir, file: tarFile, portable: true }, Object.keys(files))
    const access = await client.objectStorage.pushAccess()
    expect(await client.objectStorage.uploadContext(access, hash, async () => tarFile)).toBe('uploaded')
    expect(await client.objectStorage.uploadContext(access, hash, async () => tarFile)).toBe('present')
  }

  async function build(name: string, dockerfileContent: string, contextHashes: string[]) {
    const created = await client.snapshots.create({ name, buildInfo: { dockerfileContent, contextHashes } })
    for (;;) {
      const snap = await client.snapshots.get(created.id)
      if (['active', 'build_failed', 'error'].includes(snap.state)) return snap
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  it('builds when every COPY source is in the uploaded context, and fails naming the one that is not', async () => {
    await uploadContext('c0ffee01', { 'package.json': '{}', 'index.js': '1' })
    const ok = await build('from-s3', 'FROM node:22\nCOPY package.json index.js /app/\n', ['c0ffee01'])
    expect(ok.state).toBe('active')
    const missing = await build('missing-source', 'FROM node:22\nCOPY package.json yarn.lock /app/\n', [
      'c0ffee01',
    ])
    expect(missing.state).toBe('build_failed')
    expect(missing.errorReason).toMatch(/COPY failed: .*stat yarn\.lock: file does not exist/)
    const notUploaded = await build('no-context', 'FROM node:22\nCOPY package.json /app/\n', ['deadbeef'])
    expect(notUploaded.state).toBe('build_failed')
    expect(notUploaded.errorReason).toMatch(/build context deadbeef not found in object storage/)
  })

  it('still takes contexts registered through the admin surface', async () => {
    await h.admin.putContext('a11ce', ['Gemfile'])
    expect((await build('from-admin', 'FROM ruby:3.3\nCOPY Gemfile /app/\n', ['a11ce'])).state).toBe('active')
  })
})
