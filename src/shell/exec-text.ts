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
  /** the directory the block starts in: absolute, or relative to the sandbox's working directory */
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
  /** the command's exit status, as its shell reported it to the driver */
  status: number
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
  const status = Number(fields.status)
  if (!Number.isInteger(status)) return undefined
  return {
    status,
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
 * Passes a command's output through, as bytes, and takes out the driver's end line. The line comes last, on a
 * line of its own, but may be split across chunks: a trailing partial line that could still become it is
 * held back until it is decided.
 */
export class EndLineFilter {
  readonly #marker: Uint8Array
  readonly #markerText: string
  #held: Uint8Array = new Uint8Array(0)
  #end: CommandEnd | undefined

  constructor(marker: string) {
    this.#markerText = marker
    this.#marker = new TextEncoder().encode(marker)
  }

  /** What the end line said, once it has come. */
  get end(): CommandEnd | undefined {
    return this.#end
  }

  /** The part of what came so far that is output; after the end line nothing more is. */
  push(chunk: Uint8Array): Uint8Array {
    if (this.#end) return EMPTY
    const bytes = this.#held.length > 0 ? concat(this.#held, chunk) : chunk
    this.#held = EMPTY
    const lastBreak = bytes.lastIndexOf(NEWLINE, bytes.length - 2)
    const lineStart = lastBreak + 1
    const last = bytes.subarray(lineStart)
    const complete = last[last.length - 1] === NEWLINE
    if (startsWith(last, this.#marker) || startsWith(this.#marker, last)) {
      if (complete && last.length > this.#marker.length) {
        this.#end = parseEnd(new TextDecoder().decode(last).trimEnd(), this.#markerText)
      } else this.#held = last.slice()
      return bytes.subarray(0, lineStart)
    }
    return bytes
  }

  /** What is still held back once the output has ended: a partial line that was not the end line. */
  flush(): Uint8Array {
    const held = this.#held
    this.#held = EMPTY
    return held
  }
}

const EMPTY = new Uint8Array(0)
const NEWLINE = 0x0a

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false
  return true
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}
