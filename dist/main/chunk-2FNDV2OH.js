import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  require_crypto
} from "./chunk-IO2VXFRS.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-QLYWY7VR.js";

// builtin:util
var require_util = __commonJS({
  "builtin:util"(exports, module) {
    module.exports = __require("node:util");
  }
});

// src/shell/exec-text.ts
var import_node_crypto = __toESM(require_crypto(), 1);

// src/shell/scripts.ts
var DRIVER = `dir=$(cd "$(dirname "$0")" && pwd) || exit 125
root=$(dirname "$dir")
start=$1 shell=$2 marker=$3 line=$4
out=$dir/output
: > "$out" || exit 125
rm -f "$dir/status" "$dir/sent" "$dir/exited" "$dir/jobs" "$dir/pump-ready"
if [ "$shell" = bash-default ] && ! command -v bash >/dev/null 2>&1; then shell=sh-default; fi
case $shell in
  bash*) lib=$root/state.bash ;;
  sh*) lib=$root/state.sh ;;
  *) lib= ;;
esac
if [ -n "$lib" ]; then
  {
    # One line of set-up, then the command on the line it has in the block, so the shell's errors name it.
    printf '__dta_dir=%s __dta_root=%s __dta_start=%s; . "$__dta_root/%s"; __dta_begin; ' \\
      "$(quote "$dir")" "$(quote "$root")" "$(quote "$start")" "$(basename "$lib")"
    [ -f "$root/state" ] && printf '. "$__dta_root/state"; ' || printf 'cd -- "$__dta_start" || exit 1; '
    i=1; while [ "$i" -lt "$line" ]; do echo; i=$((i + 1)); done
    cat "$dir/command"
    printf '\\n{ __dta_done; } 2>/dev/null\\n'
  } > "$dir/script"
fi
case $shell in
  bash-default) set -- bash -e "$dir/script" ;;
  bash) set -- bash --noprofile --norc -eo pipefail "$dir/script" ;;
  sh*) set -- sh -e "$dir/script" ;;
  custom) cp "$dir/command" "$dir/script"; set -- sh -c "$(sed "s|{0}|'$dir/script'|g" "$dir/template")" ;;
esac
[ "$shell" = custom ] && { cd "$start" || exit 1; }
# Its own session and process group: \`kill 0\` in a command ends that command, not the session shell.
group=; command -v setsid >/dev/null 2>&1 && group=setsid
$group "$@" < /dev/null >> "$out" 2>&1 &
child=$!
sent=0
pump() {
  size=$(wc -c < "$out") && size=$((size + 0))
  if [ "$size" -gt "$sent" ]; then tail -c +$((sent + 1)) "$out" | head -c $((size - sent)); sent=$size; fi
}
# The pump polls the output file; the driver wakes it (USR1) the moment the command ends. Its sleeps write
# nothing to the session's pipes, so none of them holds the command open.
# It says when its trap is set: a USR1 before that would kill it.
(
  trap : USR1
  : > "$dir/pump-ready"
  while [ ! -f "$dir/status" ]; do
    pump
    # a USR1 that came while it pumped found no sleep to cut short: the status file says the same
    [ -f "$dir/status" ] && break
    sleep 0.1 < /dev/null > /dev/null 2>&1 & wait $! 2>/dev/null
  done
  pump; echo "$sent" > "$dir/sent"
) &
pumper=$!
wait "$child"
status=$?
: > "$dir/status"
[ -f "$dir/pump-ready" ] && kill -USR1 "$pumper" 2>/dev/null
wait "$pumper"
sent=$(cat "$dir/sent" 2>/dev/null || echo 0)
# The marker goes on a line of its own (the daemon's labeller would end a partial last line anyway).
[ "$sent" -gt 0 ] && [ "$(tail -c +"$sent" "$out" | head -c 1 | wc -l)" -eq 0 ] && echo
exited=0; [ -f "$dir/exited" ] && exited=1
trap=0; [ -s "$root/exit-trap" ] && trap=1
printf '%s status=%s exit=%s trap=%s jobs=%s shell=%s\\n' "$marker" "$status" "$exited" "$trap" \\
  "$(cat "$dir/jobs" 2>/dev/null || echo 0)" "$shell"
exit "$status"
`;
var QUOTE_FUNCTION = `quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\\\\\''/g")"; }`;
var BASH_STATE = `exit() {
  local __dta_status=$?
  { __dta_exited=1; } 2>/dev/null
  if [ "$#" -eq 0 ]; then builtin exit "$__dta_status"; else builtin exit "$@"; fi
}
trap() {
  local __dta_action __dta_sig __dta_rest=()
  if [ "$#" -eq 1 ]; then case $1 in EXIT|0|SIGEXIT) __dta_exit_trap=; return 0 ;; esac; fi
  case $# in 0|1) builtin trap "$@"; return ;; esac
  case $1 in -p|-l) builtin trap "$@"; return ;; esac
  __dta_action=$1; shift
  if [ "$__dta_action" = -- ]; then __dta_action=$1; shift; fi
  for __dta_sig in "$@"; do
    case $__dta_sig in
      EXIT|0|SIGEXIT) if [ "$__dta_action" = - ]; then __dta_exit_trap=; else __dta_exit_trap=$__dta_action; fi ;;
      *) __dta_rest+=("$__dta_sig") ;;
    esac
  done
  if [ "\${#__dta_rest[@]}" -gt 0 ]; then builtin trap -- "$__dta_action" "\${__dta_rest[@]}"; fi
}
__dta_begin() { builtin trap '{ __dta_save; } 2>/dev/null' EXIT; }
__dta_done() { local __dta_status=$?; __dta_completed=1; return "$__dta_status"; }
__dta_prune() {
  local __dta_name
  for __dta_name in $(compgen -e); do
    case " $* " in *" $__dta_name "*) ;; *) unset "$__dta_name" 2>/dev/null ;; esac
  done
}
__dta_save() {
  local __dta_ec=$? __dta_v __dta_decl __dta_flags __dta_jobs __dta_i __dta_attributes
  # shopt first: set +o ends with xtrace, so that restoring it traces nothing of the restore itself
  { builtin shopt -p | while IFS= read -r __dta_v; do
      case $__dta_v in *' login_shell'|*' restricted_shell') ;; *) printf '%s\\n' "$__dta_v" ;; esac
    done; builtin set +o; } > "$__dta_root/options" 2>/dev/null
  builtin set +xveu
  # bash 4.4 and later tell a variable's attributes without a subshell per variable (tens of forks per
  # command); older ones (amazonlinux:2, centos:7) parse them out of \`declare -p\`
  __dta_attributes=; [ "\${BASH_VERSINFO[0]}\${BASH_VERSINFO[1]}" -ge 44 ] && __dta_attributes=1
  __dta_jobs=($(builtin jobs -rp))
  {
    printf '__dta_prune'; printf ' %s' $(compgen -e); printf '\\n'
    for __dta_v in $(compgen -v); do
      case $__dta_v in
        BASH|BASH_*|BASHOPTS|BASHPID|COMP_*|DIRSTACK|EPOCHREALTIME|EPOCHSECONDS|EUID|FUNCNAME|GROUPS|HISTCMD) continue ;;
        LINENO|OLDPWD|PIPESTATUS|PPID|PWD|RANDOM|SECONDS|SHELLOPTS|SHLVL|SRANDOM|UID|_|__dta_*) continue ;;
      esac
      if [ -n "$__dta_attributes" ]; then
        eval '__dta_flags=\${!__dta_v@a}'
        case $__dta_flags in *r*) continue ;; esac
        builtin declare -p "$__dta_v" 2>/dev/null
        continue
      fi
      __dta_decl=$(builtin declare -p "$__dta_v" 2>/dev/null) || continue
      __dta_flags=\${__dta_decl#declare -}; __dta_flags=\${__dta_flags%% *}
      case $__dta_flags in *r*) continue ;; esac
      printf '%s\\n' "$__dta_decl"
    done
    builtin declare -f
    builtin alias -p
    builtin trap -p
    printf 'builtin cd -- %q 2>/dev/null || true\\n' "$PWD"
    printf 'OLDPWD=%q\\n' "\${OLDPWD-}"
    __dta_i=$(( \${#DIRSTACK[@]} - 1 ))
    while [ "$__dta_i" -gt 0 ]; do
      printf 'builtin pushd -n -- %q >/dev/null\\n' "\${DIRSTACK[$__dta_i]/#~/$HOME}"
      __dta_i=$((__dta_i - 1))
    done
    printf '__dta_exit_trap=%q\\n' "\${__dta_exit_trap-}"
    cat "$__dta_root/options"
  } > "$__dta_root/state.tmp" 2>/dev/null && mv -f "$__dta_root/state.tmp" "$__dta_root/state"
  printf '%s' "\${__dta_exit_trap-}" > "$__dta_root/exit-trap"
  printf '%s' "$PWD" > "$__dta_root/cwd"
  echo "\${#__dta_jobs[@]}" > "$__dta_dir/jobs"
  if [ -n "\${__dta_exited-}" ] || { [ -z "\${__dta_completed-}" ] && [ "$__dta_ec" -eq 0 ]; }; then
    : > "$__dta_dir/exited"
  fi
  builtin exit "$__dta_ec"
}
`;
var SH_STATE = `__dta_exit() {
  __dta_status=$?
  __dta_exited=1
  if [ "$#" -eq 0 ]; then exit "$__dta_status"; else exit "$@"; fi
}
__dta_trap() {
  if [ "$#" -eq 1 ]; then case $1 in EXIT|0) __dta_exit_trap=; return 0 ;; esac; fi
  if [ "$#" -lt 2 ]; then command trap "$@"; return; fi
  __dta_action=$1; shift
  if [ "$__dta_action" = -- ]; then __dta_action=$1; shift; fi
  for __dta_sig in "$@"; do
    case $__dta_sig in
      EXIT|0) if [ "$__dta_action" = - ]; then __dta_exit_trap=; else __dta_exit_trap=$__dta_action; fi ;;
      *) command trap -- "$__dta_action" "$__dta_sig" ;;
    esac
  done
}
__dta_begin() { command trap '{ __dta_save; } 2>/dev/null' EXIT; }
__dta_done() { __dta_status=$?; __dta_completed=1; return "$__dta_status"; }
__dta_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\\\\\''/g")"; }
__dta_save() {
  __dta_ec=$?
  set +o > "$__dta_root/options" 2>/dev/null
  set +xveu
  {
    set | sed -n '/^[A-Za-z_][A-Za-z0-9_]*=/,$p' | grep -v -E '^(PPID|PWD|OLDPWD|LINENO|OPTIND|__dta_[a-z_]*)=' || true
    export -p
    alias | sed 's/^/alias /'
    command trap
    printf 'cd -- %s 2>/dev/null || true\\n' "$(__dta_quote "$PWD")"
    printf '__dta_exit_trap=%s\\n' "$(__dta_quote "\${__dta_exit_trap-}")"
    cat "$__dta_root/options"
  } > "$__dta_root/state.tmp" 2>/dev/null && mv -f "$__dta_root/state.tmp" "$__dta_root/state"
  printf '%s' "\${__dta_exit_trap-}" > "$__dta_root/exit-trap"
  printf '%s' "$PWD" > "$__dta_root/cwd"
  echo 0 > "$__dta_dir/jobs"
  if [ -n "\${__dta_exited-}" ] || { [ -z "\${__dta_completed-}" ] && [ "$__dta_ec" -eq 0 ]; }; then
    : > "$__dta_dir/exited"
  fi
  exit "$__dta_ec"
}
alias exit=__dta_exit trap=__dta_trap
`;

// src/shell/exec-text.ts
var ROOT = '"${TMPDIR:-/tmp}/daytona-action"';
function execText(launch) {
  const files = [
    [`${launch.index}/driver.sh`, `${QUOTE_FUNCTION}
${DRIVER}`],
    ["state.bash", BASH_STATE],
    ["state.sh", SH_STATE],
    [`${launch.index}/command`, launch.text]
  ];
  if (launch.shell.kind === "custom") files.push([`${launch.index}/template`, launch.shell.template]);
  const bodies = files.map(([, body]) => body);
  const delimiter = heredocDelimiter(bodies);
  const writes = files.map(([path], i) => `cat > "$__dta/${path}" <<'${delimiter}_${i}'`);
  const args = [launch.startDir, launch.shell.kind, launch.marker, String(launch.line)].map(shellQuote);
  const head = [
    `__dta=${ROOT}`,
    `mkdir -p "$__dta/${launch.index}"`,
    ...writes,
    `/bin/sh "$__dta/${launch.index}/driver.sh" ${args.join(" ")} </dev/null`
  ].join(" && ");
  const heredocs = bodies.map((body, i) => `${body.endsWith("\n") ? body : `${body}
`}${delimiter}_${i}
`);
  return `${head}
${heredocs.join("")}`;
}
function newMarker() {
  return `::daytona-action-end-${(0, import_node_crypto.randomBytes)(12).toString("hex")}::`;
}
function parseEnd(line, marker) {
  if (!line.startsWith(marker)) return void 0;
  const fields = Object.fromEntries(
    line.slice(marker.length).trim().split(/\s+/).map((pair) => pair.split("=", 2))
  );
  const status = Number(fields.status);
  if (!Number.isInteger(status)) return void 0;
  return {
    status,
    exited: fields.exit === "1",
    exitTrap: fields.trap === "1",
    jobs: Number(fields.jobs) || 0,
    shell: fields.shell ?? ""
  };
}
function shellQuote(value) {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
function heredocDelimiter(bodies) {
  for (; ; ) {
    const delimiter = `DAYTONA_ACTION_${(0, import_node_crypto.randomBytes)(8).toString("hex").toUpperCase()}`;
    if (!bodies.some((body) => body.includes(delimiter))) return delimiter;
  }
}
var EndLineFilter = class {
  #marker;
  #markerText;
  #held = new Uint8Array(0);
  #end;
  constructor(marker) {
    this.#markerText = marker;
    this.#marker = new TextEncoder().encode(marker);
  }
  /** What the end line said, once it has come. */
  get end() {
    return this.#end;
  }
  /** The part of what came so far that is output; after the end line nothing more is. */
  push(chunk) {
    if (this.#end) return EMPTY;
    const bytes = this.#held.length > 0 ? concat(this.#held, chunk) : chunk;
    this.#held = EMPTY;
    const lastBreak = bytes.lastIndexOf(NEWLINE, bytes.length - 2);
    const lineStart = lastBreak + 1;
    const last = bytes.subarray(lineStart);
    const complete = last[last.length - 1] === NEWLINE;
    if (startsWith(last, this.#marker) || startsWith(this.#marker, last)) {
      if (complete && last.length > this.#marker.length) {
        this.#end = parseEnd(new TextDecoder().decode(last).trimEnd(), this.#markerText);
      } else this.#held = last.slice();
      return bytes.subarray(0, lineStart);
    }
    return bytes;
  }
  /** What is still held back once the output has ended: a partial line that was not the end line. */
  flush() {
    const held = this.#held;
    this.#held = EMPTY;
    return held;
  }
};
var EMPTY = new Uint8Array(0);
var NEWLINE = 10;
function startsWith(bytes, prefix) {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

// src/sandbox-tar.ts
var TAR_TIMEOUT_S = 900;
async function runTarScript(toolbox, script, what) {
  const { exitCode, result } = await toolbox.process.execute({
    command: `sh -c ${shellQuote(script)}`,
    timeout: TAR_TIMEOUT_S
  });
  if (exitCode !== 0) {
    const last = result.trim().split("\n").slice(-1)[0] ?? "";
    throw new Error(
      `could not ${what} in the sandbox (exit code ${exitCode}; its image needs tar and gzip). ${last}`.trim()
    );
  }
  return result.trim();
}

export {
  execText,
  newMarker,
  shellQuote,
  EndLineFilter,
  require_util,
  runTarScript
};
