// The step summary: its content, its escaping, its redaction and its 1 MiB budget.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderSummary, writeSummary } from '../../src/report/summary.ts'
import type { CommandResult, RunReport } from '../../src/report/types.ts'

const MiB = 1024 * 1024
const SHA = '0123456789abcdef0123456789abcdef01234567'

function report(results: CommandResult[], extra: Partial<RunReport> = {}): RunReport {
  return {
    title: 'test (cpu: 2, memory: 4)',
    source: {
      repository: 'acme/app',
      sha: SHA,
      ref: 'refs/pull/42/merge',
      prNumber: 42,
      serverUrl: 'https://github.com',
      eventName: 'pull_request',
    },
    environment: {
      kind: 'dockerfile',
      name: 'daytona-action-acme-3f2a',
      snapshotCacheHit: true,
      cpu: 2,
      memory: 4,
      disk: 10,
      region: 'eu',
    },
    sandbox: {
      id: 'sb-77',
      name: 'acme-app-pr42',
      createdAt: Date.UTC(2026, 0, 2, 9, 0, 0),
      deletedAt: Date.UTC(2026, 0, 2, 9, 4, 30),
    },
    results,
    durationMs: 280_000,
    ...extra,
  }
}
const passed = (command: string, durationMs = 1500): CommandResult => ({
  command,
  exitCode: 0,
  durationMs,
  timedOut: false,
  skipped: false,
})
const failed = (command: string, exitCode: number, tail?: string): CommandResult => ({
  command,
  exitCode,
  durationMs: 1200,
  timedOut: false,
  skipped: false,
  tail,
})
const skipped = (command: string): CommandResult => ({
  command,
  exitCode: null,
  durationMs: 0,
  timedOut: false,
  skipped: true,
})
const rows = (html: string) => html.match(/<tr><td>/g)?.length ?? 0
const count = (html: string, tag: string) => html.split(tag).length - 1

afterEach(() => vi.unstubAllEnvs())

describe('renderSummary', () => {
  it('a successful run: ✅, the title, the commit, PR and event, the environment, the sandbox, every command', () => {
    const html = renderSummary(report([passed('npm ci', 12_300), passed('npm test')]))
    expect(html).toContain('<h2>✅ test (cpu: 2, memory: 4)</h2>')
    expect(html).toContain(
      `<a href="https://github.com/acme/app/commit/${SHA}"><code>acme/app@0123456</code></a>`,
    )
    expect(html).toContain('<a href="https://github.com/acme/app/pull/42">#42</a>')
    expect(html).toContain('event <code>pull_request</code>')
    expect(html).toContain('2 commands: 2 passed · total 4m 40s')
    expect(html).toContain('Snapshot <code>daytona-action-acme-3f2a</code> from the Dockerfile (cache hit)')
    expect(html).toContain('2 vCPU · 4 GiB memory · 10 GiB disk · region <code>eu</code>')
    expect(html).toContain(
      '<tr><td>1</td><td>✅ passed</td><td><code>npm ci</code></td><td>0</td><td>12s</td></tr>',
    )
    expect(html).toContain('<code>acme-app-pr42</code> (<code>sb-77</code>)')
    expect(html).toContain('created 2026-01-02 09:00:00 UTC → deleted 2026-01-02 09:04:30 UTC (lived 4m 30s)')
    expect(html).not.toContain('<details')
  })

  it('a failure with skipped commands: ❌, the exit code, the output folded open, the skips marked', () => {
    const html = renderSummary(
      report([
        passed('npm ci'),
        failed('npm run lint', 3, 'src/a.ts:1 no-unused-vars\n1 problem\n'),
        skipped('npm test'),
      ]),
    )
    expect(html).toMatch(/^<h2>❌ /)
    expect(html).toContain('3 commands: 1 passed, 1 failed, 1 skipped')
    expect(html).toContain('<td>❌ failed</td><td><code>npm run lint</code></td><td>3</td><td>1.2s</td>')
    expect(html).toContain('<td>⏭️ skipped</td><td><code>npm test</code></td><td>—</td><td>—</td>')
    expect(html).toContain(
      '<details open><summary>❌ #2 <code>npm run lint</code>: exit code 3 after 1.2s, last 2 lines</summary>',
    )
    // a blank line before <pre> keeps GitHub's Markdown from rewriting the output
    expect(html).toContain('\n\n<pre>src/a.ts:1 no-unused-vars\n1 problem</pre>\n\n</details>')
  })

  it('a timeout shows ⏱️ and 124, and only the first failure is unfolded', () => {
    const timedOut: CommandResult = {
      command: 'npm run e2e',
      exitCode: null,
      durationMs: 600_000,
      timedOut: true,
      skipped: false,
      tail: 'waiting for server…',
    }
    const html = renderSummary(report([timedOut, failed('npm run docs', 1, 'broken link')]))
    expect(html).toContain(
      '<td>⏱️ timed out</td><td><code>npm run e2e</code></td><td>124 (timed out)</td><td>10m</td>',
    )
    expect(html).toContain(
      '<details open><summary>⏱️ #1 <code>npm run e2e</code>: timed out after 10m, last 1 line',
    )
    expect(html).toContain('<details><summary>❌ #2 <code>npm run docs</code>')
  })

  it('escapes HTML in commands, output, titles and errors', () => {
    const html = renderSummary(
      report(
        [
          failed(
            'echo "<script>alert(1)</script>" && x',
            1,
            '<script>alert("out")</script>\n</pre></details>',
          ),
        ],
        {
          title: '<img src=x onerror=alert(1)>',
          error: 'clone failed: <b>nope</b> & more',
        },
      ),
    )
    expect(html).not.toMatch(/<script|<img|<b>nope/)
    expect(html).toContain('<code>echo &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp;&amp; x</code>')
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;out&quot;)&lt;/script&gt;\n&lt;/pre&gt;&lt;/details&gt;</pre>',
    )
    expect(html).toContain('<h2>❌ &lt;img src=x onerror=alert(1)&gt;</h2>')
    expect(html).toContain('<pre>clone failed: &lt;b&gt;nope&lt;/b&gt; &amp; more</pre>')
    // the markup itself stays balanced: output cannot close our elements
    for (const tag of ['pre', 'details', 'table', 'code'])
      expect(count(html, `<${tag}`)).toBe(count(html, `</${tag}>`))
  })

  it('shows terminal output as it looked: no colour codes, progress lines at their last state', () => {
    const html = renderSummary(
      report([failed('make', 2, '\x1b[1;31mFAIL\x1b[0m x\r\nloading 10%\rloading 100%\n')]),
    )
    expect(html).toContain('<pre>FAIL x\nloading 100%</pre>')
    expect(html).not.toContain('\x1b')
  })

  it('keeps the summary under 1 MiB with 5 MB of output across 200 failed commands', () => {
    const results = Array.from({ length: 200 }, (_, i) => {
      // ~25 KB per command; the line numbers tell us which end of the output was kept
      const lines = Array.from({ length: 250 }, (_, n) => `cmd ${i} line ${n} ${'x'.repeat(85)}`)
      return failed(`npm test -- --shard=${i + 1}/200`, 1, lines.join('\n'))
    })
    expect(results.reduce((sum, r) => sum + r.tail!.length, 0)).toBeGreaterThan(5_000_000)

    const html = renderSummary(report(results))
    // (checked with includes: a failing toContain would print the whole megabyte)
    const has = (text: string | RegExp) => (typeof text === 'string' ? html.includes(text) : text.test(html))
    expect(Buffer.byteLength(html)).toBeLessThan(MiB)
    expect(has('<tr><th>#</th><th>Status</th><th>Command</th><th>Exit code</th><th>Duration</th></tr>')).toBe(
      true,
    )
    expect(rows(html)).toBe(200) // the table has priority over the output
    expect(has('<code>npm test -- --shard=200/200</code>')).toBe(true)
    // tails are the LAST lines, at most 60 per command
    expect(has('cmd 0 line 249 ')).toBe(true)
    expect(has('cmd 0 line 190 ')).toBe(true)
    expect(has('cmd 0 line 189 ')).toBe(false)
    // and once the budget runs out, the rest are left out with a note
    const note =
      /The output of (\d+) more failed commands was left out to keep the summary under GitHub's 1 MiB limit/
    const left = Number(note.exec(html)?.[1])
    expect(left).toBeGreaterThan(0)
    expect(count(html, '<details')).toBe(200 - left)
    expect(has('cmd 199 line')).toBe(false)
    expect(count(html, '<details')).toBe(count(html, '</details>'))
  })

  it('truncates the table itself with a "… N more commands" row when even the rows do not fit', () => {
    const results = Array.from({ length: 5000 }, (_, i) => passed(`./check.sh ${i} ${'&'.repeat(190)}`))
    const html = renderSummary(report(results))
    expect(Buffer.byteLength(html)).toBeLessThan(MiB)
    expect(html.includes('<tr><th>#</th>')).toBe(true)
    const shown = rows(html)
    expect(shown).toBeGreaterThan(100)
    const more =
      /<tr><td colspan="5">… (\d+) more commands not shown, to keep the summary under GitHub's 1 MiB limit/
    expect(Number(more.exec(html)?.[1])).toBe(5000 - shown)
    expect(/<p><b>Sandbox:<\/b>.*<\/p>\n$/.test(html)).toBe(true) // the sandbox line after the table is still there
    expect(count(html, '<table>')).toBe(count(html, '</table>'))
  })

  it('respects a smaller budget too', () => {
    const results = Array.from({ length: 50 }, (_, i) => failed(`t${i}`, 1, 'y'.repeat(4000)))
    const html = renderSummary(report(results), { budgetBytes: 20_000 })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(20_000)
    expect(html).toContain('was left out')
  })

  it('never prints a secret, wherever it appears', () => {
    const secret = 'dtn_9f8e7d6c5b4a'
    const redact = (text: string) => text.replaceAll(secret, '***')
    const html = renderSummary(
      report(
        [
          failed(
            `curl -H "Authorization: Bearer ${secret}" $API`,
            22,
            `> Authorization: Bearer ${secret}\n< 401`,
          ),
          // split by a colour code or rewritten by \r: found after the output is cleaned
          failed('env', 1, `KEY=${secret.slice(0, 6)}\x1b[0m${secret.slice(6)}\nprogress\r${secret}\n`),
        ],
        { title: `job ${secret}`, error: `request failed with key ${secret}` },
      ),
      { redact },
    )
    expect(html).not.toContain(secret)
    expect(html).not.toContain(secret.slice(0, 8))
    expect(html).toContain('Bearer ***')
    expect(html).toContain('<pre>KEY=***\n***</pre>')
  })

  it('gives parallel matrix jobs different headings; untitled runs get a default', () => {
    const a = renderSummary(report([passed('npm test')], { title: 'test (node 22, cpu 2)' }))
    const b = renderSummary(report([passed('npm test')], { title: 'test (node 24, cpu 4)' }))
    expect(a).toContain('<h2>✅ test (node 22, cpu 2)</h2>')
    expect(b).toContain('<h2>✅ test (node 24, cpu 4)</h2>')
    expect(renderSummary(report([], { title: undefined }))).toContain('<h2>✅ Daytona sandbox run</h2>')
  })

  it('describes the other environments, a built snapshot, a kept sandbox and an empty run', () => {
    const built = renderSummary(
      report([], {
        environment: { kind: 'dockerfile', name: 'snap-1', snapshotCacheHit: false, snapshotBuildMs: 95_000 },
        sandbox: { id: 'sb-1', name: 'box', kept: { until: '2026-01-02T10:00:00.000Z' } },
      }),
    )
    expect(built).toContain('Snapshot <code>snap-1</code> from the Dockerfile (built in 1m 35s)')
    // the same form as the created and deleted times
    expect(built).toContain('<b>kept</b> until 2026-01-02 10:00:00 UTC')
    expect(built).toContain('No commands were run.')
    expect(renderSummary(report([], { environment: { kind: 'image', name: 'node:24' } }))).toContain(
      'Image <code>node:24</code>',
    )
    expect(renderSummary(report([], { environment: { kind: 'default' } }))).toContain(
      "Daytona's default snapshot",
    )
  })

  it('a failure before any command shows the error and marks the run failed', () => {
    const html = renderSummary(
      report([skipped('npm test')], { error: 'git clone failed: exit 128\nfatal: repository not found' }),
    )
    expect(html).toMatch(/^<h2>❌ /)
    expect(html).toContain(
      '<p>❌ <b>Error</b></p>\n\n<pre>git clone failed: exit 128\nfatal: repository not found</pre>',
    )
  })
})

describe('writeSummary', () => {
  it('appends the summary to GITHUB_STEP_SUMMARY, under 1 MiB even for huge output', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-sum-')), 'summary')
    writeFileSync(file, '')
    vi.stubEnv('GITHUB_STEP_SUMMARY', file)
    const results = Array.from({ length: 300 }, (_, i) => failed(`t${i}`, 1, 'z'.repeat(30_000)))
    await writeSummary(report(results))
    const written = readFileSync(file, 'utf8')
    expect(Buffer.byteLength(written)).toBeLessThan(MiB)
    expect(written).toContain('<h2>❌ test (cpu: 2, memory: 4)</h2>')
    expect(written).toContain('<code>t299</code>')
  })

  it('without a summary file it logs and carries on instead of failing the job', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    await expect(writeSummary(report([passed('x')]))).resolves.toBeUndefined()
    expect(out.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('summary is skipped')
    out.mockRestore()
  })
})
