// `run:` blocks as people write them in workflows, with where each shape comes from. Each block runs through
// the bundled action against the emulator and, for comparison, directly with bash as a workflow step would
// (`bash -e {0}`, GitHub's default). `codes` is what each top-level command must report: an exit code, or
// null for a command that did not run. The fixture repository (fixture.ts) has a package.json with a tiny
// HTTP server, a src/ directory and a Python script.

export interface RunBlock {
  name: string
  /** where the shape is taken from */
  origin: string
  run: string
  failFast?: boolean
  codes: Array<number | null>
}

export const RUN_BLOCKS: RunBlock[] = [
  {
    name: 'strict mode, then a multi-line if',
    origin:
      'the issue report; "set -euo pipefail" heads most hand-written CI scripts (e.g. GitHub docs examples)',
    run: `set -euo pipefail
if [ -f package.json ]; then
  echo "has package.json"
fi
echo done`,
    codes: [0, 0, 0],
  },
  {
    name: 'for loop over files',
    origin: 'looping over packages or test shards, common in monorepo workflows',
    run: `for f in src/*.txt; do
  echo "checking $f"
  test -s "$f"
done`,
    codes: [0],
  },
  {
    name: 'while read over a here-string',
    origin: 'reading a list of targets line by line (actions docs: "while IFS= read -r")',
    run: `targets=$'alpha\\nbeta\\ngamma'
while IFS= read -r t; do
  echo "target: $t"
done <<< "$targets"`,
    codes: [0, 0],
  },
  {
    name: 'case over a variable',
    origin: 'switching on $RUNNER_OS / a matrix value in cross-platform workflows',
    run: `OS_NAME=linux
case "$OS_NAME" in
  linux) echo "on linux" ;;
  darwin) echo "on mac" ;;
  *) echo "unknown"; exit 1 ;;
esac`,
    codes: [0, 0],
  },
  {
    name: 'unquoted heredoc writes a config file',
    origin: 'writing .npmrc / settings files from secrets and variables (heredoc with expansion)',
    run: `NAME=widgets
cat > config.ini <<EOF
[app]
name = $NAME
home = \${NAME}-home
EOF
cat config.ini`,
    codes: [0, 0, 0],
  },
  {
    name: 'quoted heredoc keeps dollars literal',
    origin: "scripts generated with <<'EOF' so the runner does not expand them",
    run: `cat > check.sh <<'EOF'
echo "literal $NAME and $(date)"
EOF
cat check.sh
grep -c 'NAME' check.sh`,
    codes: [0, 0, 0],
  },
  {
    name: 'function defined, then called by later commands',
    origin: 'helper functions at the top of long run blocks (retry/log helpers)',
    run: `log() {
  printf '[ci] %s\\n' "$*"
}
retry() {
  local n=0
  until "$@"; do n=$((n + 1)); [ "$n" -ge 3 ] && return 1; done
}
log "starting"
retry test -d src
log "finished"`,
    codes: [0, 0, 0, 0, 0],
  },
  {
    name: 'python virtualenv, activated, then used',
    origin: 'actions/setup-python users: "python -m venv .venv; source .venv/bin/activate"',
    run: `python3 -m venv .venv
source .venv/bin/activate
python -c 'import sys; print("in venv:", sys.prefix != sys.base_prefix)'
python scripts/hello.py`,
    codes: [0, 0, 0, 0],
  },
  {
    name: 'cd, pushd and popd carry over',
    origin: 'building sub-projects: "pushd frontend && npm ci && popd"',
    run: `cd src
echo "in $(basename "$PWD")"
pushd .. > /dev/null
echo "pushed to $(basename "$PWD")"
popd > /dev/null
echo "back in $(basename "$PWD")"`,
    codes: [0, 0, 0, 0, 0, 0],
  },
  {
    name: 'export and PATH changes',
    origin: 'adding tool directories to PATH (echo "$HOME/.local/bin" >> $GITHUB_PATH in the runner world)',
    run: `mkdir -p tools
printf '#!/bin/sh\\necho "tool says $GREETING"\\n' > tools/greet && chmod +x tools/greet
export PATH="$PWD/tools:$PATH"
export GREETING=hello
greet`,
    codes: [0, 0, 0, 0, 0],
  },
  {
    name: 'guard that passes: [ … ] || exit 1',
    origin: 'sanity checks before a build: "[ -f package.json ] || exit 1"',
    run: `[ -f package.json ] || exit 1
echo "guard passed"`,
    codes: [0, 0],
  },
  {
    name: 'guard that fails ends the script with its code',
    origin: 'the same guard on a missing file',
    run: `echo before
[ -f missing.lock ] || { echo "no lock file" >&2; exit 3; }
echo never`,
    codes: [0, 3, null],
  },
  {
    name: 'background jobs, then wait',
    origin: 'parallel shards started with & and joined with wait (one command: the jobs and the wait)',
    run: `(sleep 0.3; echo "shard 1 done") &
(sleep 0.1; echo "shard 2 done") &
wait
echo "all shards done"`,
    codes: [0, 0],
  },
  {
    name: 'a server whose pid is kept with $!, killed at the end',
    origin: '"./server & SERVER_PID=$!" … "kill $SERVER_PID" in integration-test jobs',
    run: `sleep 30 &
SERVER_PID=$!
echo "server started"
kill "$SERVER_PID"
echo "server stopped"`,
    codes: [0, 0, 0, 0],
  },
  {
    name: 'a server started with & in one command, used by the next',
    origin: 'the most common CI pattern: "npm start &", wait for readiness with curl, then the tests',
    run: `npm start > server.log 2>&1 &
for i in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$PORT/"
grep -c listening server.log`,
    codes: [0, 0, 0, 0],
  },
  {
    name: 'trap on EXIT runs at the end of the script',
    origin: 'cleanup traps: "trap \'docker compose down\' EXIT"',
    run: `trap 'echo "cleanup ran"' EXIT
echo working
echo still working`,
    codes: [0, 0, 0],
  },
  {
    name: 'trap on EXIT after a failure',
    origin: 'cleanup traps that must run when the tests fail',
    run: `trap 'echo "cleanup after failure"' EXIT
echo testing
false
echo never`,
    codes: [0, 0, 1, null],
  },
  {
    name: 'backslash continuations',
    origin: 'long docker/curl command lines split with \\',
    run: `printf '%s|' \\
  one \\
  two \\
  three
echo`,
    codes: [0, 0],
  },
  {
    name: 'a failing command with fail-fast on',
    origin: 'lint then test, where lint fails',
    run: `echo lint
(exit 2)
echo test`,
    codes: [0, 2, null],
  },
  {
    name: 'a failing command with fail-fast off',
    origin: 'the same with fail-fast: false, to see every failure in one run',
    run: `echo lint
(exit 2)
echo test`,
    failFast: false,
    codes: [0, 2, 0],
  },
  {
    name: 'set -e turned on midway',
    origin: 'scripts that enable errexit after an optional step',
    run: `grep -q nothing-like-this package.json || echo "optional step skipped"
set -e
echo "strict now"
false
echo never`,
    codes: [0, 0, 0, 1, null],
  },
  {
    name: 'pipefail catches a failure inside a pipe',
    origin: '"set -o pipefail" before "npm test | tee test.log"',
    run: `set -o pipefail
false | tee pipe.log
echo never`,
    codes: [0, 1, null],
  },
  {
    name: 'nounset reports an unset variable',
    origin: '"set -u" catching a missing secret',
    run: `set -u
echo "value: $MISSING_VARIABLE"
echo never`,
    codes: [0, 1, null],
  },
  {
    name: 'aliases when enabled',
    origin: 'shopt -s expand_aliases, then short aliases in longer scripts',
    run: `shopt -s expand_aliases
alias count='wc -l <'
count package.json`,
    codes: [0, 0, 0],
  },
  {
    name: 'arrays',
    origin: 'lists of test suites kept in a bash array',
    run: `suites=(unit integration e2e)
echo "\${#suites[@]} suites, second is \${suites[1]}"
for s in "\${suites[@]}"; do echo "- $s"; done`,
    codes: [0, 0, 0],
  },
  {
    name: '&& chains and a subshell',
    origin: '"mkdir -p out && cd out && …" and "(cd sub && make)"',
    run: `mkdir -p out && cd out && touch ok
(cd .. && echo "subshell in $(basename "$PWD")")
ls`,
    codes: [0, 0, 0],
  },
  {
    name: 'exit 0 in the middle ends the script successfully',
    origin: 'early exits: "if [ -z "$CHANGED" ]; then echo nothing to do; exit 0; fi"',
    run: `CHANGED=""
if [ -z "$CHANGED" ]; then echo "nothing to do"; exit 0; fi
echo never`,
    codes: [0, 0, null],
  },
  {
    name: 'set -x traces the commands',
    origin: 'debugging a failing step with set -x',
    run: `set -x
echo traced
X=$((1 + 2))
echo "x is $X"`,
    codes: [0, 0, 0, 0],
  },
  {
    name: 'exit status checks with $?',
    origin: '"cmd || status=$?" to collect a failure and report it later',
    run: `status=0
grep -q no-such-text package.json || status=$?
echo "grep said $status"
test "$status" -eq 1`,
    codes: [0, 0, 0, 0],
  },
  {
    name: 'multi-line command substitution',
    origin: 'computing a value from a multi-line pipeline',
    run: `count=$(
  ls src |
    wc -l
)
echo "files: $((count))"`,
    codes: [0, 0],
  },
  {
    name: 'a command that is not found',
    origin: 'a typo or a tool missing from the image',
    run: `echo start
no-such-tool --version
echo never`,
    codes: [0, 127, null],
  },
]
