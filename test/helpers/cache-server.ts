// A local stand-in for GitHub's cache service v2 as @actions/cache 6.x speaks it (toolchain.md §5), so the
// real library runs unmodified against it:
//   * Twirp/JSON at POST {ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/<Method>, with a
//     bearer token: CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL. Entries are matched by
//     key and version (the library's hash of paths and compression); restore keys match by prefix, newest first.
//   * Azure-blob-style signed URLs for the archive: upload as one `PUT` (x-ms-blob-type: BlockBlob) or as
//     `PUT ?comp=block&blockid=…` then `PUT ?comp=blocklist`; download as a plain GET. Upload URLs only write and
//     download URLs only read, each with its own random signature, as with real SAS URLs.
// Blobs live on disk in a temp dir, so a big archive is never held in memory.
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
const BLOB_PATH = /^\/devstoreaccount1\/actions-cache\/([0-9a-f-]{36})$/

interface Entry {
  key: string
  version: string
  blobId: string
  finalized: boolean
  createdAt: number
}

interface Grant {
  blobId: string
  permission: 'write' | 'read'
}

export interface CacheServer {
  url: string
  /** what a job needs in its env for @actions/cache to use this server */
  env: Record<string, string>
  /** finalized entries' keys, oldest first */
  keys(): string[]
  /** `METHOD path[?comp]` per request, for checking which protocol legs ran */
  log: string[]
  close(): Promise<void>
}

export async function startCacheServer(): Promise<CacheServer> {
  const store = await mkdtemp(join(tmpdir(), 'cache-server-'))
  const entries: Entry[] = []
  const grants = new Map<string, Grant>()
  const log: string[] = []
  let base = ''
  let clock = 0

  const signedUrl = (blobId: string, permission: Grant['permission']) => {
    const sig = randomUUID()
    grants.set(sig, { blobId, permission })
    return `${base}devstoreaccount1/actions-cache/${blobId}?sv=2024-01-01&sp=${permission === 'write' ? 'cw' : 'r'}&sig=${sig}`
  }
  const blobFile = (blobId: string) => join(store, blobId)

  const rpc: Record<string, (body: Record<string, unknown>) => Promise<object> | object> = {
    CreateCacheEntry({ key, version }) {
      if (typeof key !== 'string' || typeof version !== 'string') return twirpError('invalid_argument')
      if (entries.some((e) => e.key === key && e.version === version && e.finalized)) {
        return { ok: false, signed_upload_url: '', message: `cache entry with key ${key} already exists` }
      }
      const blobId = randomUUID()
      entries.push({ key, version, blobId, finalized: false, createdAt: clock++ })
      return { ok: true, signed_upload_url: signedUrl(blobId, 'write'), message: '' }
    },
    async FinalizeCacheEntryUpload({ key, version, size_bytes }) {
      const entry = entries.findLast((e) => e.key === key && e.version === version && !e.finalized)
      if (!entry)
        return { ok: false, entry_id: '0', message: 'no cache entry is being uploaded under this key' }
      const size = await stat(blobFile(entry.blobId)).then(
        (s) => s.size,
        () => -1,
      )
      if (size < 0 || String(size) !== String(size_bytes)) {
        return { ok: false, entry_id: '0', message: `uploaded ${size} bytes, finalized with ${size_bytes}` }
      }
      entry.finalized = true
      return { ok: true, entry_id: String(entries.indexOf(entry) + 1), message: '' }
    },
    GetCacheEntryDownloadURL({ key, restore_keys, version }) {
      const live = entries
        .filter((e) => e.finalized && e.version === version)
        .sort((a, b) => b.createdAt - a.createdAt)
      let hit = live.find((e) => e.key === key)
      for (const prefix of Array.isArray(restore_keys) ? restore_keys : []) {
        if (hit) break
        hit = live.find((e) => e.key === prefix) ?? live.find((e) => e.key.startsWith(String(prefix)))
      }
      if (!hit) return { ok: false, signed_download_url: '', matched_key: '' }
      return { ok: true, signed_download_url: signedUrl(hit.blobId, 'read'), matched_key: hit.key }
    },
  }

  async function twirp(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return json(res, 401, { code: 'unauthenticated', msg: 'missing bearer token' })
    }
    const handler = Object.hasOwn(rpc, method) ? rpc[method] : undefined
    if (!handler || req.method !== 'POST')
      return json(res, 404, { code: 'bad_route', msg: `no handler for ${method}` })
    let body: Record<string, unknown>
    try {
      body = JSON.parse((await readBody(req)).toString() || '{}')
    } catch {
      return json(res, 400, { code: 'malformed', msg: 'the body is not JSON' })
    }
    const out = (await handler(body)) as { twirpError?: string }
    if (out.twirpError) return json(res, 400, { code: out.twirpError, msg: 'key and version are required' })
    json(res, 200, out)
  }

  async function blob(req: IncomingMessage, res: ServerResponse, url: URL, blobId: string): Promise<void> {
    const grant = grants.get(url.searchParams.get('sig') ?? '')
    const wants = req.method === 'PUT' ? 'write' : 'read'
    if (!grant || grant.blobId !== blobId || grant.permission !== wants) {
      await readBody(req)
      return azureError(res, 403, 'AuthenticationFailed')
    }
    const headers = {
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2024-01-01',
      etag: `"0x${Date.now().toString(16)}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-server-encrypted': 'true',
    }
    if (req.method === 'PUT') {
      const comp = url.searchParams.get('comp')
      if (comp === 'block') {
        const blockId = url.searchParams.get('blockid')
        if (!blockId) return azureError(res, 400, 'InvalidQueryParameterValue')
        await pipeline(
          req,
          createWriteStream(`${blobFile(blobId)}.block-${Buffer.from(blockId).toString('hex')}`),
        )
      } else if (comp === 'blocklist') {
        const xml = (await readBody(req)).toString()
        const ids = [...xml.matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1])
        await rm(blobFile(blobId), { force: true })
        for (const id of ids) {
          const part = `${blobFile(blobId)}.block-${Buffer.from(id).toString('hex')}`
          const bytes = await readFile(part).catch(() => undefined)
          if (!bytes) return azureError(res, 400, 'InvalidBlockList')
          await appendFile(blobFile(blobId), bytes)
        }
        for (const id of ids)
          await rm(`${blobFile(blobId)}.block-${Buffer.from(id).toString('hex')}`, { force: true })
      } else {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
          await readBody(req)
          return azureError(res, 400, 'MissingRequiredHeader')
        }
        await pipeline(req, createWriteStream(blobFile(blobId)))
      }
      res.writeHead(201, headers).end()
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const size = await stat(blobFile(blobId)).then(
        (s) => s.size,
        () => -1,
      )
      if (size < 0) return azureError(res, 404, 'BlobNotFound')
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': size,
        'x-ms-blob-type': 'BlockBlob',
      })
      if (req.method === 'HEAD') return void res.end()
      await pipeline(createReadStream(blobFile(blobId)), res)
      return
    }
    azureError(res, 405, 'UnsupportedHttpVerb')
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base)
    log.push(
      `${req.method} ${url.pathname}${url.searchParams.has('comp') ? `?${url.searchParams.get('comp')}` : ''}`,
    )
    const blobId = BLOB_PATH.exec(url.pathname)?.[1]
    const handled = url.pathname.startsWith(SERVICE)
      ? twirp(req, res, url.pathname.slice(SERVICE.length))
      : blobId
        ? blob(req, res, url, blobId)
        : Promise.resolve(void res.writeHead(404).end())
    handled.catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { code: 'internal', msg: String(error) })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    url: base,
    env: { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: base, ACTIONS_RUNTIME_TOKEN: randomUUID() },
    keys: () => entries.filter((e) => e.finalized).map((e) => e.key),
    log,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(store, { recursive: true, force: true })
    },
  }
}

function twirpError(code: string) {
  return { twirpError: code }
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

function azureError(res: ServerResponse, status: number, code: string): void {
  res
    .writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code })
    .end(
      `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
    )
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
