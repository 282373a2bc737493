// Step 4 with `source: workspace`: the runner's checked-out tree goes to the sandbox instead of a clone — for
// files earlier steps generated, or a sandbox with no route to the Git server. So no credentials reach the
// sandbox at all. What goes is what git would commit: tracked files and untracked ones .gitignore does not
// exclude, as they are on disk (links as links); never `.git`, which after actions/checkout holds the token.
import { execFile } from 'node:child_process'
import { lstat, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import * as core from '@actions/core'
import type { Toolbox } from './daytona/toolbox/index.ts'
import type { Source } from './github-context.ts'
import { runTarScript } from './sandbox-tar.ts'
import { shellQuote } from './shell/exec-text.ts'
import type { Checkout } from './source.ts'

/** Where the archive lands in the sandbox's working directory before it is unpacked. */
const ARCHIVE = '.daytona-action-workspace.tar.gz'

export interface WorkspaceUpload {
  workspace: string
  files: string[]
}

/** What will go, decided before anything is created: a workspace that is not a checkout fails here. */
export async function planWorkspaceUpload(workspace: string): Promise<WorkspaceUpload> {
  return { workspace, files: await workspaceFiles(workspace) }
}

export async function uploadWorkspace(
  toolbox: Toolbox,
  source: Source,
  { workspace, files }: WorkspaceUpload,
): Promise<Checkout> {
  const path = source.repository.split('/')[1] ?? 'repository'
  const scratch = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'daytona-workspace-'))
  try {
    const archive = join(scratch, 'workspace.tar.gz')
    const { create } = await import('tar')
    // streamed to disk, then uploaded from disk: a big tree is never all in memory
    await create({ file: archive, gzip: true, cwd: workspace, portable: true, noDirRecurse: true }, files)
    core.info(`Uploading the workspace (${files.length} files, as git would commit them) into ${path}…`)
    await toolbox.files.upload([{ source: archive, destination: ARCHIVE }])
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const target = shellQuote(path)
  try {
    await runTarScript(
      toolbox,
      `mkdir -p -- ${target} && tar -xzf ${ARCHIVE} -C ${target} && rm -f -- ${ARCHIVE}`,
      'unpack the workspace',
    )
  } catch (err) {
    throw new Error(`With source: workspace, ${(err as Error).message}`)
  }
  return { path }
}

/** Tracked files and untracked ones that .gitignore does not exclude, relative to the workspace. */
async function workspaceFiles(workspace: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)(
      'git',
      ['-C', workspace, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { maxBuffer: 256 * 1024 * 1024 },
    )
    const listed = stdout.split('\0').filter((file) => file !== '' && !file.split('/').includes('.git'))
    // a tracked file deleted on disk is not in the tree as it is
    const present = await Promise.all(
      listed.map((file) =>
        lstat(join(workspace, file)).then(
          () => true,
          () => false,
        ),
      ),
    )
    return listed.filter((_, i) => present[i])
  } catch {
    throw new Error(
      "Input 'source' is workspace, but the workspace is not a git checkout (the upload follows .gitignore): " +
        'add actions/checkout before this step.',
    )
  }
}
