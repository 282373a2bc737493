// README.md's input and output tables, generated from action.yml so that the two cannot disagree: action.yml's
// descriptions are the single source. Only the regions between the marker comments are rewritten.
import { parse } from 'yaml'

interface ActionMetadata {
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs?: Record<string, { description?: string }>
}

/** A Markdown code span that survives any backticks inside the value. */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`'
  return fence.length === 2 ? `${fence} ${value} ${fence}` : `${fence}${value}${fence}`
}

/** One cell: a pipe would end the cell and a newline the row. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
}

/** A table laid out as Prettier leaves Markdown: every column padded to its widest cell, at least 3 wide. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(3, title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

export function inputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const fallback = input.required ? 'required' : input.default ? code(input.default) : ''
    return [code(name), cell(fallback), cell(input.description ?? '')]
  })
  return markdownTable(['input', 'default', 'description'], rows)
}

export function outputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs ?? {}).map(([name, output]) => [
    code(name),
    cell(output.description ?? ''),
  ])
  return markdownTable(['output', 'description'], rows)
}

export class MissingMarkerError extends Error {}

function replaceRegion(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) {
    throw new MissingMarkerError(
      `README.md needs the markers ${start} and ${end}, in that order, around the table`,
    )
  }
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`
}

/** README.md with its input and output tables regenerated from action.yml's text; nothing else changes. */
export function renderReadme(readme: string, actionYml: string): string {
  const metadata = parse(actionYml) as ActionMetadata
  return replaceRegion(
    replaceRegion(readme, 'inputs', inputsTable(metadata)),
    'outputs',
    outputsTable(metadata),
  )
}
