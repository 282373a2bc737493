// POST /process/execute and the directory/version endpoints, in every isolation mode this machine has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateResponse } from '../helpers/openapi.ts'
import { availableModes, type Client, type Harness, hostProcesses, startToolbox } from './toolbox-harness.ts'

describe.each(availableModes())('toolbox execute (%s)', (isolation) => {
  let h: Harness
  let sb: Client

  beforeAll(async () => {
    h = await startToolbox({ isolation })
    sb = await h.sandbox({ env: { FROM_SNAPSHOT: 'snap-value' } })
  })
  afterAll(() => h.close())

  it('returns the exit code and stdout+stderr interleaved as written', async () => {
    const r = await sb.post('/process/execute', { command: 'echo out; echo err >&2; echo out2; exit 7' })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ exitCode: 7, result: 'out\nerr\nout2\n' })
    expect(validateResponse('toolbox', 'POST', '/process/execute', 200, r.json)).toEqual([])
  })

  it('feeds a multi-line script on stdin (heredocs, functions, quotes)', async () => {
    const script = [
      'greet() { printf "hello %s\\n" "$1"; }',
      'greet "multi line"',
      "cat <<'EOF'",
      'literal $HOME',
      'EOF',
      'for i in 1 2 3; do printf "%s" "$i"; done; echo',
    ].join('\n')
    expect(await sb.exec(script)).toEqual({ exitCode: 0, result: 'hello multi line\nliteral $HOME\n123\n' })
  })

  it('passes envs and the sandbox env, and rejects invalid env names', async () => {
    const r = await sb.exec('echo "$FOO|$_X1|$FROM_SNAPSHOT"', { envs: { FOO: 'bar baz', _X1: 'q' } })
    expect(r).toEqual({ exitCode: 0, result: 'bar baz|q|snap-value\n' })
    const bad = await sb.post('/process/execute', { command: 'true', envs: { '1BAD': 'x' } })
    expect(bad.status).toBe(400)
    expect(bad.json).toMatchObject({ statusCode: 400, source: 'DAYTONA_DAEMON' })
    expect(validateResponse('toolbox', 'POST', '/process/execute', 400, bad.json)).toEqual([])
  })

  it('rejects an empty or whitespace-only command', async () => {
    expect((await sb.post('/process/execute', { command: '  \n ' })).status).toBe(400)
    expect((await sb.post('/process/execute', {})).status).toBe(400)
  })

  it('runs in the work dir by default, in cwd (relative to the work dir) when given', async () => {
    const workDir = (await sb.get('/work-dir')).json.dir
    expect(await sb.exec('pwd')).toEqual({ exitCode: 0, result: `${workDir}\n` })
    await sb.exec('mkdir -p sub/dir')
    expect(await sb.exec('pwd', { cwd: 'sub/dir' })).toEqual({ exitCode: 0, result: `${workDir}/sub/dir\n` })
  })

  it('answers 200 with exit code -1 when the cwd does not exist', async () => {
    const r = await sb.exec('echo never', { cwd: '/definitely/not/here' })
    expect(r.exitCode).toBe(-1)
    expect(r.result).toContain('/definitely/not/here: no such file or directory')
  })

  it('kills the whole process group on timeout and answers 408', async () => {
    const r = await sb.post('/process/execute', {
      command: 'sleep 4242.5 & echo started; sleep 4243.5',
      timeout: 1,
    })
    expect(r.status).toBe(408)
    expect(r.json).toMatchObject({
      statusCode: 408,
      message: 'request timeout: command execution timeout',
      code: 'PROCESS_EXECUTION_TIMEOUT',
    })
    expect(validateResponse('toolbox', 'POST', '/process/execute', 408, r.json)).toEqual([])
    expect(hostProcesses('sleep 4242.5')).toEqual([])
    expect(hostProcesses('sleep 4243.5')).toEqual([])
  })

  it('reports the home and work dirs, and the daemon version', async () => {
    const home = await sb.get('/user-home-dir')
    const work = await sb.get('/work-dir')
    expect(validateResponse('toolbox', 'GET', '/user-home-dir', 200, home.json)).toEqual([])
    expect(validateResponse('toolbox', 'GET', '/work-dir', 200, work.json)).toEqual([])
    expect(work.json.dir).toBe(home.json.dir) // no WORKDIR in this sandbox's snapshot
    expect((await sb.exec('echo $HOME')).result).toBe(`${home.json.dir}\n`)
    if (isolation === 'bwrap') expect(home.json.dir).toBe('/home/daytona')
    const version = await sb.get('/version')
    expect(version.json.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(validateResponse('toolbox', 'GET', '/version', 200, version.json)).toEqual([])
  })

  it('uses the snapshot WORKDIR as the work dir', async () => {
    const other = await h.sandbox({ workDir: '/workspace/app' })
    const work = (await other.get('/work-dir')).json.dir as string
    if (isolation === 'bwrap') expect(work).toBe('/workspace/app')
    expect(await other.exec('pwd; echo hi > made-here')).toEqual({ exitCode: 0, result: `${work}\n` })
    expect((await other.get('/files/info?path=made-here')).json.size).toBe(3)
  })

  it('answers unknown routes with a daemon 404', async () => {
    const r = await sb.get('/no/such/route')
    expect(r.status).toBe(404)
    expect(r.json).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
  })
})
