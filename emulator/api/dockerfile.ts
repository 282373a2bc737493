// Reads a Dockerfile the way the emulator's fake builder needs it: the steps to log, the local COPY/ADD
// sources that must be in the uploaded context, and the WORKDIR/ENV/USER/ENTRYPOINT a sandbox inherits.
import { posix } from 'node:path'
import { Add, Copy, DockerfileParser, Entrypoint, Env, type Instruction, Keyword } from 'dockerfile-ast'
import type { ImageConfig } from '../store.ts'
import { installedPackages } from '../toolbox/image-tools.ts'

export interface BuildStep {
  /** as a classic `docker build` prints it: `RUN npm ci` */
  text: string
  /** local sources this step copies from the build context (COPY/ADD without --from, no URLs) */
  contextSources: string[]
}

export interface BuildPlan {
  steps: BuildStep[]
  image: ImageConfig
  /** a parse problem that fails the build before any step */
  error?: string
}

const KEYWORDS = new Set<string>(Object.values(Keyword))

/** `COPY ["a", "b", "/dst/"]` or `COPY a b /dst/`: every argument but the last is a source. */
function copySources(instruction: Copy | Add): string[] {
  const raw = instruction.getArgumentsContent() ?? ''
  const withoutFlags = raw.replace(/^(\s*--\S+)+\s*/, '')
  let args: string[]
  if (withoutFlags.trimStart().startsWith('[')) {
    try {
      args = JSON.parse(withoutFlags) as string[]
    } catch {
      args = instruction.getArguments().map((a) => a.getValue())
    }
  } else {
    args = instruction.getArguments().map((a) => a.getValue())
  }
  return args.slice(0, -1)
}

function isRemote(source: string): boolean {
  return /^(https?:\/\/|git@|ssh:\/\/)/.test(source)
}

function entrypointOf(instruction: Entrypoint): string[] {
  const raw = (instruction.getArgumentsContent() ?? '').trim()
  if (raw.startsWith('[')) {
    try {
      const parsed = JSON.parse(raw)
      if (Array.isArray(parsed)) return parsed.map(String)
    } catch {
      // falls through to the shell form
    }
  }
  return ['/bin/sh', '-c', raw]
}

/** The instruction as written (flags included), continuation lines joined. */
function stepText(lines: string[], instruction: Instruction): string {
  const { start, end } = instruction.getRange()
  const text = lines
    .slice(start.line, end.line + 1)
    .map((l) => l.replace(/\\\s*$/, ''))
    .join(' ')
  return text.replace(/\s+/g, ' ').trim()
}

export function planBuild(dockerfileContent: string): BuildPlan {
  const dockerfile = DockerfileParser.parse(dockerfileContent)
  const instructions: Instruction[] = dockerfile.getInstructions()
  const sourceLines = dockerfileContent.split(/\r?\n/)
  const image: ImageConfig = { env: {} }
  const steps: BuildStep[] = []
  let workDir = '/'
  let sawFrom = false
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword()
    const line = instruction.getRange().start.line + 1
    if (!KEYWORDS.has(keyword)) {
      return {
        steps,
        image,
        error: `dockerfile parse error on line ${line}: unknown instruction: ${keyword}`,
      }
    }
    if (keyword === 'ARG' && !sawFrom) continue
    if (!sawFrom && keyword !== 'FROM') {
      return { steps, image, error: `dockerfile parse error on line ${line}: ${keyword} before FROM` }
    }
    const args = (instruction.getArgumentsContent() ?? '').trim()
    const step: BuildStep = { text: stepText(sourceLines, instruction), contextSources: [] }
    if (keyword === 'FROM') {
      sawFrom = true
      if (!args)
        return { steps, image, error: `dockerfile parse error on line ${line}: FROM requires an image` }
      // each stage starts from its base: only the last stage's settings reach the sandbox
      workDir = '/'
      image.env = {}
      image.user = undefined
      image.workDir = undefined
      image.entrypoint = undefined
      image.base = args.split(/\s+/).find((word) => !word.startsWith('--'))
      image.installs = []
    } else if (keyword === 'RUN') {
      image.installs = [...(image.installs ?? []), ...installedPackages(step.text)]
    } else if (instruction instanceof Copy || instruction instanceof Add) {
      const fromStage = instruction.getFlags().some((f) => f.getName().toLowerCase() === 'from')
      if (!fromStage) {
        step.contextSources = copySources(instruction).filter(
          (s) => !(instruction instanceof Add && isRemote(s)),
        )
      }
    } else if (keyword === 'WORKDIR') {
      workDir = posix.resolve(workDir, instruction.getArguments()[0]?.getValue() ?? '/')
      image.workDir = workDir
    } else if (instruction instanceof Env) {
      for (const p of instruction.getProperties()) image.env[p.getName()] = p.getValue() ?? ''
    } else if (keyword === 'USER') {
      image.user = instruction.getArguments()[0]?.getValue().split(':')[0]
    } else if (instruction instanceof Entrypoint) {
      image.entrypoint = entrypointOf(instruction)
    }
    steps.push(step)
  }
  if (!sawFrom)
    return { steps, image, error: 'failed to solve: no build stage in current context (FROM missing)' }
  return { steps, image }
}

function normalize(path: string): string {
  let p = path.trim()
  while (p.startsWith('./')) p = p.slice(2)
  p = p.replace(/^\/+/, '').replace(/\/+$/, '')
  return p === '.' ? '' : p
}

function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*'
        i++
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}(/.*)?$`)
}

/** True when a COPY source names something in the context: a file, a directory, or a glob match. */
export function sourceInContext(source: string, contextFiles: readonly string[]): boolean {
  // variables cannot be resolved without the build args: assume they point at something real
  if (source.includes('$')) return true
  const src = normalize(source)
  const files = contextFiles.map(normalize)
  if (src === '') return files.length > 0
  if (/[*?]/.test(src)) {
    const re = globToRegExp(src)
    return files.some((f) => re.test(f))
  }
  return files.some((f) => f === src || f.startsWith(`${src}/`))
}
