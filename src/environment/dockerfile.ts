// The repository's Dockerfile as a snapshot. The snapshot is named by everything that makes the
// environment: the Dockerfile's exact text, the content of every file its COPY/ADD take (hashed as
// Daytona's SDK does), the size and the region. The context is uploaded only when the snapshot is built.
// The Dockerfile comes from the workspace (after actions/checkout) or, without a checkout, from the
// commit under test through the GitHub REST API — which cannot supply a build context.
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import type { Daytona } from '../daytona/client.ts'
import { errorCode } from '../daytona/http.ts'
import { githubGet } from '../github-api.ts'
import { assertWorkspaceTrusted, type Source } from '../github-context.ts'
import type { Config } from '../inputs.ts'
import { printable } from '../printable.ts'
import { ContextEscapeError, isInside, realPathOf } from './context-files.ts'
import { prefixOf, snapshotName, trustOf } from './key.ts'
import type { SnapshotSpec } from './snapshot.ts'
import { noticeWholeContextCopy } from './whole-context.ts'

export interface Dockerfile {
  /** relative to the workspace, as the input names it */
  path: string
  text: string
  /** the workspace (checked out), or the GitHub API at the commit under test (no build context) */
  from: 'workspace' | 'github'
}

/**
 * The Dockerfile to build, or undefined for "none": the default `Dockerfile` that neither the workspace
 * nor the repository has. An explicit `dockerfile` input that exists nowhere is an error.
 */
export async function findDockerfile(
  config: Pick<Config, 'dockerfile' | 'dockerfileExplicit' | 'token' | 'allowFork'>,
  source: Pick<
    Source,
    'repository' | 'sha' | 'ref' | 'eventFork' | 'privileged' | 'eventName' | 'baseRepository'
  >,
  workspace: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Dockerfile | undefined> {
  const path = config.dockerfile
  const local = await readLocal(workspace, path)
  if (local !== undefined) {
    assertWorkspaceTrusted(source, config.allowFork, path)
    return { path, text: local, from: 'workspace' }
  }

  const at = `${source.repository}${source.sha || source.ref ? `@${(source.sha || source.ref)!.slice(0, 12)}` : ''}`
  const remote = await fetchFromGitHub(path, source, config.token, env)
  if (remote.found) {
    core.info(`${path} is not in the workspace: using the one in ${at} (from the GitHub API).`)
    return { path, text: remote.text, from: 'github' }
  }
  if (remote.status === 404) {
    if (!config.dockerfileExplicit) return undefined
    throw new Error(`Input 'dockerfile' names ${path}, which is neither in the workspace nor in ${at}.`)
  }
  const why = `reading ${path} from ${at} through the GitHub API failed (${remote.detail})`
  if (config.dockerfileExplicit) {
    throw new Error(`Input 'dockerfile': ${why}. Check out the repository first (actions/checkout).`)
  }
  core.warning(
    `No ${path} in the workspace, and ${why}: going on without it, from Daytona's default sandbox image. ` +
      `To build the repository's Dockerfile, check out the repository first (actions/checkout).`,
  )
  return undefined
}

/**
 * The workspace's Dockerfile, read through its real path, which must stay in the workspace: a link to a runner
 * file would otherwise come back in the build log. Undefined when there is none.
 */
async function readLocal(workspace: string, path: string): Promise<string | undefined> {
  const real = await realPathOf(resolve(workspace, path))
  if (!real) return undefined
  const root = (await realPathOf(workspace)) ?? workspace
  if (!isInside(root, real)) {
    throw new ContextEscapeError(
      `${path} leads outside the workspace through a symbolic link: refusing to read it as the Dockerfile.`,
    )
  }
  return readFile(real, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EISDIR') throw new Error(`Input 'dockerfile' names ${path}, which is a directory.`)
    throw new Error(`Could not read ${path} from the workspace (${err.code ?? 'error'}).`)
  })
}

type Fetched = { found: true; text: string } | { found: false; status?: number; detail: string }

/** GET /repos/{owner}/{repo}/contents/{path}?ref={sha} as raw text. Never puts the token in a message. */
async function fetchFromGitHub(
  path: string,
  source: Pick<Source, 'repository' | 'sha' | 'ref'>,
  token: string,
  env: NodeJS.ProcessEnv,
): Promise<Fetched> {
  const ref = source.sha || source.ref
  const url =
    `/repos/${source.repository}/contents/${path.split('/').map(encodeURIComponent).join('/')}` +
    (ref ? `?ref=${encodeURIComponent(ref)}` : '')
  try {
    const res = await githubGet(url, 'application/vnd.github.raw', token, env)
    if (res.status === 200) {
      // a directory answers with a JSON listing even when raw is asked for
      if (res.contentType.includes('json') && res.text.trimStart().startsWith('[')) {
        return { found: false, status: 404, detail: `${path} is a directory` }
      }
      return { found: true, text: res.text }
    }
    return { found: false, status: res.status, detail: `HTTP ${res.status}` }
  } catch (err) {
    return { found: false, detail: errorCode(err) ?? (err as Error).message }
  }
}

/** The snapshot spec for this Dockerfile: its content-derived name, and the context upload + buildInfo. */
export async function prepareDockerfile(
  client: Daytona,
  config: Config,
  source: Source,
  workspace: string,
  dockerfile: Dockerfile,
): Promise<SnapshotSpec> {
  // the Dockerfile parser, tar and glob load only when there is a Dockerfile: not before the first request
  const { buildContext, copySources, uploadContext } = await import('./context.ts')
  const sources = copySources(dockerfile.text)
  if (dockerfile.from === 'workspace') noticeWholeContextCopy(dockerfile.path, sources)
  if (dockerfile.from === 'github' && sources.length > 0) {
    const first = sources[0]!
    throw new Error(
      `${dockerfile.path} copies files from the build context (line ${first.line}: ${first.keyword} ${first.source}), ` +
        'and this job has no copy of the repository: add actions/checkout before this step.',
    )
  }
  const contextDir = resolve(workspace, config.context ?? dirname(config.dockerfile))
  const entries = await buildContext(contextDir, dockerfile.text, {
    dockerfileName: dockerfile.path,
    dockerfilePath: resolve(workspace, dockerfile.path),
    workspace,
  })
  const name = snapshotName(prefixOf(config, source), {
    dockerfile: dockerfile.text,
    contextKeys: entries.map((entry) => entry.key),
    resources: config.resources,
    region: config.target,
    trust: trustOf(source),
  })
  if (entries.length > 0) {
    const list = entries.map((e) => e.archivePath || '.').join(', ')
    core.info(printable(`${dockerfile.path}: build context ${list} → snapshot ${name}`))
  }
  return {
    name,
    prepareBuild: async () => ({
      dockerfileContent: dockerfile.text,
      contextHashes:
        entries.length > 0
          ? await core.group('Uploading the build context', () => uploadContext(client, contextDir, entries))
          : [],
    }),
  }
}
