// Small statistics and the table format shared by the console and RESULTS.md (a Markdown table with padded
// columns reads well in both).

export function median(values: number[]): number {
  return percentile(values, 50)
}

/** Nearest-rank percentile: a value that was actually observed. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** Least-squares line through (x, y): the slope is the marginal cost per x, the intercept the fixed part. */
export function linearFit(points: [number, number][]): { slope: number; intercept: number } {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const slope = sxx === 0 ? 0 : sxy / sxx
  return { slope, intercept: my - slope * mx }
}

export const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

export interface Section {
  title: string
  headers: string[]
  rows: string[][]
  /** lines under the table: how it was measured */
  notes?: string[]
}

export function renderTable(headers: string[], rawRows: string[][]): string {
  // a | inside a cell (a shell pipe) would split the Markdown column
  const rows = rawRows.map((r) => r.map((c) => c.replaceAll('|', '\\|')))
  // laid out as Biome formats Markdown, so that `npm run lint` accepts the generated RESULTS.md as it is
  const widths = headers.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  const rule = line(widths.map((w) => '-'.repeat(w)))
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

export function renderSection(section: Section): string {
  const notes = (section.notes ?? []).map((n) => `\n${n}\n`).join('')
  return `### ${section.title}\n\n${renderTable(section.headers, section.rows)}\n${notes}`
}
