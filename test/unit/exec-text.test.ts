// The driver's end line (shell/exec-text.ts): taken out of a command's output however the bytes are cut into
// chunks, read into how the command ended, and never confused with output that only resembles it.
import { describe, expect, it } from 'vitest'
import { EndLineFilter, execText, newMarker, parseEnd, shellQuote } from '../../src/shell/exec-text.ts'

const marker = newMarker()
const encode = (text: string) => new TextEncoder().encode(text)
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** feeds `chunks` through a filter: the output it let through, and what the end line said */
function filtered(chunks: string[]) {
  const filter = new EndLineFilter(marker)
  let out = ''
  for (const chunk of chunks) out += decode(filter.push(encode(chunk)))
  out += decode(filter.flush())
  return { out, end: filter.end }
}

describe('EndLineFilter', () => {
  it('passes the output through and takes out the end line, reading how the command ended', () => {
    const { out, end } = filtered([
      `hello\nworld\n${marker} status=3 exit=1 trap=1 jobs=2 shell=sh-default\n`,
    ])
    expect(out).toBe('hello\nworld\n')
    expect(end).toEqual({ status: 3, exited: true, exitTrap: true, jobs: 2, shell: 'sh-default' })
  })

  it('finds the end line wherever the chunks are cut', () => {
    const text = `out\n${marker} status=0\n`
    for (let cut = 1; cut < text.length; cut++) {
      const { out, end } = filtered([text.slice(0, cut), text.slice(cut)])
      expect([cut, out, end?.status]).toEqual([cut, 'out\n', 0])
    }
  })

  it('gives back a partial line that only began like the end line, and lets other partial lines through at once', () => {
    const filter = new EndLineFilter(marker)
    expect(decode(filter.push(encode(`no newline yet ${marker.slice(0, 5)}`)))).toBe(
      `no newline yet ${marker.slice(0, 5)}`,
    )
    expect(decode(filter.push(encode(`\n${marker.slice(0, 9)}`)))).toBe('\n')
    expect(decode(filter.flush())).toBe(marker.slice(0, 9))
    expect(filter.end).toBeUndefined()
  })

  it('takes the marker only at the start of a line', () => {
    const { out, end } = filtered([`say ${marker} status=1\n`])
    expect(out).toBe(`say ${marker} status=1\n`)
    expect(end).toBeUndefined()
  })

  it('lets nothing through after the end line', () => {
    const filter = new EndLineFilter(marker)
    filter.push(encode(`${marker} status=0\n`))
    expect(filter.push(encode('late output\n'))).toHaveLength(0)
    expect(filter.end?.status).toBe(0)
  })
})

describe('parseEnd', () => {
  it('needs the marker and a whole-number status; the other fields default', () => {
    expect(parseEnd(`${marker} status=7`, marker)).toEqual({
      status: 7,
      exited: false,
      exitTrap: false,
      jobs: 0,
      shell: '',
    })
    expect(parseEnd(`${marker} status=x`, marker)).toBeUndefined()
    expect(parseEnd(`${marker} status=1.5`, marker)).toBeUndefined()
    expect(parseEnd(`other status=0`, marker)).toBeUndefined()
    expect(parseEnd(`${marker}   status=0   exit=0  jobs=x`, marker)).toMatchObject({
      status: 0,
      exited: false,
      jobs: 0,
    })
  })
})

describe('the exec text', () => {
  it('quotes for sh, whatever the value holds', () => {
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`)
  })

  it("makes a marker of its own each time, shaped as the action's", () => {
    expect(marker).toMatch(/^::daytona-action-end-[0-9a-f]{24}::$/)
    expect(newMarker()).not.toBe(marker)
  })

  it('writes each file with a heredoc no body can end early, and starts the driver with the quoted arguments', () => {
    const text = execText({
      index: 4,
      text: "echo 'DAYTONA_ACTION_'",
      line: 12,
      startDir: 'src dir',
      shell: { kind: 'custom', template: 'python {0}' },
      marker,
    })
    const [head, ...rest] = text.split('\n')
    const delimiter = /<<'(DAYTONA_ACTION_[0-9A-F]{16})_0'/.exec(head!)![1]!
    expect(head).toContain(`__dta="\${TMPDIR:-/tmp}/daytona-action" && mkdir -p "$__dta/4" && `)
    expect(head).toContain(
      `cat > "$__dta/4/command" <<'${delimiter}_3' && cat > "$__dta/4/template" <<'${delimiter}_4'`,
    )
    expect(
      head!.endsWith(`/bin/sh "$__dta/4/driver.sh" 'src dir' 'custom' '${marker}' '12' </dev/null`),
    ).toBe(true)
    const body = rest.join('\n')
    expect(body).toContain(`\necho 'DAYTONA_ACTION_'\n${delimiter}_3\npython {0}\n${delimiter}_4\n`)
    expect(body.endsWith(`${delimiter}_4\n`)).toBe(true)
  })

  it('writes no template for the built-in shells', () => {
    const text = execText({ index: 1, text: 'true', line: 1, startDir: '.', shell: { kind: 'bash' }, marker })
    expect(text.split('\n')[0]).not.toContain('/template')
    expect(text.split('\n')[0]).toContain(`'bash'`)
  })
})
