// AWS Signature Version 4 checking for the emulator's object storage. s3rver 3.7.1 parses a V4
// Authorization header but never recomputes the signature ("Signature version 4 calculation is
// unimplemeneted" in its authentication middleware), so any signature passes there. This is an
// independent implementation written from AWS's specification (the client signs with the `aws4` package),
// checked against AWS's published examples in test/emulator/s3.test.ts.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export interface SignedRequest {
  method: string
  /** path and query exactly as received, e.g. `/s3/bucket/key?list-type=2` */
  url: string
  headers: IncomingHttpHeaders
}

export interface SigningSecret {
  secret: string
  /** temporary credentials: the request must carry (and sign) this x-amz-security-token */
  sessionToken?: string
}

export interface SignatureCheck {
  region: string
  service: string
  now?: Date
  /** largest clock skew S3 accepts */
  maxSkewMs?: number
}

export type SignatureResult =
  | { ok: true; accessKey: string }
  | { ok: false; status: number; code: string; message: string }

const ALGORITHM = 'AWS4-HMAC-SHA256'

function refuse(status: number, code: string, message: string): SignatureResult {
  return { ok: false, status, code, message }
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, uppercase hex. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte)
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** S3 does not normalize the path: each segment is decoded once and re-encoded. */
function canonicalUri(rawPath: string): string {
  return (
    rawPath
      .split('/')
      .map((segment) => uriEncode(decode(segment)))
      .join('/') || '/'
  )
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return ''
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const key = eq < 0 ? pair : pair.slice(0, eq)
      const value = eq < 0 ? '' : pair.slice(eq + 1)
      return [uriEncode(decode(key)), uriEncode(decode(value))] as const
    })
    .sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : 1) : ka < kb ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  if (value === undefined) return undefined
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ')
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

export function parseAuthorization(
  header: string,
): { accessKey: string; scope: string[]; signedHeaders: string[]; signature: string } | undefined {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined
  const parts = new Map<string, string>()
  for (const part of header.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const credential = parts.get('Credential')?.split('/')
  const signedHeaders = parts.get('SignedHeaders')?.split(';')
  const signature = parts.get('Signature')
  if (credential?.length !== 5 || !signedHeaders || !signature) return undefined
  return { accessKey: credential[0]!, scope: credential.slice(1), signedHeaders, signature }
}

/** Amz date `20130524T000000Z` → Date. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return undefined
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
}

export function checkSignature(
  req: SignedRequest,
  lookup: (accessKey: string) => SigningSecret | undefined,
  check: SignatureCheck,
): SignatureResult {
  const authorization = headerValue(req.headers, 'authorization')
  if (!authorization) return refuse(403, 'AccessDenied', 'Access Denied')
  const auth = parseAuthorization(authorization)
  if (!auth) {
    return refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.')
  }
  const credentials = lookup(auth.accessKey)
  if (!credentials) {
    return refuse(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    )
  }
  const [date, region, service, terminator] = auth.scope
  if (region !== check.region || service !== check.service || terminator !== 'aws4_request') {
    return refuse(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the scope should be <date>/${check.region}/${check.service}/aws4_request.`,
    )
  }
  const amzDate = headerValue(req.headers, 'x-amz-date') ?? ''
  const requestTime = parseAmzDate(amzDate)
  if (!requestTime || amzDate.slice(0, 8) !== date) {
    return refuse(
      403,
      'AccessDenied',
      'AWS authentication requires a valid x-amz-date matching the scope date',
    )
  }
  const now = check.now ?? new Date()
  if (Math.abs(now.getTime() - requestTime.getTime()) > (check.maxSkewMs ?? 15 * 60_000)) {
    return refuse(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    )
  }
  if (!auth.signedHeaders.includes('host')) {
    return refuse(400, 'AuthorizationHeaderMalformed', 'The host header must be signed.')
  }
  if (credentials.sessionToken !== undefined) {
    const token = headerValue(req.headers, 'x-amz-security-token')
    if (token !== credentials.sessionToken || !auth.signedHeaders.includes('x-amz-security-token')) {
      return refuse(403, 'InvalidToken', 'The provided token is malformed or otherwise invalid.')
    }
  }
  const payloadHash = headerValue(req.headers, 'x-amz-content-sha256')
  if (!payloadHash) {
    return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256')
  }
  const queryAt = req.url.indexOf('?')
  const rawPath = queryAt < 0 ? req.url : req.url.slice(0, queryAt)
  const rawQuery = queryAt < 0 ? '' : req.url.slice(queryAt + 1)
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    `${auth.signedHeaders.map((name) => `${name}:${headerValue(req.headers, name) ?? ''}`).join('\n')}\n`,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const scope = auth.scope.join('/')
  const stringToSign = [
    ALGORITHM,
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n')
  let key: Buffer | string = `AWS4${credentials.secret}`
  for (const part of auth.scope) key = hmac(key, part)
  const expected = hmac(key, stringToSign)
  const given = Buffer.from(auth.signature, 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
  }
  return { ok: true, accessKey: auth.accessKey }
}
