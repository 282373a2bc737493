// Reads an action's output lines the way the GitHub runner does: `::command k=v::data` lines become
// annotations, groups, masks or debug messages; everything else is plain log text (with masks applied).
// Used by runner.ts (to build StepResult) and by the demo (to render the log like the Actions UI).

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  message: string
  title?: string
  file?: string
  line?: number
}

export type LogEvent =
  | { kind: 'text'; text: string }
  | { kind: 'group'; title: string }
  | { kind: 'endgroup' }
  | { kind: 'annotation'; annotation: Annotation }
  | { kind: 'debug'; text: string }
  /** a command that shows nothing in the log (add-mask, stop-commands, unknown ones) */
  | { kind: 'hidden'; command: string }

// the name may be a stop-commands token (often a UUID), so any run of non-space, non-colon characters
const COMMAND = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/s

// The runner's escaping: data escapes %, CR, LF; property values also escape ':' and ','.
// One pass, so an escaped "%250A" decodes to "%0A" and not to a newline.
function unescapeData(s: string): string {
  return s.replace(
    /%(25|0D|0A)/gi,
    (_, code: string) => ({ '25': '%', '0D': '\r', '0A': '\n' })[code.toUpperCase()]!,
  )
}

function unescapeProperty(s: string): string {
  return s.replace(
    /%(25|0D|0A|3A|2C)/gi,
    (_, code: string) => ({ '25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ',' })[code.toUpperCase()]!,
  )
}

function parseProperties(raw: string | undefined): Record<string, string> {
  const props: Record<string, string> = {}
  if (!raw) return props
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) props[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
  }
  return props
}

/** Stateful, like the runner: masks and `stop-commands` apply from the line where they appear onwards. */
export class WorkflowCommandReader {
  readonly masks: string[] = []
  readonly annotations: Annotation[] = []
  private stopToken: string | undefined

  constructor(secrets: string[] = []) {
    for (const s of secrets) this.addMask(s)
  }

  addMask(value: string): void {
    if (value.trim() === '' || this.masks.includes(value)) return
    this.masks.push(value)
    // longest first, so a secret that contains another one is masked whole
    this.masks.sort((a, b) => b.length - a.length)
  }

  mask(text: string): string {
    let out = text
    for (const m of this.masks) out = out.replaceAll(m, '***')
    return out
  }

  /** One line of output (without its newline). */
  read(line: string): LogEvent {
    const match = COMMAND.exec(line.trimStart())
    if (!match) return { kind: 'text', text: this.mask(line) }
    const [, name, rawProps, rawData] = match as unknown as [string, string, string | undefined, string]
    if (this.stopToken !== undefined) {
      if (name === this.stopToken) this.stopToken = undefined
      return this.stopToken === undefined
        ? { kind: 'hidden', command: name }
        : { kind: 'text', text: this.mask(line) }
    }
    const data = unescapeData(rawData)
    switch (name) {
      case 'add-mask':
        this.addMask(data)
        return { kind: 'hidden', command: name }
      case 'stop-commands':
        this.stopToken = data
        return { kind: 'hidden', command: name }
      case 'group':
        return { kind: 'group', title: this.mask(data) }
      case 'endgroup':
        return { kind: 'endgroup' }
      case 'debug':
        return { kind: 'debug', text: this.mask(data) }
      case 'error':
      case 'warning':
      case 'notice': {
        const props = parseProperties(rawProps)
        const annotation: Annotation = { level: name, message: this.mask(data) }
        if (props.title !== undefined) annotation.title = this.mask(props.title)
        if (props.file !== undefined) annotation.file = props.file
        if (props.line !== undefined && /^\d+$/.test(props.line)) annotation.line = Number(props.line)
        this.annotations.push(annotation)
        return { kind: 'annotation', annotation }
      }
      default:
        return { kind: 'hidden', command: name }
    }
  }
}

/**
 * The line as the runner writes it to the job's log file (the "raw log" download):
 * `##[group]`, `##[error]`, … markers; debug lines only when step debug logging is on.
 */
export function logFileLine(event: LogEvent, debug = false): string | undefined {
  switch (event.kind) {
    case 'text':
      return event.text
    case 'group':
      return `##[group]${event.title}`
    case 'endgroup':
      return '##[endgroup]'
    case 'debug':
      return debug ? `##[debug]${event.text}` : undefined
    case 'annotation':
      return `##[${event.annotation.level}]${event.annotation.message}`
    case 'hidden':
      return undefined
  }
}
