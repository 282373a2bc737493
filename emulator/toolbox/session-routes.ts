// HTTP handlers for /process/session*: create, list, get, delete, exec, command status, logs and input.

import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, readJson, sendEmpty, sendJson } from '../http.ts'
import { type FollowSettings, followOverHttp } from './logs-follow.ts'
import { demux, type OutputMode, outputMode, stripMarkers, wantsLegacyCwd } from './output-format.ts'
import type { SandboxRuntime } from './runtime.ts'
import { Session, type SessionCommand } from './session.ts'

export interface RouteContext {
  rt: SandboxRuntime
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** path parameters, in order */
  params: string[]
  follow: FollowSettings
}

const RESERVED_SESSION = 'entrypoint'

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function findSession(rt: SandboxRuntime, sessionId: string): Session {
  const session = rt.sessions.get(sessionId)
  if (!session) throw new HttpError(404, 'session not found', { code: 'NOT_FOUND' })
  return session
}

export function findCommand(session: Session, commandId: string): SessionCommand {
  const cmd = session.commands.get(commandId)
  if (!cmd) throw new HttpError(404, 'command not found', { code: 'NOT_FOUND' })
  return cmd
}

async function commandView(session: Session, cmd: SessionCommand) {
  await session.refresh(cmd)
  return {
    id: cmd.id,
    command: cmd.command,
    ...(cmd.exitCode === undefined ? {} : { exitCode: cmd.exitCode }),
  }
}

async function sessionView(session: Session) {
  const commands = []
  for (const cmd of session.commands.values()) commands.push(await commandView(session, cmd))
  return { sessionId: session.id, commands }
}

export async function createSession({ rt, req, res }: RouteContext) {
  const body = await readJson(req)
  const sessionId = str(body.sessionId)?.trim()
  if (!sessionId) throw new HttpError(400, 'sessionId is required', { code: 'INVALID_REQUEST_BODY' })
  if (sessionId === RESERVED_SESSION) throw new HttpError(400, 'session ID "entrypoint" is reserved')
  if (rt.sessions.has(sessionId)) throw new HttpError(409, 'session already exists', { code: 'CONFLICT' })
  const cwd = wantsLegacyCwd(req) ? rt.layout.home : rt.layout.workDir
  const session = await Session.create(rt, sessionId, cwd)
  if (rt.sessions.has(sessionId)) {
    await session.destroy() // lost a race with an identical request
    throw new HttpError(409, 'session already exists', { code: 'CONFLICT' })
  }
  rt.sessions.set(sessionId, session)
  sendEmpty(res, 201)
}

export async function listSessions({ rt, res }: RouteContext) {
  const sessions = []
  for (const session of rt.sessions.values()) sessions.push(await sessionView(session))
  sendJson(res, 200, sessions)
}

export async function getSession({ rt, res, params }: RouteContext) {
  sendJson(res, 200, await sessionView(findSession(rt, params[0])))
}

export async function deleteSession({ rt, res, params }: RouteContext) {
  const session = findSession(rt, params[0])
  rt.sessions.delete(session.id)
  await session.destroy()
  sendEmpty(res, 204)
}

/** The body of a finished command's output, shaped for the client's SDK version. */
function shapeOutput(log: Buffer, mode: OutputMode): { output: string; stdout?: string; stderr?: string } {
  if (mode === 'combined') return { output: stripMarkers(log).toString('utf8') }
  if (mode === 'raw') return { output: log.toString('utf8') }
  return { output: log.toString('utf8'), ...demux(log) }
}

export async function execInSession({ rt, req, res, params }: RouteContext) {
  const body = await readJson(req)
  const command = str(body.command)
  if (command === undefined || command.trim() === '') throw new HttpError(400, 'command cannot be empty')
  if (params[0] === RESERVED_SESSION)
    throw new HttpError(400, 'cannot execute commands in the entrypoint session')
  const session = findSession(rt, params[0])
  const runAsync = body.runAsync === true || body.async === true
  const cmd = await session.exec(command, runAsync, body.suppressInputEcho === true)
  if (runAsync) return sendJson(res, 202, { cmdId: cmd.id })
  const exitCode = await session.wait(cmd)
  const log = await readFile(cmd.log)
  sendJson(res, 200, { cmdId: cmd.id, ...shapeOutput(log, outputMode(req)), exitCode })
}

export async function getCommand({ rt, res, params }: RouteContext) {
  const session = findSession(rt, params[0])
  sendJson(res, 200, await commandView(session, findCommand(session, params[1])))
}

export async function getCommandLogs({ rt, req, res, url, params, follow }: RouteContext) {
  const session = findSession(rt, params[0])
  const cmd = findCommand(session, params[1])
  if (url.searchParams.get('follow') === 'true') return followOverHttp(res, session, cmd, follow)
  const log = await readFile(cmd.log).catch(() => {
    throw new HttpError(404, 'log file not found', { code: 'NOT_FOUND' })
  })
  const mode = outputMode(req)
  if (mode === 'json') return sendJson(res, 200, shapeOutput(log, mode))
  const body = mode === 'combined' ? stripMarkers(log) : log
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length })
  res.end(body)
}

/**
 * GET /process/session/entrypoint/logs (§4.4). The emulator runs no image entrypoint, so the log is empty and
 * complete: a follow (plain GET here, WebSocket in index.ts) ends at once. Unlike command logs this endpoint
 * is never "combined": text keeps the markers even without a version header; JSON from 0.167.0.
 */
export async function entrypointLogs({ req, res }: RouteContext) {
  const log = Buffer.alloc(0)
  if (outputMode(req) === 'json') return sendJson(res, 200, shapeOutput(log, 'json'))
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': log.length })
  res.end(log)
}

export async function sendInput({ rt, req, res, params }: RouteContext) {
  const body = await readJson(req)
  const data = str(body.data)
  if (data === undefined) throw new HttpError(400, 'data is required', { code: 'INVALID_REQUEST_BODY' })
  const session = findSession(rt, params[0])
  await session.sendInput(findCommand(session, params[1]), data)
  sendEmpty(res, 204)
}
