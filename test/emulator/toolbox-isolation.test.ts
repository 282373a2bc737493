// Sandbox lifecycle and isolation: stop/destroy leave no process behind (checked from the host), stop keeps
// files, and under bubblewrap a sandbox sees only its own files and processes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Toolbox } from '../../emulator/toolbox/index.ts'
import {
  availableModes,
  type Client,
  eventually,
  type Harness,
  hostProcesses,
  startToolbox,
} from './toolbox-harness.ts'

const modes = availableModes()

describe.each(modes)('toolbox lifecycle (%s)', (isolation) => {
  let h: Harness

  beforeAll(async () => {
    h = await startToolbox({ isolation })
  })
  afterAll(() => h.close())

  /** Starts a session command and a one-shot command that both leave sleepers running. */
  async function busy(sb: Client, tag: string) {
    await sb.post('/process/session', { sessionId: 'work' })
    await sb.post('/process/session/work/exec', {
      command: `sleep ${tag}1 & setsid sleep ${tag}2 & echo ready; sleep ${tag}3`,
      runAsync: true,
    })
    void sb.post('/process/execute', { command: `sleep ${tag}4 & sleep ${tag}5` }).catch(() => {})
    await eventually(() => (hostProcesses(`sleep ${tag}`).length === 5 ? true : undefined))
  }

  it('destroy kills every process of the sandbox and removes its files', async () => {
    const sb = await h.sandbox()
    await sb.exec('echo keep > kept.txt')
    await busy(sb, '7001.')
    await h.toolbox.destroy(sb.id)
    expect(hostProcesses('sleep 7001.')).toEqual([])
    expect(existsSync(join(h.dataDir, 'sandboxes', sb.id))).toBe(false)
    expect((await sb.get('/files')).status).toBe(404)
  })

  it('stop kills processes and forgets sessions but keeps files', async () => {
    const sb = await h.sandbox()
    await sb.exec('echo keep > kept.txt')
    await busy(sb, '7002.')
    await h.toolbox.stop(sb.id)
    expect(hostProcesses('sleep 7002.')).toEqual([])
    expect((await sb.get('/process/session/work')).status).toBe(404)
    expect((await sb.get('/files/download?path=kept.txt')).text).toBe('keep\n')
    expect((await sb.exec('echo again')).result).toBe('again\n') // usable after a restart
  })

  it('keeps sandboxes apart', async () => {
    const a = await h.sandbox()
    const b = await h.sandbox()
    await a.exec('echo mine > secret.txt')
    expect((await b.get('/files/info?path=secret.txt')).status).toBe(404)
    const aHome = (await a.get('/user-home-dir')).json.dir
    if (isolation === 'bwrap') expect((await b.exec(`cat ${aHome}/secret.txt`)).exitCode).not.toBe(0)
    // Outside b's directories (403), or, under bwrap, a path inside b's own /tmp where nothing is (404).
    const peek = await b.get(`/files/download?path=${h.dataDir}/sandboxes/${a.id}/home/secret.txt`)
    expect(isolation === 'bwrap' ? 404 : 403).toBe(peek.status)
  })
})

describe.runIf(modes.includes('bwrap'))('toolbox confinement (bwrap)', () => {
  let h: Harness
  let sb: Client

  beforeAll(async () => {
    h = await startToolbox({ isolation: 'bwrap' })
    sb = await h.sandbox({ user: 'daytona' })
  })
  afterAll(() => h.close())

  it('can write only its own directories', async () => {
    expect((await sb.exec('touch /etc/emulator-escape')).exitCode).not.toBe(0)
    expect((await sb.exec('touch /usr/emulator-escape')).exitCode).not.toBe(0)
    expect(existsSync('/etc/emulator-escape') || existsSync('/usr/emulator-escape')).toBe(false)
    const name = `tbx-private-${sb.id}`
    expect(await sb.exec(`echo ok > ~/a && echo ok > /tmp/${name} && cat ~/a /tmp/${name}`)).toEqual({
      exitCode: 0,
      result: 'ok\nok\n',
    })
    expect(existsSync(join(h.dataDir, 'sandboxes', sb.id, 'tmp', name))).toBe(true) // its own /tmp
    expect(existsSync(join('/tmp', name))).toBe(false)
  })

  it('sees neither the host home directories nor other sandboxes', async () => {
    expect((await sb.exec('ls /root')).exitCode).not.toBe(0)
    expect((await sb.exec(`ls ${h.dataDir}`)).exitCode).not.toBe(0)
    expect((await sb.exec('ls /home')).result).toBe('daytona\n')
  })

  it('sees only its own processes', async () => {
    const ps = await sb.exec('for p in /proc/[0-9]*; do cat $p/comm; done')
    const names = ps.result.trim().split('\n')
    // the daemon's shell for the default snapshot: zsh, which its image lists (bash where this host has no zsh)
    expect(names.some((name) => name === 'zsh' || name === 'bash')).toBe(true)
    expect(names).not.toContain('node')
    expect(names.length).toBeLessThan(10)
  })
})

describe('toolbox isolation choice', () => {
  it('auto picks bwrap only when a trial sandbox works, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tbx-auto-'))
    const lines: string[] = []
    const previous = process.env.DAYTONA_EMULATOR_ISOLATION
    delete process.env.DAYTONA_EMULATOR_ISOLATION
    try {
      const toolbox = new Toolbox({ dataDir, isolation: 'auto', log: (l) => lines.push(l) })
      expect(toolbox.isolation).toBe(modes[0])
      expect(lines.join('\n')).toContain(`isolation ${modes[0]}`)
      await toolbox.close()
    } finally {
      if (previous !== undefined) process.env.DAYTONA_EMULATOR_ISOLATION = previous
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
