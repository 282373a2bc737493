// The client's public surface.
export { Daytona, type DaytonaOptions } from './client.ts'
export * from './errors.ts'
export {
  HttpClient,
  type HttpClientOptions,
  type RequestOptions,
  type ResponseBody,
  type RetryInfo,
  SDK_VERSION_HEADER_VALUE,
} from './http.ts'
export { ObjectStorage } from './object-storage.ts'
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts'
export { Sandboxes, type SandboxFilter } from './sandboxes.ts'
export { Snapshots } from './snapshots.ts'
export { Demuxer, demuxAll, type StreamName, TextDemuxer } from './toolbox/demux.ts'
export { FilesApi, type UploadFile } from './toolbox/files.ts'
export { type CloneOptions, GitApi } from './toolbox/git.ts'
export { Toolbox } from './toolbox/index.ts'
export { type FollowHandlers, type FollowResult, ProcessApi } from './toolbox/process.ts'
export type { StreamHandlers } from './toolbox/stream.ts'
export type * from './types.ts'
export type { WaitOptions } from './wait.ts'
