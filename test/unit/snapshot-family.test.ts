// Which snapshots pruning may consider older versions of the job's own: same name up to the hash, same size
// and region; never another prefix that merely starts the same way, nor a general snapshot.
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../src/daytona/types.ts'
import { familyOf, isInFamily } from '../../src/environment/snapshot-family.ts'

const HASH = '0123456789abcdef'
const OTHER_HASH = 'fedcba9876543210'

function snapshot(name: string, more: Partial<Snapshot> = {}): Snapshot {
  return {
    id: name,
    general: false,
    name,
    state: 'active',
    size: null,
    entrypoint: null,
    cpu: 2,
    gpu: 0,
    mem: 4,
    disk: 3,
    errorReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    regionIds: ['eu'],
    ...more,
  }
}

describe('snapshot families', () => {
  const family = familyOf(`widgets-${HASH}`, { cpu: 2, memory: 4 }, 'eu')!

  it('is the name without its hash, with the size the server stores (defaults filled in)', () => {
    expect(family).toEqual({ stem: 'widgets-', cpu: 2, memory: 4, disk: 3, region: 'eu' })
    expect(familyOf(`widgets-${HASH}`, {})).toMatchObject({ cpu: 1, memory: 1, disk: 3, region: undefined })
    expect(familyOf('my-own-snapshot:1.0', {})).toBeUndefined()
  })

  it.each([
    [`widgets-${OTHER_HASH}`, {}, true],
    [`widgets-api-${OTHER_HASH}`, {}, false],
    [`widgets-${OTHER_HASH}x`, {}, false],
    [`widgets-${OTHER_HASH}`, { cpu: 4 }, false],
    [`widgets-${OTHER_HASH}`, { mem: 8 }, false],
    [`widgets-${OTHER_HASH}`, { disk: 5 }, false],
    [`widgets-${OTHER_HASH}`, { regionIds: ['us'] }, false],
    [`widgets-${OTHER_HASH}`, { general: true }, false],
  ])('%s %j → %s', (name, more, expected) => {
    expect(isInFamily(family, snapshot(name, more))).toBe(expected)
  })

  it('matches any region when the job names none', () => {
    const anyRegion = familyOf(`widgets-${HASH}`, { cpu: 2, memory: 4 })!
    expect(isInFamily(anyRegion, snapshot(`widgets-${OTHER_HASH}`, { regionIds: ['us'] }))).toBe(true)
  })
})
