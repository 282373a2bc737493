// What the runner gives a node action's step, apart from the process itself: action.yml's inputs as
// INPUT_<NAME> (defaults evaluated), the file-command format, and the GITHUB_* / RUNNER_* variables derived
// from the event the way GitHub does (a pull_request runs on refs/pull/N/merge with GITHUB_SHA = the merge
// commit, while pull_request_target runs on the base branch). Tests override any variable via JobOptions.env.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Annotation } from './workflow-commands.ts'

export interface ActionMeta {
  inputs?: Record<string, { default?: unknown } | null>
  runs: { using: string; main: string; post?: string; 'post-if'?: string }
}

/** Parses GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV: `name<<DELIM` heredocs and `name=value` lines. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const eq = line.indexOf('=')
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!)
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${name} (delimiter ${delimiter})`)
      out[name] = value.join('\n')
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1)
    } else {
      throw new Error(`bad file-command line: ${JSON.stringify(line)}`)
    }
  }
  return out
}

export async function loadAction(actionDir: string): Promise<ActionMeta> {
  const text = await readFile(join(actionDir, 'action.yml'), 'utf8')
  let meta: ActionMeta
  try {
    meta = parseYaml(text) as ActionMeta
  } catch (err) {
    // the runner would refuse to load the action too
    throw new Error(
      `${join(actionDir, 'action.yml')} is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    )
  }
  if (!/^node(20|24)$/.test(meta.runs?.using ?? '')) throw new Error(`not a node action: ${meta.runs?.using}`)
  return meta
}

/** The runner evaluates `${{ … }}` in input defaults; here only github.token and github.<x> (from env). */
function evaluateDefault(value: string, token: string, env: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.token') return token
    const m = /^github\.(\w+)$/.exec(expr)
    return m ? (env[`GITHUB_${m[1]!.toUpperCase()}`] ?? '') : ''
  })
}

/** INPUT_<NAME> for every declared input (given value, else its default) and every undeclared one given. */
export function inputEnv(
  meta: ActionMeta,
  inputs: Record<string, string>,
  token: string,
  env: Record<string, string>,
): { env: Record<string, string>; warning?: Annotation } {
  const declared = Object.keys(meta.inputs ?? {})
  const given = new Map(Object.entries(inputs).map(([k, v]) => [k.toLowerCase(), v]))
  const out: Record<string, string> = {}
  const name = (input: string) => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`
  for (const input of declared) {
    const def = meta.inputs?.[input]?.default
    if (given.has(input.toLowerCase())) out[name(input)] = given.get(input.toLowerCase())!
    else if (def !== undefined && def !== null) out[name(input)] = evaluateDefault(String(def), token, env)
  }
  // the runner passes undeclared inputs on too, and warns about them
  const unexpected = Object.keys(inputs).filter(
    (k) => !declared.some((d) => d.toLowerCase() === k.toLowerCase()),
  )
  for (const k of unexpected) out[name(k)] = inputs[k]!
  if (unexpected.length === 0) return { env: out }
  const valid = declared.map((d) => `'${d}'`).join(', ')
  const message = `Unexpected input(s) ${unexpected.map((k) => `'${k}'`).join(', ')}, valid inputs are [${valid}]`
  return { env: out, warning: { level: 'warning', message } }
}

const PLACEHOLDER_SHA = 'ffac537e6cbbf934b08745a378932722df287a53'

interface Repo {
  full_name?: string
  owner?: { login?: string }
  id?: number
}
interface PullRequestPayload {
  number?: number
  pull_request?: {
    number?: number
    merge_commit_sha?: string | null
    head?: { ref?: string; sha?: string }
    base?: { ref?: string; sha?: string; repo?: Repo }
  }
  repository?: Repo
  sender?: { login?: string }
  ref?: string
  after?: string
}

/** What GitHub puts in GITHUB_REF and GITHUB_SHA for this event. */
function refAndSha(eventName: string, p: PullRequestPayload): { ref: string; sha: string } {
  const pr = p.pull_request
  if (pr && (eventName === 'pull_request' || eventName === 'pull_request_review')) {
    return {
      ref: `refs/pull/${pr.number ?? p.number}/merge`,
      sha: pr.merge_commit_sha || pr.head?.sha || PLACEHOLDER_SHA,
    }
  }
  if (pr && eventName === 'pull_request_target') {
    return { ref: `refs/heads/${pr.base?.ref ?? 'main'}`, sha: pr.base?.sha || PLACEHOLDER_SHA }
  }
  return { ref: p.ref ?? 'refs/heads/main', sha: p.after || PLACEHOLDER_SHA }
}

/** With no event given: a push to main of GITHUB_REPOSITORY (default octo-org/example), as GitHub would send. */
export function defaultEvent(env: Record<string, string> = {}): { name: string; payload: unknown } {
  const fullName = env.GITHUB_REPOSITORY ?? 'octo-org/example'
  const [owner, name] = fullName.split('/')
  const repository = { full_name: fullName, name, owner: { login: owner }, default_branch: 'main' }
  const payload = {
    ref: env.GITHUB_REF ?? 'refs/heads/main',
    after: env.GITHUB_SHA ?? PLACEHOLDER_SHA,
    repository,
  }
  return { name: 'push', payload }
}

export function defaultGithubEnv(eventName: string, payload: unknown): Record<string, string> {
  const p = (payload ?? {}) as PullRequestPayload
  const repo = p.repository ?? p.pull_request?.base?.repo ?? {}
  const fullName = repo.full_name ?? 'octo-org/example'
  const { ref, sha } = refAndSha(eventName, p)
  const isPr = eventName.startsWith('pull_request') && p.pull_request !== undefined
  const actor = p.sender?.login ?? 'octocat'
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: repo.owner?.login ?? fullName.split('/')[0]!,
    GITHUB_REPOSITORY_ID: String(repo.id ?? 123456789),
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_HEAD_REF: isPr ? (p.pull_request?.head?.ref ?? '') : '',
    GITHUB_BASE_REF: isPr ? (p.pull_request?.base?.ref ?? '') : '',
    GITHUB_ACTOR: actor,
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_WORKFLOW: 'CI',
    GITHUB_WORKFLOW_REF: `${fullName}/.github/workflows/ci.yml@${ref}`,
    GITHUB_JOB: 'test',
    GITHUB_RUN_ID: '7654321098',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTION: '__org_daytona-action',
    GITHUB_ACTION_REPOSITORY: 'org/daytona-action',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
  }
}
