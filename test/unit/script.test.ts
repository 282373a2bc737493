// The run block split into top-level commands by mvdan/sh's parser, as a workflow author would count them.
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/input-parsers.ts'
import { parseScript, plainLines, scriptCommands, splitScript } from '../../src/script.ts'
import { RUN_BLOCKS } from '../corpus/run-blocks.ts'

const texts = async (script: string) => (await splitScript('run', script, 'bash')).map((c) => c.text)

describe('splitScript', () => {
  it('keeps multi-line constructs whole: if, for, while, case, functions, heredocs, continuations', async () => {
    const script = [
      'set -euo pipefail',
      'if [ -f package.json ]; then',
      '  npm ci',
      'fi',
      'for f in a b; do echo "$f"; done',
      'while false; do',
      '  :',
      'done',
      'case "$x" in',
      '  a) echo a ;;',
      'esac',
      'build() {',
      '  make "$@"',
      '}',
      'cat <<EOF > out.txt',
      'hello $USER',
      '# not a comment: part of the heredoc',
      'EOF',
      'docker run \\',
      '  --rm alpine',
    ].join('\n')
    expect(await texts(script)).toEqual([
      'set -euo pipefail',
      'if [ -f package.json ]; then\n  npm ci\nfi',
      'for f in a b; do echo "$f"; done',
      'while false; do\n  :\ndone',
      'case "$x" in\n  a) echo a ;;\nesac',
      'build() {\n  make "$@"\n}',
      'cat <<EOF > out.txt\nhello $USER\n# not a comment: part of the heredoc\nEOF',
      'docker run \\\n  --rm alpine',
    ])
  })

  it('counts a line of several statements as one command, and skips comments and blank lines', async () => {
    expect(await texts('# setup\n\nnpm ci; npm test   # both\n  echo a && echo b\n# end')).toEqual([
      'npm ci; npm test   # both',
      'echo a && echo b',
    ])
  })

  it("gives each command the line it starts on, so the shell's line numbers match the block's", async () => {
    const commands = await splitScript('run', 'echo a\n\nif true; then\n  echo b\nfi\necho c', 'bash')
    expect(commands.map((c) => c.line)).toEqual([1, 3, 6])
  })

  it('keeps jobs with the statements that wait for them or name them by $!', async () => {
    const script = 'a &\nb &\nwait\necho all\nnpm start &\ncurl x\nserver &\nPID=$!\nkill "$PID"'
    expect(await texts(script)).toEqual([
      'a &\nb &\nwait',
      'echo all',
      'npm start &',
      'curl x',
      'server &\nPID=$!',
      'kill "$PID"',
    ])
  })

  it('refuses a script that does not parse, naming the input and the position', async () => {
    const error = await splitScript('run', 'echo ok\nif true; then\n  echo', 'bash').catch((e) => e)
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toBe(
      "Input 'run' is not a valid shell script: line 2, column 1: `if` statement must end with `fi`.",
    )
    const quote = await splitScript('run', 'echo "unterminated', 'bash').catch((e) => e)
    expect(quote.message).toMatch(/^Input 'run' is not a valid shell script: line 1, column 6: .*quote/)
  })

  it('refuses a script of comments only', async () => {
    const error = await splitScript('run', '# nothing\n\n', 'bash').catch((e) => e)
    expect(error.message).toBe("Input 'run' has no commands: it holds only blank lines and comments.")
  })

  it('parses sh scripts as POSIX, where bash syntax is an error', async () => {
    await expect(splitScript('run', 'a=(1 2)', 'posix')).rejects.toThrow(/not a valid shell script/)
    expect(await splitScript('run', 'a=(1 2)', 'bash')).toHaveLength(1)
  })
})

describe('plainLines', () => {
  // one-line commands from real workflows' run blocks: what the parser need not be loaded for
  const plain = [
    'true',
    'npm ci\nnpm test',
    'npm run build --if-present\nnpm test -- --coverage',
    '  make -j4   test  \n\n\tgo test -race ./...\n',
    'cargo test --all-features --workspace',
    'python -m pip install -r requirements.txt\npytest -q tests/',
    './gradlew build --no-daemon\nmvn -B verify',
    'bundle exec rake spec',
    'dotnet test --configuration Release',
    'FOO=1 env',
    'ls *.log src/[ab].ts',
    'time npm test',
    '[[ -f package.json ]]',
    'cd ~/project',
  ]

  it('splits what it takes exactly as the parser does, lines included', async () => {
    for (const script of plain) {
      expect(plainLines(script), script).toEqual(await parseScript('run', script, 'bash'))
      expect(plainLines(script), script).toEqual(await parseScript('run', script, 'posix'))
    }
    for (const block of RUN_BLOCKS) {
      const split = plainLines(block.run)
      if (split) expect(split, block.name).toEqual(await parseScript('run', block.run, 'bash'))
    }
  })

  it('leaves to the parser anything that could join lines or split one', () => {
    for (const script of [
      'echo $HOME',
      'npm ci && npm test',
      'npm test # unit only',
      'if true\nthen true\nfi',
      'for f in a b',
      'done',
      'echo a \\\nb',
      'cat <<EOF\nx\nEOF',
      'echo "a b"',
      "echo 'a'",
      'f() { true; }',
      '{ true\n}',
      'npm start &',
      'true\r',
      'echo\u00a0a',
      '',
      '\n  \n',
    ]) {
      expect(plainLines(script), JSON.stringify(script)).toBeUndefined()
    }
  })
})

describe('scriptCommands', () => {
  it('runs a custom shell on the whole block as one command, as GitHub runs it', async () => {
    const commands = await scriptCommands({
      run: 'print("a")\nprint("b")',
      shell: { kind: 'custom', template: 'python {0}' },
    })
    expect(commands).toEqual([{ text: 'print("a")\nprint("b")', line: 1 }])
  })
})
