// node scripts/release-check.ts <tag>: refuse to release a tag that is not vX.Y.Z, that disagrees with
// package.json's version, or whose version CHANGELOG.md has no section for. Prints the major tag to move (v1).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export class ReleaseCheckError extends Error {}

/** The major tag that follows this release, after checking the tag against package.json and the changelog. */
export function checkRelease(tag: string, packageJson: string, changelog: string): string {
  const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag)
  if (!match) throw new ReleaseCheckError(`tag ${JSON.stringify(tag)} is not a version tag like v1.2.3`)
  const version = (JSON.parse(packageJson) as { version?: string }).version
  if (`v${version}` !== tag) {
    throw new ReleaseCheckError(
      `tag ${tag} does not match package.json's version ${version}: set "version": "${tag.slice(1)}" and tag again`,
    )
  }
  const escaped = tag.slice(1).replaceAll('.', '\\.')
  if (!new RegExp(`^## \\[${escaped}\\]`, 'm').test(changelog)) {
    throw new ReleaseCheckError(`CHANGELOG.md has no "## [${tag.slice(1)}]" section: move Unreleased there`)
  }
  return `v${match[1]}`
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..')
  const tag = process.argv[2] ?? process.env.GITHUB_REF_NAME ?? ''
  try {
    const major = checkRelease(
      tag,
      readFileSync(join(root, 'package.json'), 'utf8'),
      readFileSync(join(root, 'CHANGELOG.md'), 'utf8'),
    )
    console.log(major)
  } catch (err) {
    if (!(err instanceof ReleaseCheckError)) throw err
    console.error(`release-check: ${err.message}`)
    process.exit(1)
  }
}
