// GET /api/sandbox (§2.6): prefix filters on id and name, JSON labels containment, state, class, flag, range
// and date filters, sorting, and an opaque cursor with `nextCursor: null` on the last page. Bounds are
// inclusive, as in the real query (`>=`/`<=`).
import { SANDBOX_STATES } from '../../src/daytona/types.ts'
import { sendJson } from '../http.ts'
import { reportedState, SANDBOX_CLASS, type SandboxRecord, toListItem } from '../store.ts'
import type { RouteRequest } from './router.ts'
import { badRequest } from './validate.ts'

/** Destroyed sandboxes are never listed, so asking for them is a 400. */
const STATES: readonly string[] = SANDBOX_STATES.filter((state) => state !== 'destroyed')
const SANDBOX_CLASSES: readonly string[] = ['linux-vm', 'container', 'android', 'windows']
const SORT_FIELDS: Record<string, (s: SandboxRecord) => string | number> = {
  name: (s) => s.name,
  cpu: (s) => s.cpu,
  memoryGib: (s) => s.memory,
  diskGib: (s) => s.disk,
  lastActivityAt: (s) => s.lastActivityAt,
  createdAt: (s) => s.createdAt,
}

/** Repeated keys (`states=a&states=b`) and the qs-extended `states[]=` both arrive as an array. */
function arrayParam(q: URLSearchParams, key: string): string[] | undefined {
  const values = [...q.getAll(key), ...q.getAll(`${key}[]`)]
  return values.length > 0 ? values : undefined
}

function numberParam(q: URLSearchParams, key: string, min: number, max = Number.POSITIVE_INFINITY) {
  const raw = q.get(key)
  if (raw === null || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isFinite(n)) throw badRequest(`${key} must be a number conforming to the specified constraints`)
  if (n < min) throw badRequest(`${key} must not be less than ${min}`)
  if (n > max) throw badRequest(`${key} must not be greater than ${max}`)
  return n
}

function boolParam(q: URLSearchParams, key: string): boolean | undefined {
  const raw = q.get(key)
  if (raw === null) return undefined
  return raw === 'true'
}

/** ISO 8601: a date, or a date and time with an optional fraction and zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

function dateParam(q: URLSearchParams, key: string): number | undefined {
  const raw = q.get(key)
  if (raw === null || raw === '') return undefined
  const ms = Date.parse(raw)
  if (!ISO_DATE.test(raw) || Number.isNaN(ms)) throw badRequest(`${key} must be a valid ISO 8601 date string`)
  return ms
}

/** An `[after, before]` window on one timestamp; a sandbox without that timestamp never matches one. */
function dateWindow(q: URLSearchParams, name: string, get: (s: SandboxRecord) => number | undefined) {
  const after = dateParam(q, `${name}After`)
  const before = dateParam(q, `${name}Before`)
  return (s: SandboxRecord): boolean => {
    if (after === undefined && before === undefined) return true
    const value = get(s)
    if (value === undefined) return false
    return (after === undefined || value >= after) && (before === undefined || value <= before)
  }
}

function parseLabels(raw: string | null): Record<string, string> | undefined {
  if (raw === null || raw === '') return undefined
  try {
    const parsed = JSON.parse(raw)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed as Record<string, string>
  } catch {
    throw badRequest('Invalid labels JSON format')
  }
}

type Key = [string | number, number, string]

function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

function decodeCursor(raw: string): Key {
  try {
    const key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === 3) return key as Key
  } catch {
    // answered below
  }
  throw badRequest('Invalid cursor')
}

export async function listSandboxes(r: RouteRequest): Promise<void> {
  const q = r.url.searchParams
  const limit = numberParam(q, 'limit', 1, 200) ?? 100
  const states = arrayParam(q, 'states')
  for (const s of states ?? []) {
    if (!STATES.includes(s)) {
      throw badRequest(`each value in states must be one of the following values: ${STATES.join(', ')}`)
    }
  }
  const labels = parseLabels(q.get('labels'))
  const idPrefix = q.get('id')?.toLowerCase()
  const namePrefix = q.get('name')?.toLowerCase()
  const classes = arrayParam(q, 'sandboxClasses')
  for (const c of classes ?? []) {
    if (!SANDBOX_CLASSES.includes(c)) {
      throw badRequest(
        `each value in sandboxClasses must be one of the following values: ${SANDBOX_CLASSES.join(', ')}`,
      )
    }
  }
  const snapshots = arrayParam(q, 'snapshots')
  const regions = arrayParam(q, 'regionIds')
  const includeErroredDeleted = boolParam(q, 'includeErroredDeleted') ?? false
  const isPublic = boolParam(q, 'isPublic')
  const isRecoverable = boolParam(q, 'isRecoverable')
  // includeWarm is accepted: the emulator has no warm pool, so there is nothing more to include
  const dateWindows = [
    dateWindow(q, 'createdAt', (s) => s.createdAt),
    dateWindow(q, 'lastEvent', (s) => s.lastActivityAt),
    dateWindow(q, 'autoDestroyAt', (s) => s.autoDestroyAt),
  ]
  const ranges: [string, (s: SandboxRecord) => number][] = [
    ['Cpu', (s) => s.cpu],
    ['MemoryGiB', (s) => s.memory],
    ['DiskGiB', (s) => s.disk],
  ]
  const bounds = ranges.map(([name, get]) => ({
    get,
    min: numberParam(q, `min${name}`, 1),
    max: numberParam(q, `max${name}`, 1),
  }))
  // [N218] GPU bounds; 0 is a meaningful GPU count
  bounds.push({ get: (s) => s.gpu, min: numberParam(q, 'minGpu', 0), max: numberParam(q, 'maxGpu', 0) })
  const sort = q.get('sort') ?? 'lastActivityAt'
  const sortValue = SORT_FIELDS[sort]
  if (!sortValue)
    throw badRequest(`sort must be one of the following values: ${Object.keys(SORT_FIELDS).join(', ')}`)
  const order = q.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc')
    throw badRequest('order must be one of the following values: asc, desc')

  const matches = [...r.ctx.store.sandboxes.values()].filter((s) => {
    if (s.state === 'destroyed') return false
    const errored = s.state === 'error' || s.state === 'build_failed'
    if (errored && s.desiredState === 'destroyed' && !includeErroredDeleted) return false
    if (states && !states.includes(reportedState(s))) return false
    if (idPrefix && !s.id.toLowerCase().startsWith(idPrefix)) return false
    if (namePrefix && !s.name.toLowerCase().startsWith(namePrefix)) return false
    if (labels && !Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return false
    if (snapshots && !(s.snapshot && snapshots.includes(s.snapshot))) return false
    if (regions && !regions.includes(s.target)) return false
    if (isPublic !== undefined && s.public !== isPublic) return false
    if (isRecoverable !== undefined && (s.recoverable ?? false) !== isRecoverable) return false
    if (classes && !classes.includes(SANDBOX_CLASS)) return false
    if (!dateWindows.every((inWindow) => inWindow(s))) return false
    return bounds.every(
      (b) => (b.min === undefined || b.get(s) >= b.min) && (b.max === undefined || b.get(s) <= b.max),
    )
  })

  const keyOf = (s: SandboxRecord): Key => [sortValue(s), s.createdAt, s.id]
  const direction = order === 'asc' ? 1 : -1
  const compare = (a: Key, b: Key): number => {
    if (a[0] !== b[0]) return (a[0] < b[0] ? -1 : 1) * direction
    if (a[1] !== b[1]) return b[1] - a[1] // ties: newest first
    return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0
  }
  matches.sort((a, b) => compare(keyOf(a), keyOf(b)))

  const cursorRaw = q.get('cursor')
  const after = cursorRaw ? decodeCursor(cursorRaw) : undefined
  const remaining = after ? matches.filter((s) => compare(keyOf(s), after) > 0) : matches
  const page = remaining.slice(0, limit)
  const last = page.at(-1)
  const nextCursor = remaining.length > limit && last ? encodeCursor(keyOf(last)) : null
  sendJson(r.res, 200, { items: page.map((s) => toListItem(s, r.ctx.toolboxProxyUrl)), nextCursor })
}
