// The release workflow moves the major tag only for a tag that package.json and CHANGELOG.md agree with.
import { describe, expect, it } from 'vitest'
import { checkRelease, ReleaseCheckError } from '../../scripts/release-check.ts'

const pkg = JSON.stringify({ name: 'daytona-action', version: '1.4.2' })
const changelog = '# Changelog\n\n## [Unreleased]\n\n## [1.4.2] - 2026-12-01\n\n- things\n'

describe('release-check', () => {
  it('answers the major tag to move for a matching tag', () => {
    expect(checkRelease('v1.4.2', pkg, changelog)).toBe('v1')
  })

  it('refuses a tag that is not vX.Y.Z', () => {
    expect(() => checkRelease('v1.4', pkg, changelog)).toThrow(ReleaseCheckError)
    expect(() => checkRelease('1.4.2', pkg, changelog)).toThrow('is not a version tag like v1.2.3')
  })

  it("refuses a tag that disagrees with package.json's version, saying what to set", () => {
    expect(() => checkRelease('v1.4.3', pkg, changelog)).toThrow(
      'tag v1.4.3 does not match package.json\'s version 1.4.2: set "version": "1.4.3"',
    )
  })

  it('refuses a version the changelog has no section for', () => {
    expect(() => checkRelease('v1.4.2', pkg, '# Changelog\n\n## [Unreleased]\n\n## [1.4.20]\n')).toThrow(
      'CHANGELOG.md has no "## [1.4.2]" section',
    )
  })
})
