// Object storage for build contexts. Only the credentials call lives here; the S3 upload comes later.
import type { HttpClient } from './http.ts'
import type { StorageAccess } from './types.ts'

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
}
