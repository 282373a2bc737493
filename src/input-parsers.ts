// Generic parsers for action inputs. Each takes the raw (trimmed) text and either returns the typed value
// or throws InputError with one line: `Input '<name>' <accepted form> (got "<value>").`

import { posix } from 'node:path'
import { parseDuration } from './duration.ts'

export class InputError extends Error {
  override name = 'InputError'
  /** The input at fault (the first one, for rules that span inputs). */
  readonly input: string
  constructor(input: string, message: string) {
    super(message)
    this.input = input
  }
}

/** Reads one input by name, already trimmed ('' when unset), like core.getInput. */
export type InputReader = (name: string) => string

const MAX_DURATION_MS = 24 * 60 * 60 * 1000

/** Throws `Input '<name>' <form> (got "<value>").`; the value is JSON-quoted (so one line) and capped. */
export function fail(name: string, form: string, value?: string, subject = `Input '${name}'`): never {
  const capped = value !== undefined && value.length > 80 ? `${value.slice(0, 77)}...` : value
  const shown = capped === undefined ? '' : ` (got ${JSON.stringify(capped)})`
  throw new InputError(name, `${subject} ${form}${shown}.`)
}

export function check(ok: boolean, name: string, form: string, value?: string): asserts ok {
  if (!ok) fail(name, form, value)
}

/** The input's value when it matches, undefined when it is empty. */
export function matching(read: InputReader, name: string, pattern: RegExp, form: string): string | undefined {
  const value = read(name)
  if (!value) return undefined
  check(pattern.test(value), name, form, value)
  return value
}

/** YAML 1.2 core-schema booleans, exactly as core.getBooleanInput accepts them. */
export function bool(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name)
  if (value === '') return fallback
  if (value === 'true' || value === 'True' || value === 'TRUE') return true
  if (value === 'false' || value === 'False' || value === 'FALSE') return false
  return fail(name, 'must be true or false', value)
}

export function wholeNumber(
  read: InputReader,
  name: string,
  range: { min: number; max: number },
  form: string,
): number | undefined {
  const value = read(name)
  if (value === '') return undefined
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  check(number >= range.min && number <= range.max, name, form, value)
  return number
}

export function oneOf<T extends string>(
  read: InputReader,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = read(name) || fallback
  check(choices.includes(value as T), name, `must be one of ${choices.join(', ')}`, value)
  return value as T
}

/** Milliseconds; more than 0 and at most 24h. */
export function duration(read: InputReader, name: string, fallback: string): number {
  const value = read(name) || fallback
  const ms = parseDuration(value) ?? 0
  const form = 'must be a duration such as 90s, 10m, 1h or 1h30m (or plain seconds), above 0 and at most 24h'
  check(ms > 0 && ms <= MAX_DURATION_MS, name, form, value)
  return ms
}

/** Normalized POSIX path inside `base`; '' for the base itself. */
export function relativePath(name: string, value: string, base: string): string {
  if (!value) return ''
  if (/\p{Cc}/u.test(value)) fail(name, `must be a path relative to ${base} on one line`)
  if (value.startsWith('/') || value.startsWith('~') || /^[A-Za-z]:[\\/]/.test(value)) {
    fail(name, `must be a path relative to ${base}, not an absolute path`, value)
  }
  const normal = posix.normalize(value).replace(/\/+$/, '')
  if (normal === '..' || normal.startsWith('../')) {
    fail(name, `must stay inside ${base} (no '..' leading out of it)`, value)
  }
  return normal === '.' ? '' : normal
}

/**
 * KEY=VALUE lines (blank and `#` lines skipped); the value is everything after the first '='.
 * `showLines: false` keeps a malformed line out of the message, for inputs whose values may be sensitive.
 */
export function keyValueLines(
  name: string,
  text: string,
  checkEntry: (key: string, value: string, line: number) => void,
  showLines: boolean,
): Record<string, string> {
  const entries = new Map<string, string>()
  const firstLine = new Map<string, number>()
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim()
    const number = index + 1
    if (!line || line.startsWith('#')) return
    const eq = line.indexOf('=')
    if (eq < 0) fail(name, `line ${number} must be KEY=VALUE`, showLines ? line : undefined)
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1)
    checkEntry(key, value, number)
    const seen = firstLine.get(key)
    if (seen !== undefined) fail(name, `sets ${key} twice (lines ${seen} and ${number}); keep one`)
    firstLine.set(key, number)
    entries.set(key, value)
  })
  // fromEntries defines own properties, so a key like __proto__ stays plain data.
  return Object.fromEntries(entries)
}

const IMAGE_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const IMAGE_REPO = new RegExp(
  `^(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*(?::\\d+)?/)?${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*$`,
)
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const IMAGE_DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/

/** `[registry/]repo[:tag][@digest]` with a pinned tag or a digest: Daytona refuses `:latest` and no tag. */
export function imageReference(name: string, value: string): string {
  const at = value.indexOf('@')
  const reference = at < 0 ? value : value.slice(0, at)
  const digest = at < 0 ? undefined : value.slice(at + 1)
  const colon = reference.lastIndexOf(':')
  const hasTag = colon > reference.lastIndexOf('/')
  const tag = hasTag ? reference.slice(colon + 1) : undefined
  const repo = hasTag ? reference.slice(0, colon) : reference
  const valid =
    IMAGE_REPO.test(repo) &&
    (tag === undefined || IMAGE_TAG.test(tag)) &&
    (digest === undefined || IMAGE_DIGEST.test(digest))
  const form = 'must be an image reference such as node:22-bookworm or ghcr.io/org/app@sha256:<digest>'
  check(valid, name, form, value)
  if (digest === undefined && (tag === undefined || tag === 'latest')) {
    const why =
      'needs a fixed tag or a digest, e.g. node:22-bookworm: Daytona rejects :latest and untagged images'
    fail(name, why, value)
  }
  return value
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
