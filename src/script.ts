// The `run` input is a shell script, as in a workflow step. For bash and sh it is split into its top-level
// commands with mvdan/sh's parser (sh-syntax), so each gets its own log group, result and time limit: a
// multi-line `if`/`for`/function/heredoc is one command, and so is a line holding several (`a; b`).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { getProcessor, LangVariant } from 'sh-syntax'
import { InputError } from './input-parsers.ts'
import { type Config, INPUTS } from './inputs.ts'

export interface ScriptCommand {
  /** the command's source text, exactly as written (heredoc bodies included) */
  text: string
  /** 1-based line of the run block where it starts, so that the shell's line numbers match the block's */
  line: number
}

interface Position {
  Offset: number
  Line: number
}
interface Statement {
  Pos: Position
  End: Position
  Background?: boolean
}

/** The commands of the `run` block; a custom shell gets the whole block as one command, as GitHub runs it. */
export function scriptCommands(config: Pick<Config, 'run' | 'shell'>): Promise<ScriptCommand[]> {
  if (config.shell.kind === 'custom') return Promise.resolve([{ text: config.run, line: 1 }])
  return splitScript(INPUTS.run, config.run, config.shell.kind === 'sh' ? 'posix' : 'bash')
}

/** The shell dialect the script is parsed as; a custom shell runs the whole block as one command. */
export type Dialect = 'bash' | 'posix'

/**
 * Splits `script` into its top-level commands. Throws InputError naming `input` and the position of the first
 * syntax error, so a script that does not parse fails before anything is created.
 */
export async function splitScript(input: string, script: string, dialect: Dialect): Promise<ScriptCommand[]> {
  return plainLines(script) ?? parseScript(input, script, dialect)
}

/** splitScript with the parser, whatever the script. */
export async function parseScript(input: string, script: string, dialect: Dialect): Promise<ScriptCommand[]> {
  let statements: Statement[]
  try {
    const file = await parser()(script, {
      variant: dialect === 'bash' ? LangVariant.LangBash : LangVariant.LangPOSIX,
      keepComments: false,
    })
    statements = (file.Stmts ?? []) as unknown as Statement[]
  } catch (err) {
    throw syntaxError(input, script, err)
  }
  const bytes = Buffer.from(script, 'utf8')
  const textOf = (statement: Statement) =>
    bytes.subarray(statement.Pos.Offset, statement.End.Offset).toString('utf8')
  // Statements that share a line are one command: a line is what the author wrote as one step.
  const groups: Statement[][] = []
  let joinUntil = -1
  for (const [i, statement] of statements.entries()) {
    const last = groups.at(-1)
    if (last && (i <= joinUntil || statement.Pos.Line <= last.at(-1)!.End.Line)) last.push(statement)
    else groups.push([statement])
    if (statement.Background && i > joinUntil) joinUntil = lastJobUse(statements, i, textOf)
  }
  const commands = groups.map((group, i) => {
    const start = group[0]!.Pos.Offset
    // Up to the next command, so that heredoc bodies (which follow their statement's end) come along.
    const next = groups[i + 1]?.[0]?.Pos.Offset ?? bytes.length
    const text = withoutTrailingComments(bytes.subarray(start, next).toString('utf8'))
    return { text, line: group[0]!.Pos.Line }
  })
  if (commands.length === 0) {
    throw new InputError(input, `Input '${input}' has no commands: it holds only blank lines and comments.`)
  }
  return commands
}

/**
 * Characters that can neither end a statement nor carry one over a line: no `;`, `&`, `|`, parentheses,
 * redirections (a heredoc takes the lines after it), quotes, backslash, `$`, backquote, `#`, braces, `!`.
 */
const PLAIN_LINE = /^[\w./:=@%+,~*?^[\]-]+(?:[ \t]+[\w./:=@%+,~*?^[\]-]+)*$/
/** Words that open or close a construct spanning lines, or are not a command on their own. */
const RESERVED = new Set(
  'case coproc do done elif else esac fi for function if in select then until while'.split(' '),
)

/**
 * A script whose every line is blank or one simple command of plain words (`npm ci`, `make test`, `true`) is
 * split by lines, as the parser would split it, without loading the parser (~60 ms of CPU at start-up).
 * Anything else (an empty script too), undefined: the parser decides.
 */
export function plainLines(script: string): ScriptCommand[] | undefined {
  const commands: ScriptCommand[] = []
  for (const [i, line] of script.split('\n').entries()) {
    // spaces and tabs only: bash takes any other character, even a no-break space, as part of a word
    const text = line.replace(/^[ \t]+|[ \t]+$/g, '')
    if (!text) continue
    if (!PLAIN_LINE.test(text) || RESERVED.has(text.split(/[ \t]/)[0]!)) return undefined
    commands.push({ text, line: i + 1 })
  }
  return commands.length > 0 ? commands : undefined
}

let processor: ReturnType<typeof getProcessor> | undefined

/** The parser's WebAssembly and Go's glue for it, which the build copies next to the bundle (scripts/build.ts). */
export const BUNDLED_WASM = 'sh-syntax.wasm'
export const BUNDLED_GLUE = 'sh-syntax-wasm_exec.cjs'

/**
 * mvdan/sh compiled to WebAssembly, and Go's glue for it. One rule for where they are: run as TypeScript
 * (`node src/main.ts`, vitest, Stryker) they come from the sh-syntax package; bundled, from beside the bundle,
 * where scripts/build.ts copies them: a runner checks the action out without node_modules, so the bundle never
 * falls back to the package (which would hide a bundle that lacks them). Go's glue is required outright: the
 * package's sideEffects list misses it, so a bundler would drop its import. The paths are computed so that
 * ncc leaves them alone.
 */
function parser(): ReturnType<typeof getProcessor> {
  if (processor) return processor
  const require = createRequire(import.meta.url)
  const fromSources = import.meta.url.endsWith('.ts')
  const locate = (bundled: string, inPackage: string) =>
    fromSources
      ? require.resolve(['sh-syntax', inPackage].join('/'))
      : fileURLToPath(new URL(bundled, import.meta.url))
  require(locate(BUNDLED_GLUE, 'vendors/wasm_exec'))
  const wasm = locate(BUNDLED_WASM, 'main.wasm')
  processor = getProcessor(() => readFile(wasm))
  return processor
}

/** Job control that only the shell which started the jobs can do: `wait`, `$!`, `jobs`, `disown`. */
const JOB_USE = /\$!|\$\{!\}|(?:^|[\s;&|(])(?:wait|jobs|disown)(?=$|[\s;&|)])/

/**
 * Each command runs in a shell of its own, so jobs do not carry from one to the next. Jobs started with `&`
 * (one, or several in a row) that a later statement waits for or names by `$!`, before the next job is
 * started, stay in one command with the statements up to that one: its index, or -1.
 */
function lastJobUse(statements: Statement[], start: number, textOf: (s: Statement) => string): number {
  let i = start + 1
  while (statements[i]?.Background) i++
  let last = -1
  for (; i < statements.length && !statements[i]!.Background; i++) {
    if (JOB_USE.test(textOf(statements[i]!))) last = i
  }
  return last
}

/** Drops the blank and comment-only lines that stand between one command and the next. */
function withoutTrailingComments(text: string): string {
  const lines = text.split('\n')
  while (lines.length > 1 && /^\s*(#.*)?$/.test(lines.at(-1)!)) lines.pop()
  return lines.join('\n').trimEnd()
}

function syntaxError(input: string, script: string, err: unknown): InputError {
  const { Pos, Text, message } = err as { Pos?: Position & { Col?: number }; Text?: string; message?: string }
  const reason = (Text || message || String(err)).replace(/\s+/g, ' ').trim()
  if (!Pos) return new InputError(input, `Input '${input}' is not a valid shell script: ${reason}.`)
  const line = Pos.Line || lineOf(script, Pos.Offset)
  const where = Pos.Col ? `line ${line}, column ${Pos.Col}` : `line ${line}`
  return new InputError(input, `Input '${input}' is not a valid shell script: ${where}: ${reason}.`)
}

function lineOf(script: string, offset: number): number {
  return Buffer.from(script, 'utf8').subarray(0, offset).toString('utf8').split('\n').length
}
