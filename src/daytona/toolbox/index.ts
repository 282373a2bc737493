// The toolbox (daemon) API of one sandbox, reached through the toolbox proxy: `{toolboxProxyUrl}/{sandboxId}/…`.
import { isPrintable } from '../../printable.ts'
import { DaytonaError } from '../errors.ts'
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
    return this.#directory('user-home-dir', 'home directory')
  }

  /** The image's WORKDIR, else the home directory; relative toolbox paths resolve against it. */
  async workDir(): Promise<string> {
    return this.#directory('work-dir', 'work directory')
  }

  /** The image decides these, and they are printed and put into commands: a plain absolute path, or an error. */
  async #directory(route: 'work-dir' | 'user-home-dir', what: string): Promise<string> {
    const { dir } = await this.#http.request<DirResponse>({ method: 'GET', url: `${this.baseUrl}${route}` })
    if (typeof dir === 'string' && dir.startsWith('/') && isPrintable(dir)) return dir
    throw new DaytonaError(
      { method: 'GET', path: `/${route}` },
      `The sandbox's ${what} is not a plain absolute path (${JSON.stringify(String(dir).slice(0, 200))}): ` +
        "give the image's WORKDIR and home directory as plain absolute paths.",
    )
  }

  async version(): Promise<string> {
    return (await this.#http.request<{ version: string }>({ method: 'GET', url: `${this.baseUrl}version` }))
      .version
  }
}
