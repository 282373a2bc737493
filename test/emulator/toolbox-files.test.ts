// /files: binary-safe uploads and downloads (50 MB included), list/info/folder/delete, escapes refused.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { FormData, fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileInfo } from '../../src/daytona/types.ts'
import { validateResponse } from '../helpers/openapi.ts'
import { availableModes, type Client, type Harness, startToolbox } from './toolbox-harness.ts'

/** A bulk-upload form the way the SDK builds it: each path field before its file field. */
function uploadForm(files: { path: string; content: Buffer }[]): FormData {
  const form = new FormData()
  files.forEach((f, i) => {
    form.append(`files[${i}].path`, f.path)
    form.append(`files[${i}].file`, new Blob([new Uint8Array(f.content)]), f.path)
  })
  return form
}

async function bulkUpload(sb: Client, files: { path: string; content: Buffer }[]) {
  const res = await fetch(`${sb.base}/files/bulk-upload`, {
    method: 'POST',
    body: uploadForm(files) as never,
  })
  return {
    status: res.status,
    json: (await res.json()) as { files: { path: string; bytes: number }[]; errors?: string[] },
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe.each(availableModes())('toolbox files (%s)', (isolation) => {
  let h: Harness
  let sb: Client
  let home: string

  beforeAll(async () => {
    h = await startToolbox({ isolation })
    sb = await h.sandbox()
    home = (await sb.get('/user-home-dir')).json.dir
  })
  afterAll(() => h.close())

  it('round-trips random bytes through bulk-upload and download, creating parents', async () => {
    const content = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(300_000),
    ])
    const up = await bulkUpload(sb, [
      { path: 'nested/dir/blob.bin', content },
      { path: `${home}/abs.txt`, content: Buffer.from('absolute\n') },
    ])
    expect(up).toEqual({
      status: 200,
      json: {
        files: [
          { path: 'nested/dir/blob.bin', bytes: content.length },
          { path: `${home}/abs.txt`, bytes: 9 },
        ],
      },
    })
    const down = await sb.get('/files/download?path=nested/dir/blob.bin')
    expect(down.status).toBe(200)
    expect(down.headers['content-type']).toBe('application/octet-stream')
    expect(down.headers['content-disposition']).toContain('blob.bin')
    expect(down.body.equals(content)).toBe(true)
    expect((await sb.exec('cat abs.txt')).result).toBe('absolute\n')
    expect((await sb.exec(`stat -c %a ${home}/nested/dir`)).result).toBe('755\n')
  })

  it('streams a 50 MB file both ways', async () => {
    const big = randomBytes(50 * 1024 * 1024)
    const up = await bulkUpload(sb, [{ path: 'big/fifty.bin', content: big }])
    expect(up.json.files).toEqual([{ path: 'big/fifty.bin', bytes: big.length }])
    const down = await sb.get('/files/download?path=big/fifty.bin')
    expect(down.body.length).toBe(big.length)
    expect(sha(down.body)).toBe(sha(big))
    expect((await sb.exec('sha256sum big/fifty.bin')).result.split(' ')[0]).toBe(sha(big))
  })

  it('overwrites existing files, and reports per-file errors with a 400', async () => {
    await bulkUpload(sb, [{ path: 'over.txt', content: Buffer.from('first version, long') }])
    await bulkUpload(sb, [{ path: 'over.txt', content: Buffer.from('second') }])
    expect((await sb.get('/files/download?path=over.txt')).text).toBe('second')
    const form = new FormData()
    form.append('files[0].file', new Blob(['orphan']), 'orphan.txt') // no path field before it
    const res = await fetch(`${sb.base}/files/bulk-upload`, { method: 'POST', body: form as never })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ errors: [expect.stringContaining('missing .path')], files: [] })
  })

  it('uploads with upload-v2, raw body or multipart', async () => {
    const raw = await sb.call('POST', '/files/upload-v2?path=v2/raw.bin', {
      body: Buffer.from([0, 1, 2, 255]),
      headers: { 'content-type': 'application/octet-stream' },
    })
    expect(raw.json).toEqual({ name: 'raw.bin', path: 'v2/raw.bin', type: 'file' })
    expect(validateResponse('toolbox', 'POST', '/files/upload-v2', 200, raw.json)).toEqual([])
    expect((await sb.get('/files/download?path=v2/raw.bin')).body).toEqual(Buffer.from([0, 1, 2, 255]))
    const form = new FormData()
    form.append('file', new Blob(['multi']), 'x')
    const res = await fetch(`${sb.base}/files/upload-v2?path=v2/multi.txt`, {
      method: 'POST',
      body: form as never,
    })
    expect(res.status).toBe(200)
    expect((await sb.get('/files/download?path=v2/multi.txt')).text).toBe('multi')
  })

  it('accepts the legacy /files/upload and maps file-system errors to daemon statuses', async () => {
    const form = new FormData()
    form.append('file', new Blob(['legacy']), 'x')
    const res = await fetch(`${sb.base}/files/upload?path=old/legacy.txt`, {
      method: 'POST',
      body: form as never,
    })
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
    expect((await sb.get('/files/download?path=old/legacy.txt')).text).toBe('legacy')
    const underFile = await sb.post('/files/folder?path=old/legacy.txt/sub&mode=0755')
    expect(underFile.status).toBe(400)
  })

  it('lists, describes, creates folders and deletes', async () => {
    expect((await sb.post('/files/folder?path=tree/sub&mode=0700')).status).toBe(201)
    await bulkUpload(sb, [{ path: 'tree/a.txt', content: Buffer.from('aaa') }])
    const list = await sb.get('/files?path=tree')
    expect(validateResponse('toolbox', 'GET', '/files', 200, list.json)).toEqual([])
    const byName = Object.fromEntries((list.json as FileInfo[]).map((f) => [f.name, f]))
    expect(byName['a.txt']).toMatchObject({ isDir: false, size: 3, mode: '-rw-r--r--', permissions: '0644' })
    expect(byName.sub).toMatchObject({ isDir: true, mode: 'drwx------', permissions: '0700' })
    // the daemon joins the path as requested with the name (fs/list_files.go): relative stays relative
    expect(byName.sub.path).toBe('tree/sub')
    const deep = await sb.get('/files?path=tree&depth=2')
    expect(deep.json.length).toBe(2)
    const info = await sb.get('/files/info?path=tree/a.txt')
    expect(validateResponse('toolbox', 'GET', '/files/info', 200, info.json)).toEqual([])
    expect(new Date(info.json.modifiedAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect((await sb.get('/files/info?path=tree/missing')).status).toBe(404)

    expect((await sb.delete('/files?path=tree')).status).toBe(400) // a directory needs recursive=true
    expect((await sb.delete('/files?path=tree/a.txt')).status).toBe(204)
    expect((await sb.delete('/files?path=tree&recursive=true')).status).toBe(204)
    expect((await sb.get('/files/info?path=tree')).status).toBe(404)
    expect((await sb.delete('/files?path=tree')).status).toBe(404)
  })

  it('answers download errors with empty bodies', async () => {
    const missing = await sb.get('/files/download?path=nope.bin')
    expect(missing.status).toBe(404)
    expect(missing.body.length).toBe(0)
    await sb.post('/files/folder?path=adir&mode=0755')
    const dir = await sb.get('/files/download?path=adir')
    expect(dir.status).toBe(400)
    expect(dir.body.length).toBe(0)
  })

  it('bulk-downloads files as multipart, with error parts for failures', async () => {
    await bulkUpload(sb, [{ path: 'bd/one.txt', content: Buffer.from('one') }])
    const r = await sb.call('POST', '/files/bulk-download', {
      json: { paths: ['bd/one.txt', 'bd/missing.txt'] },
    })
    expect(r.status).toBe(200)
    const type = String(r.headers['content-type'])
    expect(type).toBe('multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY')
    const form = await new Response(new Uint8Array(r.body), { headers: { 'content-type': type } }).formData()
    const file = form.get('file') as File
    expect(file.name).toBe('bd/one.txt')
    expect(await file.text()).toBe('one')
    const error = JSON.parse(await (form.get('error') as File).text())
    expect(error).toMatchObject({ statusCode: 404, code: 'FILE_NOT_FOUND' })
    expect((await sb.post('/files/bulk-download', { paths: [] })).status).toBe(400)
  })

  it('lists recursively as the daemon walks: a symlinked directory shows, its contents do not', async () => {
    await sb.exec('mkdir -p walk/real/deep && echo x > walk/real/deep/f.txt && ln -s real walk/link')
    await sb.exec('echo y > walk/real/g.txt && ln -s real/g.txt walk/g-link')
    const deep = (await sb.get('/files?path=walk&depth=5')).json as FileInfo[]
    expect(deep.map((f) => [f.path, f.isDir])).toEqual([
      ['walk/g-link', false], // stat'ed: a link to a file reads as a file
      ['walk/link', true],
      ['walk/real', true],
      ['walk/real/deep', true],
      ['walk/real/deep/f.txt', false],
      ['walk/real/g.txt', false],
    ])
    const absolute = (await sb.get(`/files?path=${home}/walk&depth=2`)).json as FileInfo[]
    expect(absolute.map((f) => f.path)).toContain(`${home}/walk/real/deep`)
    expect(absolute.map((f) => f.path)).not.toContain(`${home}/walk/real/deep/f.txt`)
    expect((await sb.get('/files?path=walk&depth=0')).status).toBe(400)
  })

  it('refuses paths that leave the sandbox, through .. or through symlinks', async () => {
    const up = await sb.get('/files/download?path=../../../../../../etc/passwd')
    expect(up.status).toBe(403)
    await sb.exec('ln -s / escape && ln -s ../../../../../../../../etc etc-link')
    expect((await sb.get('/files/download?path=escape/etc/passwd')).status).toBe(403)
    expect((await sb.get('/files?path=etc-link')).status).toBe(403)
    const evil = await bulkUpload(sb, [{ path: 'escape/etc/evil-upload.txt', content: Buffer.from('x') }])
    expect(evil.status).toBe(400)
    expect(existsSync('/etc/evil-upload.txt')).toBe(false)
    expect((await sb.delete('/files?path=/etc/hostname')).status).toBe(403)
    expect((await sb.delete(`/files?path=${home}&recursive=true`)).status).toBe(403)
    const listed = (await sb.get('/files')).json as { name: string }[]
    expect(listed.map((f) => f.name)).not.toContain('escape') // a link out of the sandbox is not listed
  })
})
