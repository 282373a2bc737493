// Which refusals of a create mean "no room yet" (wait and retry) and which are real errors.
import { describe, expect, it } from 'vitest'
import { shortageOf } from '../../src/capacity.ts'
import { BadRequestError, ServerError } from '../../src/daytona/errors.ts'

const refusal = (serverMessage: string) =>
  new BadRequestError({ method: 'POST', path: '/api/sandbox', status: 400, serverMessage })
const TIER_HINT =
  "To increase concurrency limits, upgrade your organization's Tier by visiting https://app.daytona.io/dashboard/limits."

describe('shortageOf', () => {
  it.each([
    [`Total CPU limit exceeded. Maximum allowed: 10.\n${TIER_HINT}`, 'CPU'],
    [`Total memory limit exceeded. Maximum allowed: 20GiB.\n${TIER_HINT}`, 'memory'],
    [`Total disk limit exceeded. Maximum allowed: 30GiB.\nConsider archiving…\n${TIER_HINT}`, 'disk'],
    ['No available runners', 'runners'],
  ])('waits on %j (%s)', (message, shortage) => {
    expect(shortageOf(refusal(message))).toBe(shortage)
  })

  it.each([
    'CPU request 8 exceeds maximum allowed per sandbox (4).',
    'Snapshot quota exceeded. Maximum allowed: 30',
    'Sandbox failed to start: boom',
  ])('does not wait on %j', (message) => {
    expect(shortageOf(refusal(message))).toBeUndefined()
  })

  it('does not wait on a 5xx that says the same', () => {
    const err = new ServerError({
      method: 'POST',
      path: '/api/sandbox',
      status: 503,
      serverMessage: 'No available runners',
    })
    expect(shortageOf(err)).toBeUndefined()
  })
})
