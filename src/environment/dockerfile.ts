// The repository's Dockerfile as a snapshot: its exact text (and, later, its build context) names it.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { DockerfileParser } from 'dockerfile-ast'
import type { Daytona } from '../daytona/client.ts'
import type { Source } from '../github-context.ts'
import type { Config } from '../inputs.ts'
import { prefixOf } from './index.ts'
import { snapshotName } from './key.ts'
import type { SnapshotSpec } from './snapshot.ts'

export async function prepareDockerfile(
  _client: Daytona,
  config: Config,
  source: Source,
  workspace: string,
): Promise<SnapshotSpec> {
  const dockerfileContent = await readFile(resolve(workspace, config.dockerfile), 'utf8')
  const copies = DockerfileParser.parse(dockerfileContent)
    .getInstructions()
    .filter((instruction) => ['COPY', 'ADD'].includes(instruction.getKeyword()))
  if (copies.length > 0)
    throw new Error(`${config.dockerfile}: COPY and ADD need a build context upload (not yet supported).`)
  const name = snapshotName(prefixOf(config, source), {
    dockerfile: dockerfileContent,
    resources: config.resources,
    region: config.target,
  })
  return { name, buildInfo: { dockerfileContent } }
}
