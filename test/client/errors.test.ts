import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DaytonaError,
  errorForStatus,
  extractMessage,
  ForbiddenError,
  GoneError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableError,
} from '../../src/daytona/errors.ts'

const ctx = (status: number) => ({ method: 'GET', path: '/api/sandbox/x', status })

describe('errorForStatus', () => {
  it('maps each status to its class', () => {
    const cases: [number, new (...args: never[]) => DaytonaError][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, ForbiddenError],
      [404, NotFoundError],
      [408, TimeoutError],
      [504, TimeoutError],
      [409, ConflictError],
      [410, GoneError],
      [422, UnprocessableError],
      [429, RateLimitError],
      [500, ServerError],
      [502, ServerError],
      [503, ServerError],
    ]
    for (const [status, cls] of cases) {
      const err = errorForStatus(ctx(status), '')
      expect(err).toBeInstanceOf(cls)
      expect(err).toBeInstanceOf(DaytonaError)
      expect(err.status).toBe(status)
    }
  })

  it('formats METHOD path → status code: message, from an API-shaped body', () => {
    const body = JSON.stringify({
      statusCode: 404,
      error: 'Not Found',
      message: 'Sandbox with ID or name x not found',
    })
    const err = errorForStatus(ctx(404), body)
    expect(err.message).toBe('GET /api/sandbox/x → 404: Sandbox with ID or name x not found')
    expect(err.name).toBe('NotFoundError')
  })

  it('includes the daemon code', () => {
    const body = JSON.stringify({ statusCode: 404, message: 'file not found', code: 'FILE_NOT_FOUND' })
    const err = errorForStatus(ctx(404), body)
    expect(err.code).toBe('FILE_NOT_FOUND')
    expect(err.message).toBe('GET /api/sandbox/x → 404 FILE_NOT_FOUND: file not found')
  })

  it('copes with an empty body', () => {
    expect(errorForStatus(ctx(502), '').message).toBe('GET /api/sandbox/x → 502')
  })

  it('carries Retry-After on RateLimitError', () => {
    expect((errorForStatus(ctx(429), '', 2000) as RateLimitError).retryAfterMs).toBe(2000)
  })
})

describe('extractMessage', () => {
  it('takes message, then error, then the text', () => {
    expect(extractMessage('{"message":"m","error":"e"}').message).toBe('m')
    expect(extractMessage('{"error":"e"}').message).toBe('e')
    expect(extractMessage('<html>Bad gateway</html>').message).toBe('<html>Bad gateway</html>')
    expect(extractMessage('{"message":["a must be x","b must be y"]}').message).toBe(
      'a must be x, b must be y',
    )
    expect(extractMessage('  ')).toEqual({})
  })

  it('truncates huge bodies', () => {
    expect(extractMessage('x'.repeat(5000)).message!.length).toBeLessThan(1100)
  })
})
