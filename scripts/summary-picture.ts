// node scripts/summary-picture.ts <summary.md> <out.png>: the README's picture of a step summary, rendered the
// way GitHub shows one (the summary is HTML) by a headless Chromium (Debian's `chromium` package).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  process.stderr.write('usage: node scripts/summary-picture.ts <summary.md> <out.png>\n')
  process.exit(2)
}
const style = `body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; margin: 0; padding: 16px 24px; width: 880px; background: #fff; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin-top: 0; }
table { border-collapse: collapse; margin: 12px 0; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; } code { background: #eff1f3; border-radius: 6px; padding: .2em .4em;
  font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; } a { color: #0969da; text-decoration: none; }
pre { background: #f6f8fa; border-radius: 6px; padding: 12px; font: 12px/1.45 ui-monospace, monospace;
  max-height: 220px; overflow: hidden; white-space: pre-wrap; } summary { cursor: pointer; margin: 6px 0; }`
const dir = mkdtempSync(join(tmpdir(), 'summary-picture-'))
try {
  const page = join(dir, 'summary.html')
  writeFileSync(
    page,
    `<!doctype html><meta charset="utf-8"><style>${style}</style>${readFileSync(input, 'utf8')}`,
  )
  execFileSync('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--hide-scrollbars',
    '--window-size=930,790',
    `--screenshot=${resolve(output)}`,
    `file://${page}`,
  ])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
