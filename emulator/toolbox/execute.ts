// POST /process/execute: one command through a shell fed on stdin, in its own process group, with stdout
// and stderr in one buffer. A timeout SIGKILLs the group and answers 408 (the output is lost, as in Daytona).
import { existsSync, statSync } from 'node:fs'
import { HttpError, readJson, sendJson } from '../http.ts'
import { killGroupNow } from './kill.ts'
import type { RouteContext } from './session-routes.ts'

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

interface ExecuteBody {
  command: string
  cwd?: string
  envs: Record<string, string>
  timeoutSeconds: number
}

function parseBody(body: Record<string, unknown>): ExecuteBody {
  const { command, cwd, envs, timeout } = body
  if (typeof command !== 'string' || command.trim() === '') {
    throw new HttpError(400, 'command is required', { code: 'INVALID_REQUEST_BODY' })
  }
  if (cwd !== undefined && cwd !== null && typeof cwd !== 'string') {
    throw new HttpError(400, 'cwd must be a string', { code: 'INVALID_REQUEST_BODY' })
  }
  const env: Record<string, string> = {}
  if (envs !== undefined && envs !== null) {
    if (typeof envs !== 'object' || Array.isArray(envs)) {
      throw new HttpError(400, 'envs must be an object', { code: 'INVALID_REQUEST_BODY' })
    }
    for (const [key, value] of Object.entries(envs)) {
      if (!ENV_KEY.test(key)) throw new HttpError(400, `invalid environment variable name: ${key}`)
      if (typeof value !== 'string') throw new HttpError(400, `environment variable ${key} must be a string`)
      env[key] = value
    }
  }
  if (
    timeout !== undefined &&
    timeout !== null &&
    (typeof timeout !== 'number' || !Number.isInteger(timeout))
  ) {
    throw new HttpError(400, 'timeout must be an integer number of seconds', { code: 'INVALID_REQUEST_BODY' })
  }
  return { command, cwd: cwd || undefined, envs: env, timeoutSeconds: (timeout as number | undefined) ?? 0 }
}

/** Whether `dir` (as the sandbox sees it) is an existing directory. */
function dirExists(ctx: RouteContext, dir: string): boolean {
  const host = ctx.rt.layout.toHost(dir) ?? (ctx.rt.layout.isolation === 'bwrap' ? dir : undefined)
  try {
    return host !== undefined && existsSync(host) && statSync(host).isDirectory()
  } catch {
    return false
  }
}

export async function execute(ctx: RouteContext) {
  const { rt, req, res } = ctx
  const body = parseBody(await readJson(req))
  const cwd = body.cwd ? rt.layout.absolute(body.cwd) : rt.layout.workDir
  // The daemon's exec fails to start in a missing directory: 200 with exit code -1 and Go's error text.
  if (!dirExists(ctx, cwd)) {
    return sendJson(res, 200, { exitCode: -1, result: `chdir ${cwd}: no such file or directory` })
  }
  const child = rt.spawn([rt.shell], {
    cwd,
    env: rt.env(body.envs),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const chunks: Buffer[] = []
  child.stdout?.on('data', (c: Buffer) => chunks.push(c))
  child.stderr?.on('data', (c: Buffer) => chunks.push(c))
  child.stdin?.on('error', () => {}) // the command may exit without reading all of its script
  // stderr is folded into stdout by the shell itself, so the two interleave exactly as written.
  child.stdin?.end(`exec 2>&1\n${body.command}\n`)

  let timedOut = false
  const timer =
    body.timeoutSeconds > 0
      ? setTimeout(() => {
          timedOut = true
          if (child.pid) killGroupNow(child.pid)
        }, body.timeoutSeconds * 1000)
      : undefined
  // Abandoned by the client: do not leave the command running.
  res.on('close', () => {
    if (!res.writableFinished && child.exitCode === null && child.pid) killGroupNow(child.pid)
  })

  const outcome = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }))
    child.once('close', (code) => resolve({ code }))
  })
  clearTimeout(timer)
  if (timedOut) {
    throw new HttpError(408, 'request timeout: command execution timeout', {
      code: 'PROCESS_EXECUTION_TIMEOUT',
    })
  }
  if (outcome.error) return sendJson(res, 200, { exitCode: -1, result: outcome.error.message })
  sendJson(res, 200, { exitCode: outcome.code ?? -1, result: Buffer.concat(chunks).toString('utf8') })
}
