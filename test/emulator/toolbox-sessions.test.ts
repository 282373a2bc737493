// Sessions: one persistent shell, sync and async commands, logs in every SDK-version format, input, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import {
  availableModes,
  type Client,
  eventually,
  followLogs,
  type Harness,
  hostProcesses,
  startToolbox,
} from './toolbox-harness.ts'

const OUT = '\x01\x01\x01'
const ERR = '\x02\x02\x02'
const unmark = (s: string) => s.split(OUT).join('').split(ERR).join('')

describe.each(availableModes())('toolbox sessions (%s)', (isolation) => {
  let h: Harness
  let sb: Client
  let n = 0
  const newSession = async () => {
    n += 1
    const id = `sess-${n}`
    expect((await sb.post('/process/session', { sessionId: id })).status).toBe(201)
    return id
  }
  const run = async (sid: string, command: string, headers?: Record<string, string>) => {
    const r = await sb.post(`/process/session/${sid}/exec`, { command }, headers)
    expect(r.status).toBe(200)
    return r.json
  }
  const exitCodeOf = (sid: string, cid: string) =>
    eventually(
      async () =>
        (await sb.get(`/process/session/${sid}/command/${cid}`)).json.exitCode as number | undefined,
    )

  beforeAll(async () => {
    h = await startToolbox({ isolation })
    sb = await h.sandbox()
  })
  afterAll(() => h.close())

  it('creates, lists, gets and refuses duplicates and the reserved entrypoint id', async () => {
    const create = await sb.post('/process/session', { sessionId: 'listed' })
    expect(create.status).toBe(201)
    expect(create.body.length).toBe(0)
    expect((await sb.post('/process/session', { sessionId: 'listed' })).status).toBe(409)
    expect((await sb.post('/process/session', { sessionId: 'entrypoint' })).status).toBe(400)
    const list = await sb.get('/process/session')
    expect(list.json).toContainEqual({ sessionId: 'listed', commands: [] })
    expect(validateResponse('toolbox', 'GET', '/process/session', 200, list.json)).toEqual([])
    const one = await sb.get('/process/session/listed')
    expect(one.json).toEqual({ sessionId: 'listed', commands: [] })
    expect(validateResponse('toolbox', 'GET', '/process/session/{sessionId}', 200, one.json)).toEqual([])
    expect((await sb.get('/process/session/nope')).status).toBe(404)
    expect((await sb.delete('/process/session/nope')).status).toBe(404)
  })

  it('keeps shell state (cd, export, functions) between commands', async () => {
    const sid = await newSession()
    await run(sid, 'mkdir -p deep/er && cd deep/er && export GREETING=hi && shout() { echo "$1!"; }')
    const r = await run(sid, 'basename "$PWD"; echo "$GREETING"; shout hey')
    expect(r.stdout).toBe('er\nhi\nhey!\n')
    expect(r.exitCode).toBe(0)
  })

  it('labels every line with its stream marker and ends a final partial line with \\n', async () => {
    const sid = await newSession()
    const r = await run(sid, 'echo one; echo two >&2; printf "partial"; exit_code() { return 3; }; exit_code')
    expect(r.exitCode).toBe(3)
    expect(r.stdout).toBe('one\npartial\n')
    expect(r.stderr).toBe('two\n')
    expect(r.output).toContain(`${OUT}one\n`)
    expect(r.output).toContain(`${ERR}two\n`)
    expect(r.output).toContain(`${OUT}partial\n`)
    expect(validateResponse('toolbox', 'POST', '/process/session/{sessionId}/exec', 200, r)).toEqual([])
    const cmd = await sb.get(`/process/session/${sid}/command/${r.cmdId}`)
    expect(cmd.json).toEqual({ id: r.cmdId, command: expect.any(String), exitCode: 3 })
  })

  it('runs async: 202, status without exitCode while running, then the exit code', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, {
      command: 'while [ ! -e go ]; do sleep 0.05; done; echo finished; (exit 4)',
      runAsync: true,
    })
    expect(r.status).toBe(202)
    expect(Object.keys(r.json)).toEqual(['cmdId'])
    expect(validateResponse('toolbox', 'POST', '/process/session/{sessionId}/exec', 202, r.json)).toEqual([])
    const running = await sb.get(`/process/session/${sid}/command/${r.json.cmdId}`)
    expect(running.json).not.toHaveProperty('exitCode')
    expect(
      validateResponse(
        'toolbox',
        'GET',
        '/process/session/{sessionId}/command/{commandId}',
        200,
        running.json,
      ),
    ).toEqual([])
    await sb.exec('touch go')
    expect(await exitCodeOf(sid, r.json.cmdId)).toBe(4)
    const logs = await sb.get(`/process/session/${sid}/command/${r.json.cmdId}/logs`)
    expect(logs.json).toEqual({ output: `${OUT}finished\n`, stdout: 'finished\n', stderr: '' })
  })

  it('accepts the legacy `async` flag', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, { command: 'echo legacy', async: true })
    expect(r.status).toBe(202)
    expect(await exitCodeOf(sid, r.json.cmdId)).toBe(0)
  })

  it('shapes logs and sync output by SDK version', async () => {
    const sid = await newSession()
    const r = await run(sid, 'echo out; echo err >&2')
    const logs = (headers: Record<string, string>) =>
      sb.call('GET', `/process/session/${sid}/command/${r.cmdId}/logs`, { headers })
    // The two streams reach the log through separate labellers: their relative order is not guaranteed.
    const current = await logs({ 'x-daytona-sdk-version': '0.218.0' })
    const raw = current.json.output as string
    expect([`${OUT}out\n${ERR}err\n`, `${ERR}err\n${OUT}out\n`]).toContain(raw)
    const plain = unmark(raw)
    expect(current.headers['content-type']).toMatch(/application\/json/)
    expect(current.json).toEqual({ output: raw, stdout: 'out\n', stderr: 'err\n' })
    expect(
      validateResponse(
        'toolbox',
        'GET',
        '/process/session/{sessionId}/command/{commandId}/logs',
        200,
        current.json,
      ),
    ).toEqual([])
    expect((await logs({ 'x-daytona-sdk-version': '0.0.0-dev' })).json.stdout).toBe('out\n')
    const middle = await logs({ 'x-daytona-sdk-version': '0.100.0' })
    expect(middle.headers['content-type']).toMatch(/text\/plain/)
    expect(middle.text).toBe(raw)
    const none = await logs({ 'x-daytona-sdk-version': '' })
    expect(none.headers['content-type']).toMatch(/text\/plain/)
    expect(none.text).toBe(plain)
    expect((await logs({ 'x-daytona-sdk-version': '0.20.0' })).text).toBe(plain)
    expect((await logs({ 'x-daytona-sdk-version': '', 'x-daytona-split-output': 'true' })).text).toBe(raw)

    const combined = await sb.post(
      `/process/session/${sid}/exec`,
      { command: 'echo c' },
      { 'x-daytona-sdk-version': '' },
    )
    expect(combined.json).toEqual({ cmdId: expect.any(String), output: 'c\n', exitCode: 0 })
  })

  it('streams logs live over WebSocket, markers included, and closes 1000 at the end', async () => {
    const sid = await newSession()
    const cmd = 'echo first; echo oops >&2; while [ ! -e release ]; do sleep 0.05; done; echo second'
    const r = await sb.post(`/process/session/${sid}/exec`, { command: cmd, runAsync: true })
    const ws = followLogs(sb, sid, r.json.cmdId)
    expect(await ws.opened).toBe('')
    await ws.waitFor(`${OUT}first\n`) // arrives while the command is still blocked
    expect((await sb.get(`/process/session/${sid}/command/${r.json.cmdId}`)).json).not.toHaveProperty(
      'exitCode',
    )
    await sb.exec('touch release')
    expect(await ws.closed).toBe(1000)
    expect(ws.chunks.every((c) => c.length <= 1024)).toBe(true)
    const logs = await sb.get(`/process/session/${sid}/command/${r.json.cmdId}/logs`)
    expect(ws.bytes().toString('utf8')).toBe(logs.json.output)
    expect(logs.json.output).toContain(`${ERR}oops\n`)
  })

  it('echoes the SDK subprotocol and strips markers for old clients', async () => {
    const sid = await newSession()
    const r = await run(sid, 'echo a; echo b >&2')
    const raw = (await sb.get(`/process/session/${sid}/command/${r.cmdId}/logs`)).json.output as string
    const proto = 'X-Daytona-SDK-Version~0.218.0'
    const withProto = followLogs(sb, sid, r.cmdId, { headers: {}, protocols: [proto] })
    expect(await withProto.opened).toBe(proto)
    expect(await withProto.closed).toBe(1000)
    expect(withProto.bytes().toString()).toBe(raw)
    expect(raw).toContain(`${OUT}a\n`)
    const old = followLogs(sb, sid, r.cmdId, { headers: {} })
    expect(await old.closed).toBe(1000)
    expect(old.bytes().toString()).toBe(unmark(raw))
    expect(old.bytes().toString()).toContain('a\n')
  })

  it('closes follow sockets early when asked to (client resilience mode)', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, {
      command: 'echo early; while [ ! -e never ]; do sleep 0.05; done',
      runAsync: true,
    })
    h.toolbox.setEarlyClose(150)
    try {
      const ws = followLogs(sb, sid, r.json.cmdId)
      expect(await ws.closed).toBe(1000)
      expect((await sb.get(`/process/session/${sid}/command/${r.json.cmdId}`)).json).not.toHaveProperty(
        'exitCode',
      )
    } finally {
      h.toolbox.setEarlyClose(undefined)
    }
    const gone = followLogs(sb, sid, 'no-such-command')
    await expect(gone.opened).rejects.toThrow()
  })

  it('closes follow sockets when the session is deleted', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, {
      command: 'echo alive; sleep 6262.5',
      runAsync: true,
    })
    const ws = followLogs(sb, sid, r.json.cmdId)
    await ws.waitFor('alive')
    expect((await sb.delete(`/process/session/${sid}`)).status).toBe(204)
    expect(await ws.closed).toBe(1000)
  })

  it('streams combined output as a chunked body for a plain GET with follow=true', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, {
      command: 'echo one; echo two >&2; while [ ! -e chunked-go ]; do sleep 0.05; done; echo three',
      runAsync: true,
    })
    const pending = sb.get(`/process/session/${sid}/command/${r.json.cmdId}/logs?follow=true`)
    await eventually(async () =>
      (await sb.get(`/process/session/${sid}/command/${r.json.cmdId}/logs`)).json.stdout.includes('one')
        ? true
        : undefined,
    )
    await sb.exec('touch chunked-go')
    const body = (await pending).text
    expect(unmark(body)).toBe(body) // no markers in the combined stream
    expect(body.split('\n').sort()).toEqual(['', 'one', 'three', 'two'])
  })

  it('delivers input to a running command, echoes it, and answers 410 once it has finished', async () => {
    const sid = await newSession()
    const r = await sb.post(`/process/session/${sid}/exec`, {
      command: 'read a; read b; echo "got $a-$b"',
      runAsync: true,
    })
    const cid = r.json.cmdId
    expect((await sb.post(`/process/session/${sid}/command/${cid}/input`, { data: 'x' })).status).toBe(204)
    expect((await sb.post(`/process/session/${sid}/command/${cid}/input`, { data: 'y\n' })).status).toBe(204)
    expect(await exitCodeOf(sid, cid)).toBe(0)
    const logs = (await sb.get(`/process/session/${sid}/command/${cid}/logs`)).json
    expect(logs.stdout).toContain('got x-y\n')
    expect(logs.stdout).toContain('x\n') // the echo of the input, as stdout
    const late = await sb.post(`/process/session/${sid}/command/${cid}/input`, { data: 'z' })
    expect(late.status).toBe(410)
    expect(late.json).toMatchObject({ statusCode: 410 })
    expect((await sb.post(`/process/session/${sid}/command/nope/input`, { data: 'z' })).status).toBe(404)
  })

  it('delete kills the session process group, background and setsid children included', async () => {
    const sid = await newSession()
    const cmd = 'sleep 5151.5 & setsid sleep 5152.5 & echo spawned; sleep 5153.5'
    const r = await sb.post(`/process/session/${sid}/exec`, { command: cmd, runAsync: true })
    await eventually(async () =>
      (await sb.get(`/process/session/${sid}/command/${r.json.cmdId}/logs`)).json.stdout.includes('spawned')
        ? true
        : undefined,
    )
    await eventually(() => (hostProcesses('sleep 515').length === 3 ? true : undefined))
    const del = await sb.delete(`/process/session/${sid}`)
    expect(del.status).toBe(204)
    expect(hostProcesses('sleep 515')).toEqual([])
    expect((await sb.get(`/process/session/${sid}`)).status).toBe(404)
    expect((await sb.post(`/process/session/${sid}/exec`, { command: 'true' })).status).toBe(404)
  })

  // The daemon's own failure modes (v0.190.0 pkg/session/execute.go): user code is sourced into the session
  // shell, so whatever ends that shell leaves the command, and every later one, without an exit code.
  const exitCodeAfter = async (sid: string, cid: string, ms: number) => {
    await new Promise((resolve) => setTimeout(resolve, ms))
    return (await sb.get(`/process/session/${sid}/command/${cid}`)).json.exitCode as number | undefined
  }
  const start = async (sid: string, command: string) =>
    (await sb.post(`/process/session/${sid}/exec`, { command, runAsync: true })).json.cmdId as string

  it('`exit 3` ends the session shell: no exit code ever, and later execs fail to write (400)', async () => {
    const sid = await newSession()
    const cid = await start(sid, 'echo bye; exit 3')
    await eventually(async () =>
      (await sb.get(`/process/session/${sid}/command/${cid}/logs`)).json.stdout === 'bye\n'
        ? true
        : undefined,
    )
    expect(await exitCodeAfter(sid, cid, 500)).toBeUndefined()
    const after = await sb.post(`/process/session/${sid}/exec`, { command: 'true', runAsync: true })
    expect(after.status).toBe(400)
    expect(after.json.message).toContain('failed to write command')
    expect(after.json.message).toContain('broken pipe')
    // The daemon records the command before it writes to the shell: it stays in the list, unfinished.
    const listed = (await sb.get(`/process/session/${sid}`)).json.commands as Array<{ exitCode?: number }>
    expect(listed).toHaveLength(2)
    expect(listed.every((c) => c.exitCode === undefined)).toBe(true)
  })

  it("`set -e` carries into the next block: the wrapper's own wait on the holder ends the shell", async () => {
    const sid = await newSession()
    const cid = await start(sid, 'set -e; echo armed')
    expect(await exitCodeAfter(sid, cid, 700)).toBeUndefined()
    expect((await sb.post(`/process/session/${sid}/exec`, { command: 'true' })).status).toBe(400)
  })

  it('a failing command under `set -e` ends the shell before its exit code is written', async () => {
    const sid = await newSession()
    const cid = await start(sid, 'set -e\nfalse\necho unreachable')
    expect(await exitCodeAfter(sid, cid, 700)).toBeUndefined()
  })

  it('a bare `wait` also waits for the labellers and the stdin holder: it never returns', async () => {
    const sid = await newSession()
    const cid = await start(sid, 'sleep 0.1 & wait; echo done waiting')
    expect(await exitCodeAfter(sid, cid, 1500)).toBeUndefined()
    const logs = (await sb.get(`/process/session/${sid}/command/${cid}/logs`)).json
    expect(logs.stdout).toBe('')
    expect((await sb.delete(`/process/session/${sid}`)).status).toBe(204)
  })

  it('a background job holding the output keeps the command unfinished until it ends', async () => {
    const sid = await newSession()
    const cid = await start(sid, 'sleep 1.2 & echo started')
    expect(await exitCodeAfter(sid, cid, 400)).toBeUndefined()
    expect(await exitCodeOf(sid, cid)).toBe(0)
  })

  it('refuses empty commands and the entrypoint session', async () => {
    const sid = await newSession()
    expect((await sb.post(`/process/session/${sid}/exec`, { command: ' ' })).status).toBe(400)
    expect((await sb.post('/process/session/entrypoint/exec', { command: 'true' })).status).toBe(400)
  })
})
