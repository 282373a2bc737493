// What the image gives the daemon and the commands: the session shell chosen from its /etc/shells as the
// daemon's get_shell.go does, `git` only where the image has it, and the image's PATH, never the emulator's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imageTools, installedPackages, sessionShell } from '../../emulator/toolbox/image-tools.ts'
import { which } from '../../emulator/toolbox/isolation.ts'
import { availableModes, type Harness, startToolbox } from './toolbox-harness.ts'

describe('image tools', () => {
  it('reads the shells and git off the image name and what its RUN lines install', () => {
    expect(imageTools({ base: 'daytonaio/sandbox:0.4.3' })).toMatchObject({ git: true })
    expect(imageTools({ base: 'daytonaio/sandbox:0.4.3' }).shells).toContain('/usr/bin/zsh')
    expect(imageTools({ base: 'python:3.12-slim' })).toMatchObject({ git: false })
    expect(imageTools({ base: 'python:3.12-slim' }).shells).toContain('/bin/bash')
    expect(imageTools({ base: 'node:22-alpine' })).toEqual({ shells: ['/bin/sh', '/bin/ash'], git: false })
    expect(imageTools({ base: 'docker.io/library/node:22' })).toMatchObject({ git: true })
    const installed = imageTools({
      base: 'debian:12',
      installs: installedPackages('apt-get install -y git zsh'),
    })
    expect(installed.git).toBe(true)
    expect(installed.shells).toContain('/usr/bin/zsh')
  })

  it('finds the packages of apt-get, apk and dnf installs, not their options or versions', () => {
    expect(
      installedPackages('apt-get update && apt-get install -y --no-install-recommends git=1:2.39 curl'),
    ).toEqual(['git', 'curl'])
    expect(installedPackages('apk add --no-cache bash; echo done')).toEqual(['bash'])
    expect(installedPackages('dnf -y install zsh')).toEqual(['zsh'])
  })

  it('picks the session shell in the daemon order: zsh, bash, $SHELL, sh', () => {
    const zsh = which('zsh')
    const picked = sessionShell(imageTools({ base: 'daytonaio/sandbox:0.4.3' }))
    if (zsh) expect(picked).toEqual({ path: zsh })
    else expect(picked.fallback).toMatch(/zsh is not installed on this host/)
    expect(sessionShell(imageTools({ base: 'python:3.12-slim' })).path).toBe(which('bash'))
    expect(sessionShell(imageTools({ base: 'alpine:3.20' })).path).toBe(which('sh'))
  })
})

describe.each(availableModes())('a sandbox of an image (%s)', (isolation) => {
  let h: Harness
  beforeAll(async () => {
    h = await startToolbox({ isolation })
  })
  afterAll(() => h.close())

  const sessionShellOf = async (tools: ReturnType<typeof imageTools>) => {
    const sb = await h.sandbox({ tools })
    await sb.post('/process/session', { sessionId: 's' })
    const r = await sb.post('/process/session/s/exec', {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, expanded in the sandbox
      command: 'echo "zsh=${ZSH_VERSION:+yes} bash=${BASH_VERSION:+yes}"',
    })
    return r.json.stdout as string
  }

  it('runs sessions in zsh when the image lists it, in bash when not', async () => {
    if (which('zsh'))
      expect(await sessionShellOf(imageTools({ base: 'daytonaio/sandbox:0.4.3' }))).toBe('zsh=yes bash=\n')
    expect(await sessionShellOf(imageTools({ base: 'python:3.12-slim' }))).toBe('zsh= bash=yes\n')
  })

  it('has no git where the image has none, while the daemon still clones', async () => {
    const sb = await h.sandbox({ tools: imageTools({ base: 'python:3.12-slim' }) })
    const r = await sb.post('/process/execute', { command: 'git --version' })
    expect(r.json.exitCode).toBe(127)
    expect(r.json.result).toMatch(/git: (command )?not found/)
    const found = await sb.post('/process/execute', {
      command: 'command -v git || echo none; command -v bash',
    })
    expect(found.json.result).toMatch(/^none\n\S*\/bash\n$/)
  })

  it('has no bash where the image has none (alpine): `command -v bash` fails, sh runs', async () => {
    const sb = await h.sandbox({ tools: imageTools({ base: 'node:22-alpine' }) })
    const r = await sb.post('/process/execute', { command: 'command -v bash || echo none; command -v sh' })
    expect(r.json.result).toMatch(/^none\n\S*\/sh\n$/)
    expect((await sb.post('/process/execute', { command: 'bash -c true' })).json.exitCode).toBe(127)
  })

  it("gives processes the image's PATH, not the emulator's", async () => {
    const sb = await h.sandbox({ env: {} })
    const r = await sb.post('/process/execute', { command: 'echo "$PATH"' })
    expect(r.json.result.trim()).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
    const own = await h.sandbox({ env: { PATH: '/opt/tool/bin:/usr/bin:/bin' } })
    expect((await own.post('/process/execute', { command: 'echo "$PATH"' })).json.result.trim()).toBe(
      '/opt/tool/bin:/usr/bin:/bin',
    )
  })
})
