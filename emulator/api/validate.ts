// Request checks with class-validator-like messages, as the real API's ValidationPipe answers (400).
import { HttpError } from '../http.ts'

export const badRequest = (message: string) => new HttpError(400, message)

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw badRequest(`${key} must be a string`)
  return v
}

export function optionalInt(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`${key} must be an integer number`)
  return v
}

export function optionalBool(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw badRequest(`${key} must be a boolean value`)
  return v
}

/** `{ [k]: string }` objects such as env and labels. */
export function optionalStringMap(
  body: Record<string, unknown>,
  key: string,
): Record<string, string> | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${key} must be an object`)
  const out: Record<string, string> = {}
  for (const [k, value] of Object.entries(v as Record<string, unknown>)) {
    if (typeof value !== 'string') throw badRequest(`${key}.${k} must be a string`)
    out[k] = value
  }
  return out
}

/** Path parameters such as `{interval}`: ParseIntPipe's message on garbage. */
export function intParam(value: string | undefined): number {
  if (value === undefined || !/^-?\d+$/.test(value))
    throw badRequest('Validation failed (numeric string is expected)')
  return Number(value)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}
