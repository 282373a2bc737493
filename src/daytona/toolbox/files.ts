// Files in a sandbox (daytona-api.md §4.5). Uploads stream from disk; downloads can stream to disk.
import { createWriteStream, openAsBlob } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { FormData } from 'undici'
import type { HttpClient, ResponseBody } from '../http.ts'
import type { FileInfo, UploadResult } from '../types.ts'

/** Moving megabytes takes longer than a JSON call. */
const TRANSFER_DEADLINE_MS = 10 * 60_000

export interface UploadFile {
  /** a local path (streamed from disk) or the bytes themselves */
  source: string | Uint8Array
  /** absolute, or relative to the sandbox's work dir; parents are created */
  destination: string
}

export class FilesApi {
  readonly #http: HttpClient
  readonly #base: string

  constructor(http: HttpClient, toolboxBase: string) {
    this.#http = http
    this.#base = `${toolboxBase}files`
  }

  /** One multipart request for all files; existing files are overwritten. */
  async upload(files: UploadFile[], opts: { signal?: AbortSignal } = {}): Promise<UploadResult> {
    const form = new FormData()
    for (const [i, file] of files.entries()) {
      // The daemon reads `files[i].path` first, then `files[i].file`: the order matters.
      form.append(`files[${i}].path`, file.destination)
      // openAsBlob reads the file lazily, so a big file is never all in memory.
      const blob = typeof file.source === 'string' ? await openAsBlob(file.source) : new Blob([file.source])
      form.append(`files[${i}].file`, blob, file.destination)
    }
    const res = await this.#http.request<UploadResult | undefined>({
      method: 'POST',
      url: `${this.#base}/bulk-upload`,
      body: form,
      // re-sending overwrites the same files: safe to retry a reset connection
      idempotent: true,
      timeoutMs: TRANSFER_DEADLINE_MS,
      signal: opts.signal,
    })
    return res ?? { files: [] }
  }

  async download(path: string, opts: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    const body = await this.#downloadBody(path, opts.signal)
    return new Uint8Array(await body.arrayBuffer())
  }

  /** Streams a sandbox file into a local file. */
  async downloadTo(path: string, localPath: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    const body = await this.#downloadBody(path, opts.signal)
    await pipeline(body, createWriteStream(localPath))
  }

  /**
   * `depth` > 1 lists recursively [C205+]; the daemon walks without following symlinked directories, and
   * each entry's `path` is the requested path joined with the entry's place under it.
   */
  list(path: string, opts: { depth?: number } = {}): Promise<FileInfo[]> {
    return this.#http.request<FileInfo[]>({
      method: 'GET',
      url: this.#base,
      query: { path, depth: opts.depth },
      timeoutMs: opts.depth && opts.depth > 1 ? TRANSFER_DEADLINE_MS : undefined,
    })
  }

  /** The body of one sandbox file, to be streamed by the caller (who must consume or cancel it). */
  downloadBody(path: string, opts: { signal?: AbortSignal } = {}): Promise<ResponseBody> {
    return this.#downloadBody(path, opts.signal)
  }

  info(path: string): Promise<FileInfo> {
    return this.#http.request<FileInfo>({ method: 'GET', url: `${this.#base}/info`, query: { path } })
  }

  /** `mode` is octal text, as the daemon expects. */
  async createFolder(path: string, mode = '755'): Promise<void> {
    await this.#http.request({
      method: 'POST',
      url: `${this.#base}/folder`,
      query: { path, mode },
      idempotent: true,
    })
  }

  /** A directory needs `recursive`, else the daemon answers 400. */
  async delete(path: string, opts: { recursive?: boolean } = {}): Promise<void> {
    await this.#http.request({
      method: 'DELETE',
      url: this.#base,
      query: { path, recursive: opts.recursive ? true : undefined },
    })
  }

  #downloadBody(path: string, signal?: AbortSignal): Promise<ResponseBody> {
    return this.#http.request<ResponseBody>({
      method: 'GET',
      url: `${this.#base}/download`,
      query: { path },
      raw: true,
      // for raw bodies the deadline covers the headers; the body may take long but must keep moving
      idleTimeoutMs: 60_000,
      signal,
    })
  }
}
