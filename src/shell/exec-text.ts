// What the action sends as one session exec: a few lines that only write the driver, the state helpers and
// the user's command into files and start the driver with /bin/sh. They mean the same in zsh, bash and sh,
// so the session shell the daemon picked does not matter, and no user code ever runs in it.
import { randomBytes } from 'node:crypto'
import { BASH_STATE, DRIVER, QUOTE_FUNCTION, SH_STATE } from './scripts.ts'

/** How the commands run, as the `shell` input says (GitHub's `shell` keywords, or a `{0}` template). */
export type Shell = { kind: 'bash-default' | 'bash' | 'sh' } | { kind: 'custom'; template: string }

export interface CommandLaunch {
  /** 1-based, unique within the job: the command's directory in the sandbox */
  index: number
  text: string
  /** first line of the command in the run block */
  line: number
  /** absolute directory the block starts in */
  startDir: string
  shell: Shell
  /** the driver's end-of-command line starts with this */
  marker: string
}

/** The directory of the action's files in the sandbox, as sh expands it. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, expanded in the sandbox
const ROOT = '"${TMPDIR:-/tmp}/daytona-action"'

export function execText(launch: CommandLaunch): string {
  const files: Array<[string, string]> = [
    [`${launch.index}/driver.sh`, `${QUOTE_FUNCTION}\n${DRIVER}`],
    ['state.bash', BASH_STATE],
    ['state.sh', SH_STATE],
    [`${launch.index}/command`, launch.text],
  ]
  if (launch.shell.kind === 'custom') files.push([`${launch.index}/template`, launch.shell.template])
  const bodies = files.map(([, body]) => body)
  const delimiter = heredocDelimiter(bodies)
  const writes = files.map(([path], i) => `cat > "$__dta/${path}" <<'${delimiter}_${i}'`)
  const args = [launch.startDir, launch.shell.kind, launch.marker, String(launch.line)].map(shellQuote)
  const head = [
    `__dta=${ROOT}`,
    `mkdir -p "$__dta/${launch.index}"`,
    ...writes,
    `/bin/sh "$__dta/${launch.index}/driver.sh" ${args.join(' ')} </dev/null`,
  ].join(' && ')
  const heredocs = bodies.map((body, i) => `${body.endsWith('\n') ? body : `${body}\n`}${delimiter}_${i}\n`)
  return `${head}\n${heredocs.join('')}`
}

/** A marker no command can print by chance: the driver's last line, which the action reads and hides. */
export function newMarker(): string {
  return `::daytona-action-end-${randomBytes(12).toString('hex')}::`
}

export interface CommandEnd {
  /** the command ran `exit`: the script ends here, as a workflow step's would */
  exited: boolean
  /** a `trap … EXIT` is pending: it runs once the block ends */
  exitTrap: boolean
  /** background jobs the command left running */
  jobs: number
  /** the shell that ran it, after `bash` fell back to `sh` where the image has no bash */
  shell: string
}

export function parseEnd(line: string, marker: string): CommandEnd | undefined {
  if (!line.startsWith(marker)) return undefined
  const fields = Object.fromEntries(
    line
      .slice(marker.length)
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('=', 2) as [string, string]),
  )
  return {
    exited: fields.exit === '1',
    exitTrap: fields.trap === '1',
    jobs: Number(fields.jobs) || 0,
    shell: fields.shell ?? '',
  }
}

export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

function heredocDelimiter(bodies: string[]): string {
  for (;;) {
    const delimiter = `DAYTONA_ACTION_${randomBytes(8).toString('hex').toUpperCase()}`
    if (!bodies.some((body) => body.includes(delimiter))) return delimiter
  }
}

/**
 * Passes a command's output through and takes out the driver's end line. The line comes last, on a line of its
 * own, but may be split across chunks: a trailing partial line that could still become it is held back.
 */
export class EndLineFilter {
  readonly #marker: string
  #held = ''
  #end: CommandEnd | undefined

  constructor(marker: string) {
    this.#marker = marker
  }

  get end(): CommandEnd | undefined {
    return this.#end
  }

  /** The part of `chunk` (after what was held back) that is output. */
  push(chunk: string): string {
    const text = this.#held + chunk
    this.#held = ''
    const lineStart = text.lastIndexOf('\n', text.endsWith('\n') ? text.length - 2 : text.length - 1) + 1
    const last = text.slice(lineStart)
    if (last.startsWith(this.#marker) && last.endsWith('\n')) {
      this.#end = parseEnd(last.trimEnd(), this.#marker)
      return text.slice(0, lineStart)
    }
    if (!last.endsWith('\n') && (this.#marker.startsWith(last) || last.startsWith(this.#marker))) {
      this.#held = last
      return text.slice(0, lineStart)
    }
    return text
  }

  /** What is still held back once the output has ended (a partial line that was not the end line). */
  flush(): string {
    const held = this.#held
    this.#held = ''
    if (held.startsWith(this.#marker)) {
      this.#end = parseEnd(held.trim(), this.#marker)
      return ''
    }
    return held
  }
}
