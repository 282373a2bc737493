// The toolbox (daemon) API of one sandbox, reached through the toolbox proxy: `{toolboxProxyUrl}/{sandboxId}/…`.
import type { HttpClient } from '../http.ts'
import type { DirResponse, Sandbox } from '../types.ts'
import { FilesApi } from './files.ts'
import { GitApi } from './git.ts'
import { ProcessApi } from './process.ts'

export class Toolbox {
  /** ends with '/' */
  readonly baseUrl: string
  readonly process: ProcessApi
  readonly files: FilesApi
  readonly git: GitApi
  readonly #http: HttpClient

  /** Needs the sandbox's ID: the proxy does not resolve names. */
  constructor(http: HttpClient, sandbox: Pick<Sandbox, 'id' | 'toolboxProxyUrl'>) {
    const proxy = sandbox.toolboxProxyUrl.endsWith('/')
      ? sandbox.toolboxProxyUrl
      : `${sandbox.toolboxProxyUrl}/`
    this.baseUrl = `${proxy}${encodeURIComponent(sandbox.id)}/`
    this.#http = http
    this.process = new ProcessApi(http, this.baseUrl)
    this.files = new FilesApi(http, this.baseUrl)
    this.git = new GitApi(http, this.baseUrl)
  }

  async userHomeDir(): Promise<string> {
    return (await this.#http.request<DirResponse>({ method: 'GET', url: `${this.baseUrl}user-home-dir` })).dir
  }

  /** The image's WORKDIR, else the home directory; relative toolbox paths resolve against it. */
  async workDir(): Promise<string> {
    return (await this.#http.request<DirResponse>({ method: 'GET', url: `${this.baseUrl}work-dir` })).dir
  }

  async version(): Promise<string> {
    return (await this.#http.request<{ version: string }>({ method: 'GET', url: `${this.baseUrl}version` }))
      .version
  }
}
