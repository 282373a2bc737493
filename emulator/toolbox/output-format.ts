// How session output is shaped for a client, which depends on the SDK version it announces (§4.2):
// - 'json'     (≥ 0.167.0, or any version containing "dev"): JSON with the raw log and demuxed stdout/stderr;
// - 'raw'      (0.27.0 ≤ v < 0.167.0, or no version but `X-Daytona-Split-Output: true`): bytes with markers;
// - 'combined' (no version, or < 0.27.0): bytes with the markers removed.
import type { IncomingMessage } from 'node:http'

export type OutputMode = 'json' | 'raw' | 'combined'

const STDOUT = 0x01
const STDERR = 0x02
const SUBPROTOCOL_PREFIX = 'X-Daytona-SDK-Version~'

/** Compares `version` with `x.y.z`: negative, zero or positive; undefined when it does not parse. */
export function compareVersion(version: string, target: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?/.exec(version.trim())
  if (!m) return undefined
  const t = target.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const d = Number(m[i + 1]) - t[i]
    if (d !== 0) return d
  }
  return m[4] ? -1 : 0 // a pre-release sorts before its release
}

/** The SDK version from the header, or from a `X-Daytona-SDK-Version~<v>` WebSocket subprotocol. */
export function sdkVersion(req: IncomingMessage): string | undefined {
  const header = req.headers['x-daytona-sdk-version']
  if (typeof header === 'string' && header.trim()) return header.trim()
  const offered = req.headers['sec-websocket-protocol']
  if (typeof offered === 'string') {
    for (const p of offered.split(',').map((s) => s.trim())) {
      if (p.startsWith(SUBPROTOCOL_PREFIX)) return p.slice(SUBPROTOCOL_PREFIX.length)
    }
  }
  return undefined
}

export function isDaytonaSubprotocol(protocol: string): boolean {
  return protocol.startsWith(SUBPROTOCOL_PREFIX)
}

export function outputMode(req: IncomingMessage): OutputMode {
  const version = sdkVersion(req)
  if (version === undefined) return req.headers['x-daytona-split-output'] === 'true' ? 'raw' : 'combined'
  if (version.includes('dev')) return 'json'
  const vs027 = compareVersion(version, '0.27.0')
  if (vs027 !== undefined && vs027 < 0) return 'combined'
  const vs0167 = compareVersion(version, '0.167.0')
  if (vs0167 !== undefined && vs0167 < 0) return 'raw'
  return 'json' // ≥ 0.167.0, or a version we cannot parse: the current format
}

/** SDKs before 0.103.0 got sessions that start in $HOME instead of the work dir. */
export function wantsLegacyCwd(req: IncomingMessage): boolean {
  const version = sdkVersion(req)
  if (version === undefined || version.includes('dev')) return false
  const cmp = compareVersion(version, '0.103.0')
  return cmp !== undefined && cmp < 0
}

function markerAt(buf: Uint8Array, i: number): number {
  const b = buf[i]
  if ((b === STDOUT || b === STDERR) && buf[i + 1] === b && buf[i + 2] === b) return b
  return 0
}

/** The log without its 3-byte markers. */
export function stripMarkers(log: Buffer): Buffer {
  return new MarkerStripper().push(log, true)
}

/** Splits a raw log into stdout and stderr: after a marker, bytes belong to that stream until the next one. */
export function demux(log: Buffer): { stdout: string; stderr: string } {
  const parts: Record<number, Buffer[]> = { [STDOUT]: [], [STDERR]: [] }
  let stream = 0
  let start = 0
  for (let i = 0; i < log.length; i++) {
    const marker = markerAt(log, i)
    if (!marker) continue
    if (stream) parts[stream].push(log.subarray(start, i))
    stream = marker
    i += 2
    start = i + 1
  }
  if (stream) parts[stream].push(log.subarray(start))
  return {
    stdout: Buffer.concat(parts[STDOUT]).toString('utf8'),
    stderr: Buffer.concat(parts[STDERR]).toString('utf8'),
  }
}

/** Removes markers from a stream of chunks, holding back up to 2 bytes that may start a split marker. */
export class MarkerStripper {
  private held: Buffer = Buffer.alloc(0)

  push(chunk: Buffer, final = false): Buffer {
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk
    const out: Buffer[] = []
    let start = 0
    let i = 0
    for (; i < buf.length; i++) {
      const b = buf[i]
      if (b !== STDOUT && b !== STDERR) continue
      if (i + 2 >= buf.length && !final) break // might be the start of a marker: decide with the next chunk
      if (markerAt(buf, i)) {
        out.push(buf.subarray(start, i))
        i += 2
        start = i + 1
      }
    }
    const end = final ? buf.length : Math.min(i, buf.length)
    out.push(buf.subarray(start, end))
    this.held = Buffer.from(buf.subarray(end))
    return Buffer.concat(out)
  }

  flush(): Buffer {
    const rest = this.held
    this.held = Buffer.alloc(0)
    return rest
  }
}
