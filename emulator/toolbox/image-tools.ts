// What a sandbox's image has, as far as the daemon and its users can tell: which shells /etc/shells lists,
// whether `git` is on its PATH, and the PATH itself. There is no Docker, so the image's filesystem is the
// host's; these traits are read off the image's name and the packages its Dockerfile's RUN lines install,
// and the toolbox enforces them (the session shell the daemon picks; a `git` that is not there).
import { which } from './isolation.ts'

export interface ImageTools {
  /** what the image's /etc/shells lists */
  shells: string[]
  /** `git` on the image's PATH (the daemon never needs it: it clones with go-git) */
  git: boolean
}

/** What the API knows of an image: its base (the last stage's FROM, or the snapshot's image name) and RUN lines. */
export interface ImageFacts {
  base?: string
  /** packages its RUN lines install with apt-get, apt, apk, dnf, yum, microdnf or zypper */
  installs?: readonly string[]
}

/** Debian's default PATH, which images inherit unless their Dockerfile sets ENV PATH. */
export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

const SH = ['/bin/sh', '/usr/bin/sh']
const BASH = ['/bin/bash', '/usr/bin/bash']
const ZSH = ['/bin/zsh', '/usr/bin/zsh']

/**
 * Daytona's default snapshot is built from a devcontainers image (zsh, bash, git); `*-alpine` and busybox have
 * only ash; `*-slim`, debian and ubuntu have bash but no git; other official language images (node, python,
 * golang, rust, …, built on buildpack-deps) have bash and git.
 */
export function imageTools(facts: ImageFacts): ImageTools {
  const { name, tag } = parseReference(facts.base ?? '')
  const tools: ImageTools = { shells: [...SH, ...BASH], git: true }
  if (name === 'daytonaio/sandbox' || name.startsWith('mcr.microsoft.com/devcontainers/')) {
    tools.shells.push(...ZSH)
  } else if (name === 'alpine' || name === 'busybox' || tag.includes('alpine')) {
    tools.shells = ['/bin/sh', '/bin/ash']
    tools.git = false
  } else if (tag.includes('slim') || ['debian', 'ubuntu', 'redhat/ubi9', 'fedora'].includes(name)) {
    tools.git = false
  }
  const installs = new Set(facts.installs ?? [])
  if (installs.has('git')) tools.git = true
  if (installs.has('bash')) tools.shells.push(...BASH)
  if (installs.has('zsh')) tools.shells.push(...ZSH)
  tools.shells = [...new Set(tools.shells)]
  return tools
}

/** Programs the host has that the image does not: its processes must not find them (path-view.ts). */
export function missingPrograms(tools: ImageTools): string[] {
  const missing: string[] = []
  if (!tools.git) missing.push('git')
  if (!BASH.some((path) => tools.shells.includes(path))) missing.push('bash')
  return missing
}

/**
 * The session shell, chosen as the daemon does (`pkg/common/get_shell.go`): zsh if /etc/shells lists it, else
 * bash, else $SHELL, else sh. The host must have the chosen program; without it (zsh not installed here),
 * the next one down is used and `fallback` says so.
 */
export function sessionShell(tools: ImageTools, envShell?: string): { path: string; fallback?: string } {
  const listed = (paths: string[]) => paths.some((p) => tools.shells.includes(p))
  const wanted = listed(ZSH) ? 'zsh' : listed(BASH) ? 'bash' : envShell || 'sh'
  const found = which(wanted.split('/').pop() ?? wanted)
  if (found) return { path: found }
  const next = which('bash') ?? which('sh') ?? '/bin/sh'
  return { path: next, fallback: `${wanted} is not installed on this host; the session shell is ${next}` }
}

/** Packages a Dockerfile RUN line installs (the words after `install`/`add` that are not options). */
export function installedPackages(run: string): string[] {
  const found: string[] = []
  const pattern = /\b(?:apt-get|apt|apk|dnf|yum|microdnf|zypper)\s+(?:-\S+\s+)*(?:install|add)\b([^;&|]*)/g
  for (const match of run.matchAll(pattern)) {
    for (const word of (match[1] ?? '').split(/\s+/)) {
      const name = word.replace(/[=<>].*$/, '')
      if (name && !name.startsWith('-') && !name.startsWith('$')) found.push(name)
    }
  }
  return found
}

/** `registry/name:tag@digest` → name without the docker.io library prefix, and the tag. */
function parseReference(ref: string): { name: string; tag: string } {
  const withoutDigest = ref.split('@')[0] ?? ''
  const lastSlash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.indexOf(':', lastSlash + 1)
  const name = colon >= 0 ? withoutDigest.slice(0, colon) : withoutDigest
  const tag = colon >= 0 ? withoutDigest.slice(colon + 1) : ''
  return { name: name.replace(/^(docker\.io\/)?(library\/)?/, '').toLowerCase(), tag: tag.toLowerCase() }
}
