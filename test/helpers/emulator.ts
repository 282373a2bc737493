// Starts an emulator for a test file and gives raw HTTP access to its API and admin surface.
import { fetch, type Headers, type Response } from 'undici'
import type { FaultSpec } from '../../emulator/faults.ts'
import { type Emulator, type EmulatorOptions, startEmulator } from '../../emulator/server.ts'

export interface RawResponse {
  status: number
  headers: Headers
  /** parsed JSON when the body is JSON, else the text ('' when empty) */
  // biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary response shapes
  body: any
}

export interface EmulatorHarness {
  emu: Emulator
  apiUrl: string
  apiKey: string
  /** one raw call: `path` is relative to apiUrl ('/sandbox') or absolute ('http://…', or '/toolbox/…' from origin) */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>
  admin: {
    faults(add: FaultSpec): Promise<string>
    clearFaults(): Promise<void>
    requests(): Promise<{ total: number; routes: Record<string, number> }>
    resetRequests(): Promise<void>
    // biome-ignore lint/suspicious/noExplicitAny: admin records are loosely typed on purpose
    sandboxes(): Promise<any[]>
    putContext(hash: string, files: string[]): Promise<void>
    /** `justNow`: the deactivation just happened, so activate answers "still in progress" for 10 minutes */
    deactivateSnapshot(idOrName: string, opts?: { justNow?: boolean }): Promise<void>
    sweep(): Promise<void>
  }
  close(): Promise<void>
}

async function read(res: Response): Promise<RawResponse> {
  const text = await res.text()
  let body: unknown = text
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { status: res.status, headers: res.headers, body }
}

export async function withEmulator(opts: Partial<EmulatorOptions> = {}): Promise<EmulatorHarness> {
  const apiKey = opts.apiKey ?? 'test-api-key'
  const emu = await startEmulator({ ...opts, apiKey })
  const resolve = (path: string) => {
    if (/^https?:\/\//.test(path)) return path
    if (path.startsWith('/toolbox') || path.startsWith('/proxy') || path.startsWith('/_emulator')) {
      return `${emu.origin}${path}`
    }
    return `${emu.apiUrl}${path}`
  }
  const api: EmulatorHarness['api'] = async (method, path, body, headers = {}) => {
    const res = await fetch(resolve(path), {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return read(res)
  }
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.origin}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const out = await read(res)
    if (out.status >= 400)
      throw new Error(`admin ${method} ${path} → ${out.status}: ${JSON.stringify(out.body)}`)
    return out.body
  }
  return {
    emu,
    apiUrl: emu.apiUrl,
    apiKey,
    api,
    admin: {
      faults: async (add) => (await adminCall('POST', '/faults', add)).id,
      clearFaults: async () => void (await adminCall('DELETE', '/faults')),
      requests: () => adminCall('GET', '/requests'),
      resetRequests: async () => void (await adminCall('DELETE', '/requests')),
      sandboxes: () => adminCall('GET', '/sandboxes'),
      putContext: async (hash, files) => void (await adminCall('PUT', `/contexts/${hash}`, { files })),
      deactivateSnapshot: async (idOrName, opts = {}) =>
        void (await adminCall('POST', `/snapshots/${encodeURIComponent(idOrName)}/deactivate-now`, opts)),
      sweep: async () => void (await adminCall('POST', '/backstop/sweep')),
    },
    close: () => emu.close(),
  }
}
