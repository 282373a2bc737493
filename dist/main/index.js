import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  ContextEscapeError,
  isInside,
  realPathOf
} from "./chunk-PCEQIAAZ.js";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  Daytona,
  DaytonaError,
  DeadlineError,
  ForbiddenError,
  LABEL_PREFIX,
  NotFoundError,
  ServerError,
  StateError,
  assertTrusted,
  assertWorkflowRun,
  assertWorkspaceTrusted,
  byteLength,
  cleanOutput,
  commandLabel,
  commitOf,
  errorCode,
  escapeHtml,
  forkOfPullRequest,
  formatDuration,
  fromEnvironment,
  githubGet,
  parseDuration,
  plural,
  readEventPayload,
  resolveSource,
  sandboxLabels,
  sandboxName,
  tailLines,
  truncateChars
} from "./chunk-T6BXRN5F.js";
import {
  printable
} from "./chunk-DW7GAU4X.js";
import {
  EndLineFilter,
  execText,
  newMarker,
  require_util,
  runTarScript,
  shellQuote
} from "./chunk-2FNDV2OH.js";
import {
  require_module,
  require_url
} from "./chunk-MAOBVQVE.js";
import "./chunk-DQEOZGSC.js";
import {
  ExitCode,
  debug,
  error,
  group,
  info,
  notice,
  require_child_process,
  require_os,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-IHAY7U6S.js";
import {
  require_crypto,
  require_fs,
  require_promises
} from "./chunk-IO2VXFRS.js";
import {
  require_path
} from "./chunk-3NDCYET4.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-QLYWY7VR.js";

// builtin:timers/promises
var require_promises2 = __commonJS({
  "builtin:timers/promises"(exports, module) {
    module.exports = __require("node:timers/promises");
  }
});

// builtin:perf_hooks
var require_perf_hooks = __commonJS({
  "builtin:perf_hooks"(exports, module) {
    module.exports = __require("node:perf_hooks");
  }
});

// src/input-parsers.ts
var import_node_path = __toESM(require_path(), 1);
var InputError = class extends Error {
  name = "InputError";
  /** The input at fault (the first one, for rules that span inputs). */
  input;
  constructor(input, message) {
    super(message);
    this.input = input;
  }
};
var MAX_DURATION_MS = 24 * 60 * 60 * 1e3;
function fail(name, form, value, subject = `Input '${name}'`) {
  const capped = value !== void 0 && value.length > 80 ? `${value.slice(0, 77)}...` : value;
  const shown = capped === void 0 ? "" : ` (got ${JSON.stringify(capped)})`;
  throw new InputError(name, `${subject} ${form}${shown}.`);
}
function check(ok, name, form, value) {
  if (!ok) fail(name, form, value);
}
function matching(read, name, pattern, form) {
  const value = read(name);
  if (!value) return void 0;
  check(pattern.test(value), name, form, value);
  return value;
}
function bool(read, name, fallback) {
  const value = read(name);
  if (value === "") return fallback;
  if (value === "true" || value === "True" || value === "TRUE") return true;
  if (value === "false" || value === "False" || value === "FALSE") return false;
  return fail(name, "must be true or false", value);
}
function wholeNumber(read, name, range, form) {
  const value = read(name);
  if (value === "") return void 0;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  check(number >= range.min && number <= range.max, name, form, value);
  return number;
}
function oneOf(read, name, choices, fallback) {
  const value = read(name) || fallback;
  check(choices.includes(value), name, `must be one of ${choices.join(", ")}`, value);
  return value;
}
function duration(read, name, fallback) {
  const value = read(name) || fallback;
  const ms = parseDuration(value) ?? 0;
  const form = "must be a duration such as 90s, 10m, 1h or 1h30m (or plain seconds), above 0 and at most 24h";
  check(ms > 0 && ms <= MAX_DURATION_MS, name, form, value);
  return ms;
}
function relativePath(name, value, base) {
  if (!value) return "";
  if (new RegExp("\\p{Cc}", "u").test(value)) fail(name, `must be a path relative to ${base} on one line`);
  if (value.startsWith("/") || value.startsWith("~") || /^[A-Za-z]:[\\/]/.test(value)) {
    fail(name, `must be a path relative to ${base}, not an absolute path`, value);
  }
  const normal = import_node_path.posix.normalize(value).replace(/\/+$/, "");
  if (normal === ".." || normal.startsWith("../")) {
    fail(name, `must stay inside ${base} (no '..' leading out of it)`, value);
  }
  return normal === "." ? "" : normal;
}
function keyValueLines(name, text, checkEntry, showLines) {
  const entries = /* @__PURE__ */ new Map();
  const firstLine2 = /* @__PURE__ */ new Map();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const number = index + 1;
    if (!line || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    if (eq < 0) fail(name, `line ${number} must be KEY=VALUE`, showLines ? line : void 0);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1);
    checkEntry(key, value, number);
    const seen = firstLine2.get(key);
    if (seen !== void 0) fail(name, `sets ${key} twice (lines ${seen} and ${number}); keep one`);
    firstLine2.set(key, number);
    entries.set(key, value);
  });
  return Object.fromEntries(entries);
}
var IMAGE_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
var IMAGE_REPO = new RegExp(
  `^(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*(?::\\d+)?/)?${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*$`
);
var IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
var IMAGE_DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
function imageReference(name, value) {
  const at = value.indexOf("@");
  const reference = at < 0 ? value : value.slice(0, at);
  const digest = at < 0 ? void 0 : value.slice(at + 1);
  const colon = reference.lastIndexOf(":");
  const hasTag = colon > reference.lastIndexOf("/");
  const tag = hasTag ? reference.slice(colon + 1) : void 0;
  const repo = hasTag ? reference.slice(0, colon) : reference;
  const valid = IMAGE_REPO.test(repo) && (tag === void 0 || IMAGE_TAG.test(tag)) && (digest === void 0 || IMAGE_DIGEST.test(digest));
  const form = "must be an image reference such as node:22-bookworm or ghcr.io/org/app@sha256:<digest>";
  check(valid, name, form, value);
  if (digest === void 0 && (tag === void 0 || tag === "latest")) {
    const why = "needs a fixed tag or a digest, e.g. node:22-bookworm: Daytona rejects :latest and untagged images";
    fail(name, why, value);
  }
  return value;
}
function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// src/cache/inputs.ts
var CACHE_INPUTS = {
  cachePaths: "cache-paths",
  cacheKey: "cache-key",
  cacheRestoreKeys: "cache-restore-keys"
};
function wantsCache(config) {
  return config.cachePaths.length > 0;
}
var MAX_KEY_LENGTH = 512;
var MAX_PATHS = 50;
var MAX_RESTORE_KEYS = 10;
function readCacheInputs(read) {
  const cachePaths = lines(read(CACHE_INPUTS.cachePaths)).map(sandboxPath);
  if (cachePaths.length > MAX_PATHS) fail(CACHE_INPUTS.cachePaths, `takes at most ${MAX_PATHS} paths`);
  const cacheKey = read(CACHE_INPUTS.cacheKey).trim();
  const cacheRestoreKeys = lines(read(CACHE_INPUTS.cacheRestoreKeys));
  if (cacheRestoreKeys.length > MAX_RESTORE_KEYS) {
    fail(CACHE_INPUTS.cacheRestoreKeys, `takes at most ${MAX_RESTORE_KEYS} keys`);
  }
  if (cachePaths.length > 0 && !cacheKey) {
    fail(
      CACHE_INPUTS.cacheKey,
      "is required when cache-paths is set (e.g. npm- followed by a hash of the lockfile)"
    );
  }
  if (cachePaths.length === 0 && (cacheKey || cacheRestoreKeys.length > 0)) {
    fail(CACHE_INPUTS.cachePaths, "must name the sandbox paths to cache when cache-key is set (e.g. ~/.npm)");
  }
  for (const [name, key] of [
    [CACHE_INPUTS.cacheKey, cacheKey],
    ...cacheRestoreKeys.map((k) => [CACHE_INPUTS.cacheRestoreKeys, k])
  ]) {
    if (key.length > MAX_KEY_LENGTH) fail(name, `must be at most ${MAX_KEY_LENGTH} characters`, key);
    if (key.includes(",") || new RegExp("\\p{Cc}", "u").test(key))
      fail(name, "must not contain commas or control characters", key);
  }
  return { cachePaths: [...new Set(cachePaths)], cacheKey, cacheRestoreKeys };
}
function lines(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
}
function sandboxPath(line) {
  const name = CACHE_INPUTS.cachePaths;
  if (new RegExp("\\p{Cc}", "u").test(line)) fail(name, "must be sandbox paths, one per line", line);
  if (!(line.startsWith("/") || line === "~" || line.startsWith("~/"))) {
    fail(name, "must be absolute sandbox paths or start with ~/ (the sandbox home), one per line", line);
  }
  const [head, ...rest] = line.split("/");
  if (rest.includes("..")) fail(name, "must not contain '..' segments", line);
  const segments = rest.filter((segment) => segment !== "" && segment !== ".");
  if (head === "" && segments.length === 0) fail(name, "must not be the whole filesystem (/)", line);
  return [head, ...segments].join("/") || "~";
}

// src/saved-state.ts
var STATE_KEYS = {
  apiUrl: "api-url",
  name: "sandbox-name",
  id: "sandbox-id",
  /** 'deleted', 'kept' or 'none': main settled the sandbox's fate, post has nothing to do */
  settled: "sandbox-settled"
};

// src/untrusted-output.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var Fence = class {
  #token = (0, import_node_crypto.randomUUID)();
  #atLineStart = true;
  #open = true;
  constructor() {
    writeStdout(`::stop-commands::${this.#token}
`);
  }
  write = (text) => {
    if (!this.#open || text.length === 0) return void 0;
    this.#atLineStart = typeof text === "string" ? text.endsWith("\n") : text[text.length - 1] === 10;
    return writeStdout(text);
  };
  /** Detaches every writer of this fence, then resumes workflow commands on a line of their own. */
  close() {
    if (!this.#open) return;
    this.#open = false;
    writeStdout(`${this.#atLineStart ? "" : "\n"}::${this.#token}::
`);
  }
};
var current;
async function withUntrustedOutput(fn) {
  guardStdout();
  if (current) return fn(current.write);
  const fence = new Fence();
  current = fence;
  try {
    return await fn(fence.write);
  } finally {
    if (current === fence) current = void 0;
    fence.close();
  }
}
function resumeWorkflowCommands() {
  const fence = current;
  current = void 0;
  fence?.close();
}
var broken;
function guardStdout() {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", markBroken);
}
var guarded = false;
function markBroken(err) {
  if (broken) return;
  broken = err;
  const reason = err.code ?? err.message;
  try {
    process.stderr.write(
      `The job log stopped accepting output (${reason}); the rest of the commands' output is dropped.
`
    );
  } catch {
  }
}
function writeStdout(text) {
  if (broken) return void 0;
  const out = process.stdout;
  try {
    if (out.write(text)) return void 0;
  } catch (err) {
    markBroken(err);
    return void 0;
  }
  if (out.destroyed) return void 0;
  return new Promise((resolve3) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      out.off("error", done);
      resolve3();
    };
    out.on("drain", done);
    out.on("close", done);
    out.on("error", done);
  });
}

// src/cleanup.ts
var CANCEL_DEADLINE_MS = 6e3;
var DELETE_DEADLINE_MS = 6e4;
var Cleanup = class {
  #client;
  #ref = {};
  #settled = false;
  #removeSignalHandlers;
  constructor(client, apiUrl2) {
    this.#client = client;
    saveState(STATE_KEYS.apiUrl, apiUrl2);
    this.#removeSignalHandlers = onCancel(() => this.#cancel());
  }
  /** Saved before the create request, so the sandbox can be found even if the answer is lost. */
  rememberName(name) {
    this.#ref.name = name;
    saveState(STATE_KEYS.name, name);
  }
  rememberId(id) {
    this.#ref.id = id;
    saveState(STATE_KEYS.id, id);
  }
  /** Deletes the sandbox now (404 = already gone). Returns when it is gone or deleting failed (warning). */
  async deleteNow() {
    if (this.#settled || !this.#ref.id && !this.#ref.name) return true;
    const deleted = await deleteSandbox(this.#client, this.#ref, DELETE_DEADLINE_MS);
    if (deleted) this.#settle("deleted");
    return deleted;
  }
  /** The create request was refused outright (a bad key, a missing permission): nothing exists to delete. */
  forget() {
    this.#ref = {};
    this.#settle("none");
  }
  /** The workflow asked to keep it: post must not delete it (the backstop set at create still applies). */
  keep() {
    this.#settle("kept");
  }
  // Stryker disable next-line BlockStatement: called as main ends, when the process is about to exit with its handlers
  dispose() {
    this.#removeSignalHandlers();
  }
  #settle(how) {
    this.#settled = true;
    saveState(STATE_KEYS.settled, how);
  }
  async #cancel() {
    resumeWorkflowCommands();
    warning("The run was cancelled: deleting the sandbox.");
    if (!this.#ref.id && !this.#ref.name) return;
    if (await deleteSandbox(this.#client, this.#ref, CANCEL_DEADLINE_MS)) this.#settle("deleted");
  }
};
async function deleteSandbox(client, ref, deadlineMs) {
  const target = ref.id ?? ref.name;
  if (!target) return true;
  const signal = AbortSignal.timeout(deadlineMs);
  try {
    await client.sandboxes.delete(target, { signal });
    info(`Deleted sandbox ${ref.name ?? target}.`);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return true;
    warning(`Could not delete sandbox ${ref.name ?? target}: ${err.message}`);
    return false;
  }
}
function onCancel(handler) {
  let running = false;
  const listener = (signal) => {
    if (running) return;
    running = true;
    const exit = () => process.exit(signal === "SIGINT" ? 130 : 143);
    setTimeout(exit, CANCEL_DEADLINE_MS + 500).unref();
    handler().then(exit, exit);
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
}

// src/commands.ts
var import_node_path2 = __toESM(require_path(), 1);

// src/report/outputs.ts
var TIMEOUT_EXIT_CODE = 124;
function isFailure(result) {
  if (result.skipped) return false;
  return result.timedOut || result.exitCode !== 0;
}
function firstFailure(results) {
  return results.find(isFailure);
}
function reportedExitCode(result) {
  if (result.skipped) return null;
  if (result.timedOut) return TIMEOUT_EXIT_CODE;
  return result.exitCode;
}
function outputValues(report2, extra = {}) {
  const redact = extra.redact ?? ((text) => text);
  const values = {};
  if (report2.sandbox) {
    values["sandbox-id"] = report2.sandbox.id;
    values["sandbox-name"] = report2.sandbox.name;
  }
  const { environment: environment2 } = report2;
  const snapshot = extra.snapshot ?? (environment2.kind === "image" ? void 0 : environment2.name);
  if (snapshot) values.snapshot = snapshot;
  const cacheHit = extra.snapshotCacheHit ?? environment2.snapshotCacheHit;
  if (cacheHit !== void 0) values["snapshot-cache-hit"] = String(cacheHit);
  const failed = firstFailure(report2.results);
  values["exit-code"] = String(failed ? reportedExitCode(failed) ?? 1 : report2.error ? 1 : 0);
  values.results = JSON.stringify(
    report2.results.map((result) => ({
      command: redact(result.command),
      exitCode: reportedExitCode(result),
      durationMs: Math.round(result.durationMs),
      timedOut: result.timedOut,
      skipped: result.skipped
    }))
  );
  values.duration = String(Math.round(report2.durationMs));
  if (report2.downloads) values["download-path"] = report2.downloads.path;
  if (report2.tests) {
    const { passed, failed: failed2, skipped, total } = report2.tests;
    values.tests = JSON.stringify({ passed, failed: failed2, skipped, total });
  }
  return values;
}
function setOutputs(report2, extra = {}) {
  for (const [name, value] of Object.entries(outputValues(report2, extra))) setOutput(name, value);
}

// src/tail.ts
var encoder = new TextEncoder();
var Tail = class {
  #ring;
  /** bytes pushed so far; the ring holds the last min(total, limit) of them */
  #total = 0;
  constructor(limit) {
    this.#ring = new Uint8Array(limit);
  }
  push(chunk) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    const ring = this.#ring;
    const size = ring.length;
    const src = bytes.length > size ? bytes.subarray(bytes.length - size) : bytes;
    const skipped = bytes.length - src.length;
    const at = (this.#total + skipped) % size;
    const first = Math.min(src.length, size - at);
    ring.set(src.subarray(0, first), at);
    if (first < src.length) ring.set(src.subarray(first), 0);
    this.#total += bytes.length;
  }
  /** The kept bytes as text; a character cut at the start of the window is dropped. */
  text() {
    const ring = this.#ring;
    const size = ring.length;
    let bytes;
    if (this.#total <= size) bytes = ring.subarray(0, this.#total);
    else {
      const at = this.#total % size;
      bytes = new Uint8Array(size);
      bytes.set(ring.subarray(at), 0);
      bytes.set(ring.subarray(0, at), size - at);
    }
    let start = 0;
    if (this.#total > size) while (start < bytes.length && (bytes[start] & 192) === 128) start++;
    return new TextDecoder().decode(bytes.subarray(start));
  }
};

// src/commands.ts
var GROUP_TITLE_CHARS = 80;
var TAIL_BYTES = 64 * 1024;
var EXIT_TRAP = 'eval "$__dta_exit_trap"';
async function runCommands(shell2, opts, results) {
  let stopped = false;
  let exitTrap = false;
  for (const [index, command] of opts.commands.entries()) {
    if (stopped) {
      results.push(notRun(command.text));
      continue;
    }
    try {
      const { result, end } = await group(
        `$ ${commandLabel(command.text, GROUP_TITLE_CHARS)}`,
        () => shell2.run(command, opts)
      );
      results.push(result);
      if (index === 0 && end?.shell === "sh-default") {
        notice("The image has no bash: the commands run with sh -e, as a workflow step would.");
      }
      exitTrap = end?.exitTrap ?? exitTrap;
      stopped = end?.exited || opts.failFast && isFailure(result);
      if (end?.exited && index + 1 < opts.commands.length) {
        info(`\`exit\` ended the script: the remaining commands do not run, as in a workflow step.`);
      }
    } catch (err) {
      if (!(err instanceof Interrupted)) throw err;
      results.push(err.result, ...opts.commands.slice(index + 1).map((c) => notRun(c.text)));
      throw err.cause;
    }
  }
  if (exitTrap) {
    await group("EXIT trap", () => shell2.run({ text: EXIT_TRAP, line: 1 }, opts));
  }
}
var CommandShell = class {
  #toolbox;
  #marker = newMarker();
  #session;
  #sessions = 0;
  #commands = 0;
  #known = /* @__PURE__ */ new Set();
  constructor(toolbox) {
    this.#toolbox = toolbox;
  }
  /** Creates the session now, so that it is ready when the first command is. */
  open() {
    this.#current().catch(() => {
    });
    return this;
  }
  async run(command, opts) {
    const tail = new Tail(TAIL_BYTES);
    const filter = new EndLineFilter(this.#marker);
    const started = Date.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
    const result = (exitCode2, timedOut = false) => ({
      command: command.text,
      exitCode: exitCode2,
      durationMs: Date.now() - started,
      timedOut,
      skipped: false,
      tail: exitCode2 === 0 ? void 0 : tail.text()
    });
    const script2 = execText({
      index: ++this.#commands,
      text: command.text,
      line: command.line,
      startDir: opts.cwd,
      shell: opts.shell,
      marker: this.#marker
    });
    let exitCode = null;
    try {
      await withUntrustedOutput(async (write) => {
        const show = (bytes) => {
          tail.push(bytes);
          return write(bytes);
        };
        const { sessionId, cmdId } = await this.#start(script2);
        ({ exitCode } = await this.#toolbox.process.streamCommand(sessionId, cmdId, {
          onOutput: (_stream, bytes) => show(filter.push(bytes)),
          // The driver's end line says how the command ended: no need to ask the daemon, so the status is
          // only a safety net for a socket that delivers nothing, first checked after half a second.
          endedWith: () => filter.end?.status,
          firstPollMs: 500,
          signal: deadline.signal
        }));
        await show(filter.flush());
      });
    } catch (err) {
      if (!deadline.signal.aborted) throw new Interrupted(result(null), err);
    } finally {
      clearTimeout(timer);
    }
    if (exitCode === null) {
      await this.#kill().catch((err) => warning(`Could not kill the timed-out command: ${err}`));
      info(
        `Timed out after ${formatDuration(opts.timeoutMs)}: the command and every process of its session were killed; a next command starts in a new session, with the state from before this one.`
      );
      return { result: result(TIMEOUT_EXIT_CODE, true) };
    }
    const end = filter.end;
    logOutcome(result(exitCode));
    if (end?.jobs) {
      info(
        `${end.jobs === 1 ? "1 background job keeps" : `${end.jobs} background jobs keep`} running after this command, until the sandbox is deleted; what they print from now on goes to \${TMPDIR:-/tmp}/daytona-action/${this.#commands}/output in the sandbox.`
      );
    }
    return { result: result(exitCode), end };
  }
  /** Starts `script` in the session; a session whose shell has gone is replaced by a fresh one. */
  async #start(script2) {
    const sessionId = await this.#current();
    try {
      return { sessionId, cmdId: await this.#exec(sessionId, script2) };
    } catch (err) {
      if (!sessionEnded(err)) throw err;
      debug(`The shell of ${sessionId} has ended (${err}); starting a fresh one.`);
      this.#session = void 0;
      const fresh = await this.#current();
      return { sessionId: fresh, cmdId: await this.#exec(fresh, script2) };
    }
  }
  /**
   * An exec is not idempotent, so the client never resends it. When its answer is lost (a gateway error, a
   * dropped connection, our deadline), the session's command list says whether it started: adopt it, or send
   * it again once.
   */
  async #exec(sessionId, script2) {
    const process2 = this.#toolbox.process;
    try {
      return this.#remember((await process2.exec(sessionId, script2, { runAsync: true })).cmdId);
    } catch (err) {
      if (!answerLost(err)) throw err;
      const started = (await process2.getSession(sessionId)).commands?.find(
        (c) => c.command === script2 && !this.#known.has(c.id)
      );
      if (started) return this.#remember(started.id);
      info(`Starting the command failed (${err.message}); sending it again.`);
      return this.#remember((await process2.exec(sessionId, script2, { runAsync: true })).cmdId);
    }
  }
  /** Commands of this job seen so far, so that a lost answer is never matched to an earlier command. */
  #remember(cmdId) {
    this.#known.add(cmdId);
    return cmdId;
  }
  #current() {
    if (!this.#session) {
      const id = `daytona-action-${++this.#sessions}`;
      const created = this.#toolbox.process.createSession(id).then(() => id);
      created.catch(() => {
        if (this.#session === created) this.#session = void 0;
      });
      this.#session = created;
    }
    return this.#session;
  }
  /** Deleting a session kills its process tree: this is how a timeout reaches the sandbox. */
  async #kill() {
    const session = this.#session;
    this.#session = void 0;
    const id = await session?.catch(() => void 0);
    if (id) await this.#toolbox.process.deleteSession(id);
  }
};
var Interrupted = class extends Error {
  result;
  constructor(result, cause) {
    super("interrupted", { cause });
    this.result = result;
  }
};
function notRun(command) {
  return { command, exitCode: null, durationMs: 0, timedOut: false, skipped: true };
}
function sessionEnded(err) {
  return err instanceof DaytonaError && [400, 404, 410, 500].includes(err.status ?? 0);
}
function answerLost(err) {
  return err instanceof ConnectionError || err instanceof DeadlineError || err instanceof DaytonaError && [502, 503, 504].includes(err.status ?? 0);
}
function logOutcome(result) {
  const took = formatDuration(result.durationMs);
  if (result.exitCode === 0) info(`\u2713 exit code 0 in ${took}`);
  else info(`\u2717 exit code ${result.exitCode} after ${took}`);
}
function resolveCwd(clonePath, workingDirectory) {
  return import_node_path2.posix.join(clonePath, workingDirectory);
}

// src/environment/dockerfile.ts
var import_promises = __toESM(require_promises(), 1);
var import_node_path4 = __toESM(require_path(), 1);

// src/environment/key.ts
var import_node_crypto2 = __toESM(require_crypto(), 1);
var KEY_VERSION = 2;
var HASH_LENGTH = 16;
var PREFIX_LENGTH = 40;
function snapshotName(prefix, key) {
  const canonical = JSON.stringify([
    KEY_VERSION,
    key.trust,
    key.image ?? null,
    key.dockerfile ?? null,
    [...key.contextKeys ?? []].sort(),
    key.resources.cpu ?? null,
    key.resources.memory ?? null,
    key.resources.disk ?? null,
    key.region ?? null
  ]);
  const hash = (0, import_node_crypto2.createHash)("sha256").update(canonical).digest("hex").slice(0, HASH_LENGTH);
  return `${readablePrefix(prefix)}-${key.trust}-${hash}`;
}
function trustOf(source) {
  return source.isFork || source.eventFork ? "untrusted" : "trusted";
}
function readablePrefix(prefix) {
  const cleaned = prefix.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, PREFIX_LENGTH);
  return cleaned || "daytona-action";
}
function prefixOf(config, source) {
  return config.snapshotPrefix ?? source.baseRepository.split("/").pop() ?? "daytona-action";
}

// src/environment/whole-context.ts
var import_node_path3 = __toESM(require_path(), 1);
function wholeContextCopy(sources) {
  return sources.find((source) => {
    const path2 = import_node_path3.posix.normalize(source.source.replace(/^\/+/, "") || ".").replace(/\/+$/, "");
    return path2 === "." || path2 === "*";
  });
}
function noticeWholeContextCopy(path2, sources) {
  const copy = wholeContextCopy(sources);
  if (!copy) return;
  notice(
    `${path2} line ${copy.line} copies the whole build context into the image (${copy.keyword} ${copy.source}), so every commit is a new environment: a snapshot is built for every commit and every size. Copy only what installing the dependencies needs (e.g. COPY package.json package-lock.json ./ then RUN npm ci) and let the clone bring the code: the snapshot is then reused until the dependencies change.`,
    { title: "A snapshot per commit", file: path2, startLine: copy.line }
  );
}

// src/environment/dockerfile.ts
async function findDockerfile(config, source, workspace, env = process.env) {
  const path2 = config.dockerfile;
  const local = await readLocal(workspace, path2);
  if (local !== void 0) {
    assertWorkspaceTrusted(source, config.allowFork, path2);
    return { path: path2, text: local, from: "workspace" };
  }
  const at = `${source.repository}${source.sha || source.ref ? `@${(source.sha || source.ref).slice(0, 12)}` : ""}`;
  const remote = await fetchFromGitHub(path2, source, config.token, env);
  if (remote.found) {
    info(`${path2} is not in the workspace: using the one in ${at} (from the GitHub API).`);
    return { path: path2, text: remote.text, from: "github" };
  }
  if (remote.status === 404) {
    if (!config.dockerfileExplicit) return void 0;
    throw new Error(`Input 'dockerfile' names ${path2}, which is neither in the workspace nor in ${at}.`);
  }
  const why = `reading ${path2} from ${at} through the GitHub API failed (${remote.detail})`;
  if (config.dockerfileExplicit) {
    throw new Error(`Input 'dockerfile': ${why}. Check out the repository first (actions/checkout).`);
  }
  warning(
    `No ${path2} in the workspace, and ${why}: going on without it, from Daytona's default sandbox image. To build the repository's Dockerfile, check out the repository first (actions/checkout).`
  );
  return void 0;
}
async function readLocal(workspace, path2) {
  const real = await realPathOf((0, import_node_path4.resolve)(workspace, path2));
  if (!real) return void 0;
  const root = await realPathOf(workspace) ?? workspace;
  if (!isInside(root, real)) {
    throw new ContextEscapeError(
      `${path2} leads outside the workspace through a symbolic link: refusing to read it as the Dockerfile.`
    );
  }
  return (0, import_promises.readFile)(real, "utf8").catch((err) => {
    if (err.code === "EISDIR") throw new Error(`Input 'dockerfile' names ${path2}, which is a directory.`);
    throw new Error(`Could not read ${path2} from the workspace (${err.code ?? "error"}).`);
  });
}
async function fetchFromGitHub(path2, source, token, env) {
  const ref = source.sha || source.ref;
  const url = `/repos/${source.repository}/contents/${path2.split("/").map(encodeURIComponent).join("/")}` + (ref ? `?ref=${encodeURIComponent(ref)}` : "");
  try {
    const res = await githubGet(url, "application/vnd.github.raw", token, env);
    if (res.status === 200) {
      if (res.contentType.includes("json") && res.text.trimStart().startsWith("[")) {
        return { found: false, status: 404, detail: `${path2} is a directory` };
      }
      return { found: true, text: res.text };
    }
    return { found: false, status: res.status, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { found: false, detail: errorCode(err) ?? err.message };
  }
}
async function prepareDockerfile(client, config, source, workspace, dockerfile) {
  const { buildContext, copySources, uploadContext } = await import("./context-U5XQW2WK.js");
  const sources = copySources(dockerfile.text);
  if (dockerfile.from === "workspace") noticeWholeContextCopy(dockerfile.path, sources);
  if (dockerfile.from === "github" && sources.length > 0) {
    const first = sources[0];
    throw new Error(
      `${dockerfile.path} copies files from the build context (line ${first.line}: ${first.keyword} ${first.source}), and this job has no copy of the repository: add actions/checkout before this step.`
    );
  }
  const contextDir = (0, import_node_path4.resolve)(workspace, config.context ?? (0, import_node_path4.dirname)(config.dockerfile));
  const entries = await buildContext(contextDir, dockerfile.text, {
    dockerfileName: dockerfile.path,
    dockerfilePath: (0, import_node_path4.resolve)(workspace, dockerfile.path),
    workspace
  });
  const name = snapshotName(prefixOf(config, source), {
    dockerfile: dockerfile.text,
    contextKeys: entries.map((entry) => entry.key),
    resources: config.resources,
    region: config.target,
    trust: trustOf(source)
  });
  if (entries.length > 0) {
    const list = entries.map((e) => e.archivePath || ".").join(", ");
    info(printable(`${dockerfile.path}: build context ${list} \u2192 snapshot ${name}`));
  }
  return {
    name,
    prepareBuild: async () => ({
      dockerfileContent: dockerfile.text,
      contextHashes: entries.length > 0 ? await group("Uploading the build context", () => uploadContext(client, contextDir, entries)) : []
    })
  };
}

// src/environment/snapshot-family.ts
var HASH_LENGTH2 = 16;
var HASH = new RegExp(`^[0-9a-f]{${HASH_LENGTH2}}$`);
var DEFAULT_SIZE = { cpu: 1, memory: 1, disk: 3 };
function familyOf(name, resources, region) {
  const stem = name.slice(0, -HASH_LENGTH2);
  if (!stem || !HASH.test(name.slice(-HASH_LENGTH2))) return void 0;
  return {
    stem,
    cpu: resources.cpu ?? DEFAULT_SIZE.cpu,
    memory: resources.memory ?? DEFAULT_SIZE.memory,
    disk: resources.disk ?? DEFAULT_SIZE.disk,
    region
  };
}
function isInFamily(family, snapshot) {
  const { name } = snapshot;
  return !snapshot.general && name.length === family.stem.length + HASH_LENGTH2 && name.startsWith(family.stem) && HASH.test(name.slice(family.stem.length)) && snapshot.cpu === family.cpu && snapshot.mem === family.memory && snapshot.disk === family.disk && (family.region === void 0 || (snapshot.regionIds ?? []).includes(family.region));
}

// src/environment/prune.ts
var SETTLED = /* @__PURE__ */ new Set(["active", "inactive", "error", "build_failed"]);
var GONE = /* @__PURE__ */ new Set(["destroyed", "destroying"]);
var URGENT_PRUNE_AFTER_MS = 6e4;
async function pruneFamily(client, own, family, settings, opts = {}) {
  const listed = [];
  for await (const snapshot of client.snapshots.list(family.stem)) listed.push(snapshot);
  const organizationId = listed.find((s) => s.organizationId)?.organizationId;
  const keep = opts.urgent ? 1 : settings.keepSnapshots;
  const pruneAfterMs = opts.urgent ? Math.min(settings.pruneAfterMs, URGENT_PRUNE_AFTER_MS) : settings.pruneAfterMs;
  const now = Date.now();
  const siblings = listed.filter((s) => s.name !== own && isInFamily(family, s)).sort((a, b) => lastTouched(b) - lastTouched(a));
  const candidates = siblings.slice(Math.max(0, keep - 1)).filter((s) => SETTLED.has(s.state) && now - lastTouched(s) >= pruneAfterMs);
  if (candidates.length === 0) return { deleted: [], organizationId };
  const inUse = /* @__PURE__ */ new Set();
  for await (const sandbox of client.sandboxes.list({ snapshots: candidates.map((s) => s.name) })) {
    if (sandbox.snapshot && !GONE.has(sandbox.state ?? "")) inUse.add(sandbox.snapshot);
  }
  const deleted = [];
  for (const snapshot of candidates) {
    if (inUse.has(snapshot.name)) continue;
    try {
      await client.snapshots.delete(snapshot.id);
      deleted.push(snapshot.name);
    } catch (err) {
      if (!(err instanceof NotFoundError)) {
        warning(`Could not delete the superseded snapshot ${snapshot.name}: ${err.message}`);
      }
    }
  }
  return { deleted, organizationId };
}
async function pruneAfterUse(client, own, family, settings) {
  if (!settings.pruneSnapshots || !family) return;
  try {
    const { deleted } = await pruneFamily(client, own, family, settings);
    if (deleted.length > 0) {
      info(
        `Deleted ${deleted.length} superseded snapshot${deleted.length === 1 ? "" : "s"} of this environment (keeping the newest ${settings.keepSnapshots}, unused for ${formatDuration(settings.pruneAfterMs)} or more): ` + deleted.join(", ")
      );
    }
  } catch (err) {
    warning(`Pruning superseded snapshots failed: ${err.message}`);
  }
}
function lastTouched(snapshot) {
  const created = Date.parse(snapshot.createdAt);
  const used = snapshot.lastUsedAt ? Date.parse(snapshot.lastUsedAt) : 0;
  return Math.max(Number.isNaN(created) ? 0 : created, Number.isNaN(used) ? 0 : used);
}

// src/environment/quota.ts
function quotaHandler(client, own, family, settings) {
  let organizationId;
  return {
    async makeRoom() {
      if (!settings.pruneSnapshots || !family) return false;
      const result = await pruneFamily(client, own, family, settings, { urgent: true });
      organizationId = result.organizationId;
      if (result.deleted.length > 0) {
        info(
          `The snapshot quota is full: deleted this environment's older snapshots ${result.deleted.join(", ")}.`
        );
      }
      return result.deleted.length > 0;
    },
    async explain(err, name) {
      const figures = await usage(client, organizationId, family).catch(() => void 0);
      const count = figures ? `${figures.used} of ${figures.total} snapshots count` : "every snapshot counts";
      const pruning = settings.pruneSnapshots ? "This action deletes only its own superseded snapshots (same prefix and size), and none could go now." : "prune-snapshots is false, so this action deletes none of its older snapshots.";
      return new Error(
        `Daytona's snapshot quota is full (${count}: those building, pending, pulling or active), so snapshot ${name} cannot be made ready. ${pruning} Delete snapshots you no longer need in the Daytona dashboard (inactive ones do not count), lower keep-snapshots, or ask Daytona for a higher quota. (${err.message})`
      );
    }
  };
}
async function usage(client, known, family) {
  let organizationId = known;
  if (!organizationId && family) {
    for await (const snapshot of client.snapshots.list(family.stem)) {
      organizationId = snapshot.organizationId;
      if (organizationId) break;
    }
  }
  return organizationId ? client.snapshots.quota(organizationId) : void 0;
}

// src/environment/snapshot.ts
var import_promises3 = __toESM(require_promises2(), 1);

// src/environment/activate.ts
var import_promises2 = __toESM(require_promises2(), 1);
var TAKEN_BY_ANOTHER = /is already active|cannot be activated - it is in \S+ state/i;
var STILL_DEACTIVATING = /deactivation is still in progress/i;
var QUOTA_EXCEEDED = /snapshot quota exceeded/i;
var FIRST_RETRY_MS = 1e3;
var MAX_RETRY_MS = 15e3;
function isQuotaExceeded(err) {
  return err instanceof BadRequestError && QUOTA_EXCEEDED.test(err.message);
}
async function activateSnapshot(client, snapshot, opts) {
  let delay = FIRST_RETRY_MS;
  let madeRoom = false;
  let toldCooldown = false;
  for (; ; ) {
    try {
      await client.snapshots.activate(snapshot.id);
      return;
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      if (TAKEN_BY_ANOTHER.test(err.message)) {
        info(`Snapshot ${snapshot.name} is being activated by another job: waiting for it\u2026`);
        return;
      }
      if (isQuotaExceeded(err) && !madeRoom) {
        madeRoom = true;
        if (await opts.makeRoom()) continue;
      }
      if (!STILL_DEACTIVATING.test(err.message)) throw err;
      if (!toldCooldown) {
        info(
          `Daytona is still deactivating snapshot ${snapshot.name} (it refuses to activate it for ~10 minutes after): trying again\u2026`
        );
        toldCooldown = true;
      }
      if (Date.now() + delay > opts.deadline) {
        throw new Error(
          `Snapshot ${snapshot.name} could not be activated within ${formatDuration(opts.timeoutMs)}: Daytona was still deactivating it. Run the job again in a few minutes, or raise snapshot-timeout.`
        );
      }
      await (0, import_promises2.setTimeout)(delay);
      delay = Math.min(MAX_RETRY_MS, delay * 2);
    }
  }
}

// src/environment/snapshot.ts
var NO_QUOTA_HANDLER = {
  makeRoom: async () => false,
  explain: async (err) => err
};
var FAILED = /* @__PURE__ */ new Set(["error", "build_failed"]);
var LOG_TAIL_LINES = 30;
var LOG_DRAIN_MS = 3e3;
var QUOTA_ATTEMPTS = 3;
var QUOTA_RETRY_MS = 2e3;
async function ensureSnapshot(client, spec, settings) {
  const deadline = Date.now() + settings.snapshotTimeoutMs;
  let mayRebuild = settings.rebuildSnapshot;
  for (; ; ) {
    const existing = await client.snapshots.find(spec.name);
    if (!existing) return build(client, spec, settings);
    if (FAILED.has(existing.state) && mayRebuild) {
      mayRebuild = false;
      info(
        `Snapshot ${spec.name} is ${printable(existing.state)}: deleting it to rebuild, as rebuild-snapshot asks.`
      );
      await client.snapshots.delete(existing.id).catch((err) => {
        if (!(err instanceof NotFoundError)) throw err;
      });
      await waitUntilGone(client, existing, deadline, settings.snapshotTimeoutMs);
    } else if (existing.state === "removing") {
      info(`Snapshot ${spec.name} is being removed: waiting to build it again\u2026`);
      await waitUntilGone(client, existing, deadline, settings.snapshotTimeoutMs);
    } else {
      await waitUsable(client, existing, settings);
      return { name: spec.name, cacheHit: true };
    }
  }
}
async function useExistingSnapshot(client, name, timeoutMs) {
  const snapshot = await client.snapshots.find(name);
  if (!snapshot) throw new Error(`Input 'snapshot' names ${name}, which does not exist in this organisation.`);
  await waitUsable(client, snapshot, { snapshotTimeoutMs: timeoutMs, rebuildSnapshot: false });
}
async function waitUsable(client, snapshot, settings) {
  const { snapshotTimeoutMs: timeoutMs, rebuildSnapshot: rebuildOn } = settings;
  if (snapshot.state === "active") {
    info(`Reusing snapshot ${printable(snapshot.name)}.`);
    return;
  }
  if (FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot, rebuildOn);
  if (snapshot.state === "inactive") {
    info(`Snapshot ${printable(snapshot.name)} was deactivated after going unused: activating it\u2026`);
    const quota = settings.quota ?? NO_QUOTA_HANDLER;
    try {
      await activateSnapshot(client, snapshot, {
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        makeRoom: () => quota.makeRoom()
      });
    } catch (err) {
      if (isQuotaExceeded(err)) throw await quota.explain(err, snapshot.name);
      throw err;
    }
  } else {
    info(
      printable(`Snapshot ${snapshot.name} is ${snapshot.state} (another job is building it): waiting\u2026`)
    );
  }
  await waitActive(client, snapshot.name, timeoutMs, rebuildOn);
}
async function build(client, spec, settings) {
  const started = Date.now();
  const buildInfo = await spec.prepareBuild?.();
  let created;
  try {
    created = await createWithinQuota(client, { ...spec, buildInfo }, settings);
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    created = "taken";
  }
  if (created === "taken") {
    info(`Another job started building snapshot ${spec.name}: waiting for it\u2026`);
    await waitActive(client, spec.name, settings.snapshotTimeoutMs, settings.rebuildSnapshot);
    return { name: spec.name, cacheHit: true };
  }
  const snapshot = created;
  const logError = await group(
    `Building snapshot ${spec.name}`,
    () => withUntrustedOutput((write) => showBuild(client, snapshot, settings, write))
  );
  if (logError) debug(`Build log stream ended: ${logError}`);
  const buildMs = Date.now() - started;
  info(`Snapshot ${spec.name} built in ${formatDuration(buildMs)}.`);
  return { name: spec.name, cacheHit: false, buildMs };
}
async function createWithinQuota(client, spec, settings) {
  const quota = settings.quota ?? NO_QUOTA_HANDLER;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.snapshots.create({
        name: spec.name,
        imageName: spec.imageName,
        buildInfo: spec.buildInfo,
        ...settings.resources,
        regionId: settings.target
      });
    } catch (err) {
      if (!isQuotaExceeded(err)) throw err;
      if (await client.snapshots.find(spec.name)) return "taken";
      const freed = await quota.makeRoom();
      if (attempt >= QUOTA_ATTEMPTS) throw await quota.explain(err, spec.name);
      if (!freed) await (0, import_promises3.setTimeout)(QUOTA_RETRY_MS);
    }
  }
}
async function showBuild(client, created, settings, write) {
  let logError;
  let following = false;
  const stopLogs = new AbortController();
  const logs = client.snapshots.followBuildLogs(created.id, (line) => write(`${line}
`), {
    signal: stopLogs.signal,
    onFollowing: () => {
      following = true;
    }
  }).then(
    () => true,
    (err) => {
      if (!stopLogs.signal.aborted) logError = err;
      return true;
    }
  );
  try {
    await waitActive(client, created.id, settings.snapshotTimeoutMs, settings.rebuildSnapshot);
    if (following) await Promise.race([logs, (0, import_promises3.setTimeout)(LOG_DRAIN_MS)]);
  } finally {
    stopLogs.abort();
    await logs;
  }
  if (!following) {
    const whole = await client.snapshots.buildLogs(created.id).catch((err) => {
      logError ??= err;
      return "";
    });
    if (whole) write(whole.endsWith("\n") ? whole : `${whole}
`);
  }
  return logError;
}
async function waitActive(client, idOrName, timeoutMs, rebuildOn) {
  try {
    return await client.snapshots.waitUntilActive(idOrName, { timeoutMs });
  } catch (err) {
    const snapshot = await client.snapshots.find(idOrName).catch(() => void 0);
    if (snapshot && FAILED.has(snapshot.state)) throw await buildFailure(client, snapshot, rebuildOn);
    throw err;
  }
}
async function waitUntilGone(client, snapshot, deadline, timeoutMs) {
  while ((await client.snapshots.find(snapshot.name))?.id === snapshot.id) {
    if (Date.now() > deadline)
      throw new Error(`Snapshot ${snapshot.name} was not removed within ${formatDuration(timeoutMs)}.`);
    await (0, import_promises3.setTimeout)(1e3);
  }
}
async function buildFailure(client, snapshot, rebuildOn) {
  const log = await client.snapshots.buildLogs(snapshot.id).catch((err) => {
    if (err instanceof NotFoundError) return "";
    return `(the build log could not be read: ${err.message})`;
  });
  const tail = log.trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n");
  return new Error(
    `Snapshot ${snapshot.name} is ${snapshot.state}: ${snapshot.errorReason ?? "no reason given"}. ` + (rebuildOn ? "Fix the environment; with rebuild-snapshot: true the next run builds it again." : "Fix the environment, or set rebuild-snapshot: true to delete and rebuild it.") + (tail ? `
Last lines of its build log:
${tail}` : "")
  );
}

// src/environment/index.ts
var DEFAULT_IMAGE = "daytonaio/sandbox:0.4.3";
async function prepareEnvironment(client, config, source, workspace) {
  if (config.snapshot) {
    await useExistingSnapshot(client, config.snapshot, config.snapshotTimeoutMs);
    return { kind: "snapshot", snapshot: config.snapshot, createParams: { snapshot: config.snapshot } };
  }
  if (!config.image) {
    const dockerfile = await findDockerfile(config, source, workspace);
    if (dockerfile) {
      const build2 = await prepareDockerfile(client, config, source, workspace, dockerfile);
      return fromSnapshot("dockerfile", config.dockerfile, await ensureBounded(client, build2, config));
    }
  }
  const hasSize = Object.values(config.resources).some((value) => value !== void 0);
  if (!config.image && !hasSize) {
    notice("No image, snapshot or Dockerfile given: the sandbox uses Daytona\u2019s default snapshot.");
    return { kind: "default", createParams: {} };
  }
  const image = config.image ?? DEFAULT_IMAGE;
  const name = snapshotName(prefixOf(config, source), {
    image,
    resources: config.resources,
    region: config.target,
    trust: trustOf(source)
  });
  const built = await ensureBounded(client, { name, imageName: image }, config);
  return fromSnapshot(config.image ? "image" : "default", image, built);
}
async function ensureBounded(client, spec, config) {
  const family = familyOf(spec.name, config.resources, config.target);
  const quota = quotaHandler(client, spec.name, family, config);
  const built = await ensureSnapshot(client, spec, { ...config, quota });
  await pruneAfterUse(client, spec.name, family, config);
  return built;
}
function fromSnapshot(kind, origin, built) {
  return {
    kind,
    origin,
    snapshot: built.name,
    cacheHit: built.cacheHit,
    buildMs: built.buildMs,
    createParams: { snapshot: built.name }
  };
}

// src/results/inputs.ts
var import_node_path5 = __toESM(require_path(), 1);
var RESULTS_INPUTS = {
  download: "download",
  downloadPath: "download-path",
  testResults: "test-results"
};
function wantsResults(config) {
  return config.download.length > 0 || config.testResults.length > 0;
}
var DEFAULT_DOWNLOAD_DIR = "daytona-artifacts";
var MAX_PATTERNS = 100;
function readResultsInputs(read, env) {
  return {
    download: cloneGlobs(RESULTS_INPUTS.download, read(RESULTS_INPUTS.download)),
    downloadPath: downloadPath(read(RESULTS_INPUTS.downloadPath), env),
    testResults: cloneGlobs(RESULTS_INPUTS.testResults, read(RESULTS_INPUTS.testResults))
  };
}
function cloneGlobs(name, text) {
  const globs = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    globs.push(cloneGlob(name, line));
  }
  if (globs.length > MAX_PATTERNS) fail(name, `takes at most ${MAX_PATTERNS} paths or globs`);
  return [...new Set(globs)];
}
function cloneGlob(name, line) {
  if (new RegExp("\\p{Cc}", "u").test(line)) fail(name, "must be paths or globs relative to the clone, one per line", line);
  if (line.startsWith("/") || line.startsWith("~") || /^[A-Za-z]:[\\/]/.test(line)) {
    fail(name, "must be paths or globs relative to the clone, not absolute paths", line);
  }
  if (line.startsWith("!")) fail(name, "does not take exclusions (lines starting with !)", line);
  if (line.split(/[\\/]/).includes("..")) fail(name, "must stay inside the clone (no '..' segments)", line);
  const normal = line.split("/").filter((segment) => segment !== "" && segment !== ".").join("/");
  if (!normal) fail(name, "must name files inside the clone, not the clone itself", line);
  return normal;
}
function downloadPath(value, env) {
  if (value) {
    if (new RegExp("\\p{Cc}", "u").test(value)) fail(RESULTS_INPUTS.downloadPath, "must be a directory path on one line");
    return (0, import_node_path5.resolve)(env.GITHUB_WORKSPACE ?? process.cwd(), value);
  }
  const temp = env.RUNNER_TEMP;
  if (temp && (0, import_node_path5.isAbsolute)(temp)) return (0, import_node_path5.resolve)(temp, DEFAULT_DOWNLOAD_DIR);
  return (0, import_node_path5.resolve)(process.cwd(), DEFAULT_DOWNLOAD_DIR);
}

// src/inputs.ts
var INPUTS = {
  apiKey: "api-key",
  apiUrl: "api-url",
  target: "target",
  run: "run",
  shell: "shell",
  workingDirectory: "working-directory",
  env: "env",
  timeout: "timeout",
  failFast: "fail-fast",
  image: "image",
  snapshot: "snapshot",
  dockerfile: "dockerfile",
  context: "context",
  cpu: "cpu",
  memory: "memory",
  disk: "disk",
  source: "source",
  repository: "repository",
  ref: "ref",
  token: "token",
  cloneDepth: "clone-depth",
  keepSandbox: "keep-sandbox",
  keepMinutes: "keep-minutes",
  labels: "labels",
  summary: "summary",
  snapshotPrefix: "snapshot-prefix",
  rebuildSnapshot: "rebuild-snapshot",
  snapshotTimeout: "snapshot-timeout",
  pruneSnapshots: "prune-snapshots",
  keepSnapshots: "keep-snapshots",
  pruneAfter: "prune-after",
  allowFork: "allow-fork",
  maskEnv: "mask-env",
  capacityTimeout: "capacity-timeout",
  mode: "mode",
  olderThan: "older-than",
  dryRun: "dry-run",
  ...RESULTS_INPUTS,
  ...CACHE_INPUTS
};
var INPUT_NAMES = Object.freeze(Object.values(INPUTS));
var DEFAULT_API_URL = "https://app.daytona.io/api";
var DEFAULT_DOCKERFILE = "Dockerfile";
var KEEP_SANDBOX_MODES = ["never", "on-failure", "always"];
var SOURCE_KINDS = ["git", "workspace"];
var MODES = ["run", "cleanup"];
function inputFromEnv(env, name) {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
var ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var LABEL_KEY = /^[A-Za-z0-9._/-]{1,63}$/;
var TARGET = /^[a-z0-9][a-z0-9-]{0,62}$/;
var SNAPSHOT_NAME = /^[a-zA-Z0-9_.\-:]+(\/[a-zA-Z0-9_.\-:]+)*$/;
var SNAPSHOT_PREFIX = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;
var REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
var GIT_REF = /^(?![-/.])(?!.*(?:\.\.|@\{|\/\/|\/\.|\.lock(?:\/|$)|[/.]$))(?!@$)[^\p{Cc}\s~^:?*[\\]+$/u;
var SECRET_ENV_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|AUTH|CREDENTIAL|PRIVATE|COOKIE|SESSION)/i;
var MIN_SECRET_ENV_LENGTH = 4;
var PER_SANDBOX_MAX = { cpu: 16, memory: 192, disk: 512 };
var FORMS = {
  target: "must be a region name of lowercase letters, digits and dashes, e.g. us or eu",
  snapshot: "must be a snapshot name such as my-snapshot:1.0",
  repository: "must be owner/name, e.g. octo-org/octo-repo",
  ref: "must be a branch, tag or 40-character commit SHA",
  fullRef: "must be a branch, tag or commit SHA: only refs/heads/<branch> and refs/tags/<tag> can be cloned",
  snapshotPrefix: "must be at most 40 letters, digits, dots, dashes or underscores, starting with a letter or digit",
  cpu: `must be a whole number of vCPUs from 1 to ${PER_SANDBOX_MAX.cpu} (your organisation's limit, 4 by default, applies too)`,
  memory: `must be a whole number of GiB from 1 to ${PER_SANDBOX_MAX.memory} (your organisation's limit, 8 by default, applies too)`,
  disk: `must be a whole number of GiB from 3 to ${PER_SANDBOX_MAX.disk} (your organisation's limit, 10 by default, applies too)`,
  cloneDepth: "must be a whole number, 0 or more (0 = full history)",
  keepMinutes: "must be a whole number of minutes from 1 to 1440",
  keepSnapshots: "must be a whole number of snapshots from 1 to 100",
  capacityTimeout: "must be a duration such as 0s, 10m or 1h (or plain seconds), at most 24h",
  pruneAfter: "must be a duration such as 0s, 10m or 1h (or plain seconds), at most 24h"
};
function readInputs(get, env = process.env, setSecret2 = setSecret) {
  const read = get ?? ((name) => inputFromEnv(env, name));
  const apiKey = read(INPUTS.apiKey) || (env.DAYTONA_API_KEY ?? "").trim();
  const token = read(INPUTS.token);
  mask(apiKey, setSecret2);
  mask(token, setSecret2);
  checkSecret(INPUTS.apiKey, apiKey);
  checkSecret(INPUTS.token, token);
  if (!apiKey) throw new InputError(INPUTS.apiKey, `${missingApiKeyReason(env)}.`);
  const mode = oneOf(read, INPUTS.mode, MODES, "run");
  const image = optional(read(INPUTS.image), (value) => imageReference(INPUTS.image, value));
  const snapshot = matching(read, INPUTS.snapshot, SNAPSHOT_NAME, FORMS.snapshot);
  const dockerfileRaw = read(INPUTS.dockerfile);
  const dockerfile = dockerfileRaw ? relativePath(INPUTS.dockerfile, dockerfileRaw, "the workspace") : DEFAULT_DOCKERFILE;
  if (!dockerfile) fail(INPUTS.dockerfile, "must name a file relative to the workspace", dockerfileRaw);
  const contextRaw = read(INPUTS.context);
  const resources = {
    cpu: wholeNumber(read, INPUTS.cpu, { min: 1, max: PER_SANDBOX_MAX.cpu }, FORMS.cpu),
    memory: wholeNumber(read, INPUTS.memory, { min: 1, max: PER_SANDBOX_MAX.memory }, FORMS.memory),
    disk: wholeNumber(read, INPUTS.disk, { min: 3, max: PER_SANDBOX_MAX.disk }, FORMS.disk)
  };
  const sources = {
    image,
    snapshot,
    dockerfile,
    dockerfileExplicit: dockerfile !== DEFAULT_DOCKERFILE,
    // '' means "the Dockerfile's folder"; '.' is the workspace root.
    context: contextRaw ? relativePath(INPUTS.context, contextRaw, "the workspace") || "." : void 0,
    resources: Object.fromEntries(Object.entries(resources).filter(([, value]) => value !== void 0)),
    rebuildSnapshot: bool(read, INPUTS.rebuildSnapshot, false)
  };
  checkSources(sources);
  const envValues = keyValueLines(INPUTS.env, read(INPUTS.env), checkEnvEntry, false);
  const maskEnv = maskedEnvNames(read(INPUTS.maskEnv), envValues);
  for (const value of secretEnvValues(envValues, maskEnv)) setSecret2(value);
  return deepFreeze({
    apiKey,
    apiUrl: apiUrl(read(INPUTS.apiUrl), env),
    target: matching(
      (name) => read(name) || (env.DAYTONA_TARGET ?? "").trim(),
      INPUTS.target,
      TARGET,
      FORMS.target
    ),
    // A sweep runs no commands: its `run` may be empty.
    run: mode === "cleanup" ? read(INPUTS.run) : script(INPUTS.run, read(INPUTS.run)),
    source: oneOf(read, INPUTS.source, SOURCE_KINDS, "git"),
    shell: shell(read(INPUTS.shell)),
    workingDirectory: relativePath(INPUTS.workingDirectory, read(INPUTS.workingDirectory), "the repository"),
    env: envValues,
    timeoutMs: duration(read, INPUTS.timeout, "30m"),
    failFast: bool(read, INPUTS.failFast, true),
    ...sources,
    repository: matching(read, INPUTS.repository, REPOSITORY, FORMS.repository),
    ref: gitRef(read(INPUTS.ref)),
    token,
    cloneDepth: wholeNumber(read, INPUTS.cloneDepth, { min: 0, max: 1e9 }, FORMS.cloneDepth) ?? 1,
    keepSandbox: oneOf(read, INPUTS.keepSandbox, KEEP_SANDBOX_MODES, "never"),
    keepMinutes: wholeNumber(read, INPUTS.keepMinutes, { min: 1, max: 1440 }, FORMS.keepMinutes) ?? 60,
    labels: keyValueLines(INPUTS.labels, read(INPUTS.labels), checkLabelEntry, true),
    summary: bool(read, INPUTS.summary, true),
    snapshotPrefix: matching(read, INPUTS.snapshotPrefix, SNAPSHOT_PREFIX, FORMS.snapshotPrefix),
    snapshotTimeoutMs: duration(read, INPUTS.snapshotTimeout, "30m"),
    pruneSnapshots: bool(read, INPUTS.pruneSnapshots, true),
    keepSnapshots: wholeNumber(read, INPUTS.keepSnapshots, { min: 1, max: 100 }, FORMS.keepSnapshots) ?? 3,
    pruneAfterMs: durationOrZero(read(INPUTS.pruneAfter) || "10m", INPUTS.pruneAfter, FORMS.pruneAfter),
    allowFork: bool(read, INPUTS.allowFork, false),
    maskEnv,
    capacityTimeoutMs: durationOrZero(
      read(INPUTS.capacityTimeout) || "10m",
      INPUTS.capacityTimeout,
      FORMS.capacityTimeout
    ),
    mode,
    olderThanMs: duration(read, INPUTS.olderThan, "2h"),
    dryRun: bool(read, INPUTS.dryRun, true),
    ...readResultsInputs(read, env),
    ...readCacheInputs(read)
  });
}
function redactConfig(config) {
  const hide = (value) => value ? "***" : "";
  const env = Object.fromEntries(Object.keys(config.env).map((key) => [key, "***"]));
  return { ...config, apiKey: hide(config.apiKey), token: hide(config.token), env };
}
function secretEnvValues(env, maskEnv = []) {
  return Object.entries(env).filter(
    ([key, value]) => maskEnv.includes(key) && value !== "" || SECRET_ENV_NAME.test(key) && value.length >= MIN_SECRET_ENV_LENGTH
  ).map(([, value]) => value);
}
function maskedEnvNames(raw, env) {
  const names = raw.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    if (!Object.hasOwn(env, name)) {
      throw new InputError(
        INPUTS.maskEnv,
        `Input 'mask-env' names ${name}, which 'env' does not set: list names of env entries.`
      );
    }
  }
  return [...new Set(names)];
}
function mask(value, setSecret2) {
  if (!value) return;
  setSecret2(value);
  for (const line of value.split(/\r?\n/)) if (line.trim() && line !== value) setSecret2(line.trim());
}
function checkSecret(name, value) {
  const form = "must be a single token without spaces or line breaks (check the secret for a stray newline)";
  if (/\s/.test(value)) fail(name, form);
}
function missingApiKeyReason(env) {
  const event = env.GITHUB_EVENT_NAME ?? "";
  const fork = (event === "pull_request" || event.startsWith("pull_request_review")) && forkOfPullRequest(readEventPayload(env), env.GITHUB_REPOSITORY ?? "");
  if (fork) {
    return `Input 'api-key' is empty because GitHub does not pass secrets to workflows triggered by pull requests from forks (this one comes from ${fork}). To test fork pull requests, run the job on pull_request_target behind an environment with required reviewers and set 'allow-fork: true', or run it on push`;
  }
  if (env.GITHUB_ACTOR === "dependabot[bot]") {
    return `Input 'api-key' is empty: runs triggered by Dependabot only receive Dependabot secrets; add DAYTONA_API_KEY under Settings > Secrets and variables > Dependabot`;
  }
  return `Input 'api-key' is required: set 'api-key: \${{ secrets.DAYTONA_API_KEY }}' or the DAYTONA_API_KEY environment variable`;
}
function apiUrl(fromInput, env) {
  const raw = fromInput || (env.DAYTONA_API_URL ?? "").trim() || DEFAULT_API_URL;
  const subject = fromInput ? void 0 : `Input '${INPUTS.apiUrl}' (from DAYTONA_API_URL)`;
  const form = `must be an http(s) URL such as ${DEFAULT_API_URL}`;
  const url = URL.parse(raw);
  if (!url || url.protocol !== "https:" && url.protocol !== "http:")
    fail(INPUTS.apiUrl, form, void 0, subject);
  if (url.username || url.password) {
    fail(INPUTS.apiUrl, `${form}, without credentials (put the key in 'api-key')`, void 0, subject);
  }
  if (url.search || url.hash) {
    fail(INPUTS.apiUrl, `${form}; it must not contain a query or fragment`, void 0, subject);
  }
  return raw.replace(/\/+$/, "");
}
function script(name, text) {
  if (!text) fail(name, "is required: the commands to run, as in a workflow step");
  return text;
}
var SHELL_TEMPLATES = { python: "python {0}", pwsh: `pwsh -command ". '{0}'"` };
function shell(value) {
  if (!value) return { kind: "bash-default" };
  if (value === "bash" || value === "sh") return { kind: value };
  const template = SHELL_TEMPLATES[value] ?? value;
  const form = "must be bash, sh, python, pwsh, or a command that runs the script file named by {0}, e.g. 'perl {0}'";
  check(template.includes("{0}") && !/[\r\n]/.test(template), INPUTS.shell, form, value);
  return { kind: "custom", template };
}
function gitRef(value) {
  if (!value) return void 0;
  check(GIT_REF.test(value), INPUTS.ref, FORMS.ref, value);
  if (value.startsWith("refs/")) check(/^refs\/(heads|tags)\/./.test(value), INPUTS.ref, FORMS.fullRef, value);
  return value;
}
function checkEnvEntry(key, _value, line) {
  check(ENV_KEY.test(key), INPUTS.env, `line ${line} has an invalid name; names match ${ENV_KEY.source}`, key);
}
function checkLabelEntry(key, value, line) {
  const keyForm = `line ${line} has an invalid key; label keys are 1-63 letters, digits, '.', '-', '_' or '/'`;
  check(LABEL_KEY.test(key), INPUTS.labels, keyForm, key);
  const reserved = `line ${line} sets a ${LABEL_PREFIX}* key; those labels belong to the action`;
  check(!key.toLowerCase().startsWith(LABEL_PREFIX), INPUTS.labels, reserved, key);
  check(value.length <= 255, INPUTS.labels, `line ${line} has a value longer than 255 characters`);
}
function checkSources(given) {
  const { image, snapshot } = given;
  const sources = ["image", "snapshot", "dockerfile"].filter(
    (source) => source === "dockerfile" ? given.dockerfileExplicit : given[source]
  );
  if (sources.length > 1) {
    const subject = `Inputs ${sources.map((source) => `'${source}'`).join(" and ")}`;
    fail(
      sources[0],
      "cannot be used together: choose one of image, snapshot or dockerfile",
      void 0,
      subject
    );
  }
  if (given.context && (image || snapshot)) {
    fail(INPUTS.context, `only applies to a Dockerfile build, not with '${image ? "image" : "snapshot"}'`);
  }
  if (!snapshot) return;
  const sized = ["cpu", "memory", "disk"].filter((key) => given.resources[key] !== void 0);
  if (sized.length > 0) {
    const subject = `${sized.length > 1 ? "Inputs" : "Input"} ${sized.map((key) => `'${key}'`).join(", ")}`;
    fail(sized[0], "cannot be used with 'snapshot': resources come from the snapshot", void 0, subject);
  }
  if (given.rebuildSnapshot) {
    fail(INPUTS.rebuildSnapshot, "cannot be used with 'snapshot': only Dockerfile snapshots are rebuilt");
  }
}
function optional(value, validate) {
  if (!value) return void 0;
  validate(value);
  return value;
}
function durationOrZero(value, name, form) {
  const ms = parseDuration(value);
  check(ms !== void 0 && ms <= 24 * 60 * 6e4, name, form, value);
  return ms;
}

// src/limits.ts
var PER_SANDBOX = /\b(CPU|Memory|Disk) request (\d+)(?:GB)? exceeds maximum allowed per sandbox \((\d+)(?:GB)?\)/;
var RESOURCE = {
  CPU: { input: "cpu", unit: "vCPU" },
  Memory: { input: "memory", unit: "GiB of memory" },
  Disk: { input: "disk", unit: "GiB of disk" }
};
function describeError(err, apiUrl2) {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof AuthenticationError && err.path.startsWith("/api/") && !err.path.includes("/toolbox/")) {
    return `Daytona refused the API key (401) at ${apiUrl2 ?? "its API"}: check the secret given as 'api-key' (revoked, or of another organisation or 'api-url'). A 401 is never retried: Daytona locks out repeated ones.`;
  }
  if (err instanceof ConnectionError) {
    return `Could not reach Daytona at ${apiUrl2 ?? "its API"} (${err.code}), after retries: check 'api-url' and that this runner can reach it. (${message})`;
  }
  const match = err instanceof DaytonaError ? PER_SANDBOX.exec(message) : null;
  if (!match) return message;
  const { input, unit } = RESOURCE[match[1]];
  return `Your Daytona organisation allows at most ${match[3]} ${unit} per sandbox, and '${input}: ${match[2]}' asks for more: ask for at most ${match[3]}, or ask Daytona to raise your organisation's limits (see "Limits, quotas and cost" in the README).`;
}

// src/report/annotations.ts
var MAX_ERROR_ANNOTATIONS = 10;
var TEST_MESSAGE_CHARS = 2e3;
function failureOutcome(result) {
  const after = formatDuration(result.durationMs);
  if (result.timedOut) return `timed out after ${after}`;
  const code = reportedExitCode(result);
  return code === null ? `ended without an exit code after ${after}` : `exit code ${code} after ${after}`;
}
function failureMessage(result, redact = (text) => text) {
  return `${commandLabel(redact(result.command))}: ${failureOutcome(result)}`;
}
function annotateResults(results, opts = {}) {
  const redact = opts.redact ?? ((text) => text);
  const failures = results.filter(isFailure);
  const shown = failures.length > MAX_ERROR_ANNOTATIONS ? failures.slice(0, MAX_ERROR_ANNOTATIONS - 1) : failures;
  for (const result of shown) {
    error(failureMessage(result, redact), {
      title: result.timedOut ? "Command timed out" : "Command failed"
    });
  }
  if (shown.length < failures.length) {
    const rest = failures.length - shown.length;
    error(`${plural(rest, "more command")} failed; the step summary lists them all.`, {
      title: "More commands failed"
    });
  }
  const errors = shown.length + (shown.length < failures.length ? 1 : 0);
  const skipped = results.filter((result) => result.skipped);
  if (skipped.length === 0) return errors;
  const firstSkipped = results.findIndex((result) => result.skipped);
  const cause = results.slice(0, firstSkipped).findLast(isFailure);
  const count = plural(skipped.length, "command");
  const message = cause ? `${count} skipped because \`${commandLabel(redact(cause.command))}\` failed (fail-fast).` : `${count} not run because the run stopped before ${skipped.length === 1 ? "it" : "them"}.`;
  notice(message, { title: "Commands skipped" });
  return errors;
}
function annotateTests(tests, budget, opts = {}) {
  const redact = opts.redact ?? ((text) => text);
  if (budget <= 0 || tests.failed === 0) return;
  const listed = tests.failures;
  const fits = tests.failed <= budget && listed.length === tests.failed;
  const shown = fits ? listed : listed.slice(0, budget - 1);
  for (const failure of shown) {
    const where = failure.file ? { file: failure.file, startLine: failure.line } : {};
    error(`${redact(failure.name)}
${truncateChars(redact(failure.message), TEST_MESSAGE_CHARS)}`, {
      title: "Test failed",
      ...where
    });
  }
  if (!fits) {
    error(`${plural(tests.failed - shown.length, "more test")} failed; the step summary lists them.`, {
      title: "More tests failed"
    });
  }
}

// src/report/summary-parts.ts
function textFor(redact) {
  return (text, maxChars) => {
    const clean = redact(text);
    return escapeHtml(maxChars === void 0 ? clean : truncateChars(clean, maxChars));
  };
}
function runFailed(report2) {
  return report2.error !== void 0 || report2.results.some(isFailure);
}
var STATUS = {
  passed: "\u2705",
  failed: "\u274C",
  "timed out": "\u23F1\uFE0F",
  skipped: "\u23ED\uFE0F"
};
function statusOf(result) {
  if (result.skipped) return "skipped";
  if (result.timedOut) return "timed out";
  return isFailure(result) ? "failed" : "passed";
}
function counts(results) {
  const tally = /* @__PURE__ */ new Map();
  for (const result of results) tally.set(statusOf(result), (tally.get(statusOf(result)) ?? 0) + 1);
  const parts = Object.keys(STATUS).filter((status) => tally.has(status)).map((status) => `${tally.get(status)} ${status}`);
  return `${plural(results.length, "command")}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}
function heading(report2, text) {
  const { source } = report2;
  const base = source.serverUrl.replace(/\/+$/, "");
  const repoUrl = `${base}/${source.repository}`;
  const commit = `<a href="${escapeHtml(`${repoUrl}/commit/${source.sha}`)}"><code>${escapeHtml(
    `${source.repository}@${source.sha.slice(0, 7)}`
  )}</code></a>`;
  const facts = [commit];
  if (source.prNumber !== void 0) {
    facts.push(`PR <a href="${escapeHtml(`${repoUrl}/pull/${source.prNumber}`)}">#${source.prNumber}</a>`);
  }
  if (source.ref) facts.push(`<code>${text(source.ref, 200)}</code>`);
  facts.push(`event <code>${escapeHtml(source.eventName)}</code>`);
  const icon = runFailed(report2) ? "\u274C" : "\u2705";
  return [
    `<h2>${icon} ${text(report2.title || "Daytona sandbox run", 200)}</h2>`,
    `<p>${facts.join(" \xB7 ")}</p>`,
    `<p>${counts(report2.results)} \xB7 total ${formatDuration(report2.durationMs)}</p>`
  ].join("\n");
}
function preBlock(escaped) {
  return `
<pre>${escaped}</pre>

`;
}
function errorBlock(error2, redact, text, maxChars) {
  return `<p>\u274C <b>Error</b></p>
${preBlock(text(cleanOutput(redact(error2)), maxChars))}`;
}
function environment(env, text) {
  const name = env.name ? ` <code>${text(env.name, 300)}</code>` : "";
  const what2 = {
    image: `Image${name}`,
    snapshot: `Snapshot${name}`,
    dockerfile: `Snapshot${name} from the Dockerfile`,
    default: env.name ? `Snapshot${name} (Daytona's default)` : "Daytona's default snapshot"
  }[env.kind];
  let cache = "";
  if (env.snapshotCacheHit === true) cache = " (cache hit)";
  else if (env.snapshotCacheHit === false) {
    cache = env.snapshotBuildMs === void 0 ? " (cache miss, built)" : ` (built in ${formatDuration(env.snapshotBuildMs)})`;
  }
  const facts = [`${what2}${cache}`];
  if (env.cpu !== void 0) facts.push(`${env.cpu} vCPU`);
  if (env.memory !== void 0) facts.push(`${env.memory} GiB memory`);
  if (env.disk !== void 0) facts.push(`${env.disk} GiB disk`);
  if (env.region) facts.push(`region <code>${text(env.region, 100)}</code>`);
  return `<p><b>Environment:</b> ${facts.join(" \xB7 ")}</p>`;
}
var TABLE_HEAD = "<table>\n<tr><th>#</th><th>Status</th><th>Command</th><th>Exit code</th><th>Duration</th></tr>\n";
var TABLE_END = "</table>\n";
function tableRow(result, index, redact, commandChars) {
  const code = reportedExitCode(result);
  const exit = result.timedOut ? `${code} (timed out)` : code === null ? "\u2014" : String(code);
  const duration2 = result.skipped ? "\u2014" : formatDuration(result.durationMs);
  const command = escapeHtml(commandLabel(redact(result.command), commandChars));
  const status = statusOf(result);
  const cells = [String(index + 1), `${STATUS[status]} ${status}`, `<code>${command}</code>`, exit, duration2];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>
`;
}
function moreRow(count) {
  return `<tr><td colspan="5">\u2026 ${plural(count, "more command")} not shown, to keep the summary under GitHub's 1 MiB limit</td></tr>
`;
}
function tailBlock(result, index, redact, limits, open) {
  if (!result.tail) return void 0;
  const tail = tailLines(redact(cleanOutput(redact(result.tail))), limits.maxLines, limits.maxBytes);
  if (tail.trim() === "") return void 0;
  const label = escapeHtml(commandLabel(redact(result.command), limits.commandChars));
  const shown = plural(tail.split("\n").length, "line");
  const summary2 = `${STATUS[statusOf(result)]} #${index + 1} <code>${label}</code>: ${failureOutcome(result)}, last ${shown}`;
  return `<details${open ? " open" : ""}><summary>${summary2}</summary>
${preBlock(escapeHtml(tail))}</details>
`;
}
function sandboxBlock(sandbox, text) {
  const name = `<b>Sandbox:</b> <code>${text(sandbox.name, 200)}</code> (<code>${text(sandbox.id, 100)}</code>)`;
  const life = [];
  if (sandbox.createdAt !== void 0) life.push(`created ${timestamp(sandbox.createdAt)}`);
  if (sandbox.deletedAt !== void 0) {
    const lived = sandbox.createdAt === void 0 ? "" : ` (lived ${formatDuration(sandbox.deletedAt - sandbox.createdAt)})`;
    life.push(`deleted ${timestamp(sandbox.deletedAt)}${lived}`);
  } else if (sandbox.kept) {
    life.push(`<b>kept</b> until ${timestamp(Date.parse(sandbox.kept.until))}`);
  }
  return `<p>${name}${life.length ? `: ${life.join(" \u2192 ")}` : ""}</p>`;
}
function timestamp(ms) {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? "?" : date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

// src/report/summary-results.ts
var TESTS_BLOCK_MAX_BYTES = 64 * 1024;
var MAX_FAILURES_SHOWN = 50;
var MESSAGE_CHARS = 1500;
function testsBlock(tests, text, maxBytes) {
  const counts2 = `<p><b>Tests:</b> \u2705 ${tests.passed} passed \xB7 \u274C ${tests.failed} failed \xB7 \u23ED\uFE0F ${tests.skipped} skipped (${tests.total} total)</p>
`;
  const unreadable = tests.unreadable.length > 0 ? `<p>\u26A0\uFE0F ${plural(tests.unreadable.length, "report")} could not be read: ${tests.unreadable.slice(0, 5).map((report2) => `<code>${text(report2.path, 200)}</code> (${text(report2.reason, 200)})`).join(", ")}</p>
` : "";
  const note = (hidden2) => `<p><i>${plural(hidden2, "more failed test")} not shown.</i></p>
`;
  let remaining = Math.min(maxBytes, TESTS_BLOCK_MAX_BYTES) - byteLength(counts2) - byteLength(unreadable) - 100;
  const blocks = [];
  for (const failure of tests.failures.slice(0, MAX_FAILURES_SHOWN)) {
    const where = failure.file ? ` \u2014 <code>${text(failure.file, 300)}${failure.line ? `:${failure.line}` : ""}</code>` : "";
    const block = `<details><summary>\u274C ${text(failure.name, 300)}${where}</summary>
${preBlock(
      text(failure.message, MESSAGE_CHARS)
    )}</details>
`;
    if (byteLength(block) > remaining) break;
    blocks.push(block);
    remaining -= byteLength(block);
  }
  const hidden = tests.failed - blocks.length;
  return `${counts2}${unreadable}${blocks.join("")}${hidden > 0 ? note(hidden) : ""}`;
}
function downloadsBlock(downloads, text) {
  const failed = downloads.failed > 0 ? ` \xB7 \u26A0\uFE0F ${plural(downloads.failed, "file")} failed` : "";
  return `<p><b>Downloaded:</b> ${plural(downloads.files, "file")} (${downloads.bytes} bytes) to <code>${text(
    downloads.path,
    500
  )}</code>${failed}</p>
`;
}

// src/report/summary.ts
var DEFAULT_SUMMARY_BUDGET = 1e3 * 1024;
var NOTE_RESERVE = 1024;
function renderSummary(report2, opts = {}) {
  const redact = opts.redact ?? ((value) => value);
  const text = textFor(redact);
  const limits = {
    maxLines: opts.tailMaxLines ?? 60,
    maxBytes: opts.tailMaxBytes ?? 8 * 1024,
    commandChars: opts.commandChars ?? 200
  };
  const top = [
    `${heading(report2, text)}
`,
    report2.error ? errorBlock(report2.error, redact, text, opts.errorChars ?? 16e3) : "",
    `${environment(report2.environment, text)}
`
  ].join("");
  const bottom = report2.sandbox ? `${sandboxBlock(report2.sandbox, text)}
` : "";
  let remaining = (opts.budgetBytes ?? DEFAULT_SUMMARY_BUDGET) - byteLength(top) - byteLength(bottom) - byteLength(TABLE_HEAD) - byteLength(TABLE_END) - NOTE_RESERVE;
  const { results } = report2;
  const rows = [];
  for (const [index, result] of results.entries()) {
    const row = tableRow(result, index, redact, limits.commandChars);
    if (byteLength(row) > remaining) break;
    rows.push(row);
    remaining -= byteLength(row);
  }
  const hidden = results.length - rows.length;
  const table = results.length === 0 ? "<p>No commands were run.</p>\n" : `${TABLE_HEAD}${rows.join("")}${hidden > 0 ? moreRow(hidden) : ""}${TABLE_END}`;
  let back = report2.downloads ? downloadsBlock(report2.downloads, text) : "";
  if (report2.tests && remaining - byteLength(back) > 0) {
    back = testsBlock(report2.tests, text, remaining - byteLength(back)) + back;
  }
  if (byteLength(back) > remaining) back = "";
  remaining -= byteLength(back);
  const tails = [];
  let omitted = 0;
  for (const [index, result] of results.slice(0, rows.length).entries()) {
    if (!isFailure(result) || !result.tail?.trim()) continue;
    const block = omitted === 0 ? tailBlock(result, index, redact, limits, tails.length === 0) : void 0;
    if (block === void 0 && omitted === 0) continue;
    if (block !== void 0 && byteLength(block) <= remaining) {
      tails.push(block);
      remaining -= byteLength(block);
    } else omitted++;
  }
  const note = omitted > 0 ? `<p><i>The output of ${plural(omitted, "more failed command")} was left out to keep the summary under GitHub's 1 MiB limit.</i></p>
` : "";
  return `${top}${table}${back}${tails.join("")}${note}${bottom}`;
}
async function writeSummary(report2, opts = {}) {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    info("No step summary file (GITHUB_STEP_SUMMARY is not set); the summary is skipped.");
    return;
  }
  try {
    await summary.addRaw(renderSummary(report2, opts), true).write();
  } catch (error2) {
    summary.emptyBuffer();
    warning(
      `Could not write the step summary: ${error2 instanceof Error ? error2.message : String(error2)}`
    );
  }
}

// src/report/publish.ts
async function publishReport(report2, opts = {}) {
  const { summary: summary2 = true, redact, snapshot, snapshotCacheHit } = opts;
  try {
    setOutputs(report2, { snapshot, snapshotCacheHit, redact });
  } catch (error2) {
    warning(`Could not set the outputs: ${error2 instanceof Error ? error2.message : String(error2)}`);
  }
  const commandErrors = annotateResults(report2.results, { redact });
  if (report2.tests) annotateTests(report2.tests, MAX_ERROR_ANNOTATIONS - commandErrors, { redact });
  if (summary2) await writeSummary(report2, opts);
  const failures = report2.results.filter(isFailure);
  if (report2.error) {
    setFailed(redact ? redact(report2.error) : report2.error);
    return true;
  }
  if (failures.length > 0) {
    info(`${plural(failures.length, "command")} of ${report2.results.length} failed.`);
    process.exitCode = ExitCode.Failure;
    return true;
  }
  return false;
}

// src/report/outcome.ts
async function report(outcome) {
  const { config, source, environment: environment2, sandbox } = outcome;
  const runReport = {
    title: sandbox ? `${outcome.job} (${sandbox.cpu} vCPU, ${sandbox.memory} GiB)` : outcome.job,
    source: { ...source, repository: source.repository },
    environment: {
      ...environment2 ? { kind: environment2.kind, name: environment2.snapshot ?? environment2.origin } : asked(config),
      snapshotCacheHit: environment2?.cacheHit,
      snapshotBuildMs: environment2?.buildMs,
      cpu: sandbox?.cpu,
      memory: sandbox?.memory,
      disk: sandbox?.disk,
      region: sandbox?.target ?? config.target
    },
    sandbox: sandbox && {
      id: sandbox.id,
      name: sandbox.name,
      createdAt: sandbox.createdAt,
      deletedAt: sandbox.deletedAt,
      kept: sandbox.keptMinutes ? { until: new Date(Date.now() + sandbox.keptMinutes * 6e4).toISOString() } : void 0
    },
    results: outcome.results,
    durationMs: Date.now() - outcome.startedAt,
    error: outcome.error,
    downloads: outcome.resultsBack?.download && {
      path: outcome.resultsBack.download.path,
      files: outcome.resultsBack.download.files.length,
      bytes: outcome.resultsBack.download.files.reduce((sum, file) => sum + file.bytes, 0),
      failed: outcome.resultsBack.download.failed.length
    },
    tests: outcome.resultsBack?.tests
  };
  await publishReport(runReport, {
    summary: config.summary,
    redact: redactor(config),
    snapshot: environment2?.snapshot,
    snapshotCacheHit: environment2?.cacheHit
  });
}
function asked(config) {
  if (config.snapshot) return { kind: "snapshot", name: config.snapshot };
  if (config.image) return { kind: "image", name: config.image };
  if (config.dockerfileExplicit) return { kind: "dockerfile", name: config.dockerfile };
  return { kind: "default" };
}
function redactor(config) {
  const secrets = [config.apiKey, config.token, ...secretEnvValues(config.env, config.maskEnv)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, "***"), text);
}

// src/sandbox.ts
var import_promises5 = __toESM(require_promises2(), 1);

// src/capacity.ts
var import_promises4 = __toESM(require_promises2(), 1);
var SHORTAGES = [
  [/^Total CPU limit exceeded/, "CPU"],
  [/^Total memory limit exceeded/, "memory"],
  [/^Total disk limit exceeded/, "disk"],
  [/^Total GPU limit exceeded/, "GPU"],
  [/^No available runners/, "runners"]
];
function shortageOf(err) {
  if (!(err instanceof BadRequestError)) return void 0;
  const message = err.serverMessage ?? "";
  return SHORTAGES.find(([pattern]) => pattern.test(message))?.[1];
}
var CapacityError = class extends Error {
  name = "CapacityError";
};
var realPause = { random: Math.random, sleep: (ms) => (0, import_promises4.setTimeout)(ms) };
var FIRST_WAIT_MS = 2e3;
var MAX_WAIT_MS = 15e3;
var HOLDERS_SHOWN = 5;
var CapacityWait = class {
  #client;
  #repository;
  #timeoutMs;
  #pause;
  #deadline;
  #delayMs = FIRST_WAIT_MS;
  #tries = 0;
  constructor(client, repository, timeoutMs, pause = realPause) {
    this.#client = client;
    this.#repository = repository;
    this.#timeoutMs = timeoutMs;
    this.#pause = pause;
  }
  async wait(err, shortage) {
    const now = Date.now();
    this.#deadline ??= now + this.#timeoutMs;
    this.#tries++;
    const limit = firstLine(err.serverMessage ?? err.message);
    if (now >= this.#deadline) {
      throw new CapacityError(
        `Daytona had no room for the sandbox for ${formatDuration(this.#timeoutMs)} (capacity-timeout, ${this.#tries} tries): ${limit} ${advice(shortage)}`
      );
    }
    if (this.#tries === 1) {
      const holders = await this.#holders().catch(() => void 0);
      notice(
        `${what(shortage)}: ${limit} Waiting up to ${formatDuration(this.#timeoutMs)} (capacity-timeout) for room. ${holders ?? "This action's running sandboxes could not be listed."}`,
        { title: "Waiting for Daytona capacity" }
      );
    } else {
      info(`Still no room (${shortage}); trying again.`);
    }
    const delay = Math.min(this.#delayMs * (0.75 + this.#pause.random() / 2), this.#deadline - now);
    this.#delayMs = Math.min(this.#delayMs * 1.5, MAX_WAIT_MS);
    await this.#pause.sleep(Math.max(delay, 0));
  }
  /** The organisation's running sandboxes with this action's labels for this repository. */
  async #holders() {
    const held = [];
    const labels = { [`${LABEL_PREFIX}repository`]: this.#repository };
    for await (const sandbox of this.#client.sandboxes.list({ labels, states: ["started", "starting"] })) {
      held.push(sandbox);
    }
    if (held.length === 0) {
      return `None of it is held by this action's sandboxes of ${this.#repository}: other sandboxes of the organisation use it.`;
    }
    const total = held.reduce(
      (sum, s) => ({ cpu: sum.cpu + s.cpu, memory: sum.memory + s.memory, disk: sum.disk + s.disk }),
      { cpu: 0, memory: 0, disk: 0 }
    );
    const shown = held.slice(0, HOLDERS_SHOWN).map(
      (s) => `${s.name} (${s.cpu} vCPU, ${s.memory} GiB, run ${s.labels[`${LABEL_PREFIX}run-id`] ?? "?"})`
    );
    const more = held.length > HOLDERS_SHOWN ? ` and ${held.length - HOLDERS_SHOWN} more` : "";
    return `This action's running sandboxes of ${this.#repository} hold ${total.cpu} vCPU, ${total.memory} GiB memory, ${total.disk} GiB disk: ${shown.join(", ")}${more}.`;
  }
};
function what(shortage) {
  return shortage === "runners" ? "No Daytona runner has room for the sandbox" : `The organisation's total ${shortage} is in use`;
}
function advice(shortage) {
  const common = "raise 'capacity-timeout', run fewer legs at once (the matrix's max-parallel)";
  if (shortage === "runners") return `Try again later or another region ('target'); or ${common}.`;
  return `Delete or stop sandboxes you no longer need, ${common}, ask for a smaller size, or upgrade the organisation's tier.`;
}
function firstLine(text) {
  const line = text.split("\n")[0].trim();
  return /[.!]$/.test(line) ? line : `${line}.`;
}

// src/sandbox.ts
var IDLE_STOP_MINUTES = 15;
var START_TIMEOUT_MS = 5 * 6e4;
var CREATE_ATTEMPTS = 3;
async function createSandbox(client, config, source, environment2, job, cleanup, commandCount) {
  const name = sandboxName(source, job);
  cleanup.rememberName(name);
  const body = {
    name,
    ...environment2.createParams,
    target: config.target,
    env: { ...config.env },
    labels: { ...config.labels, ...sandboxLabels(source, job) },
    autoStopInterval: IDLE_STOP_MINUTES,
    // Stopping an ephemeral sandbox deletes it: the idle stop above becomes a delete.
    autoDeleteInterval: 0,
    // A hard upper bound on its life, whatever happens: every command at its limit, plus set-up time.
    // (A sandbox kept for debugging gets a fresh one when the commands end.)
    ttlMinutes: lifetimeMinutes(config, commandCount)
  };
  info(`Creating sandbox ${name}\u2026`);
  const capacity = new CapacityWait(client, source.baseRepository, config.capacityTimeoutMs);
  let sandbox = await createNamed(client, body, cleanup, capacity);
  cleanup.rememberId(sandbox.id);
  if (sandbox.state !== "started") {
    const id = sandbox.id;
    sandbox = await client.sandboxes.waitUntilStarted(id, {
      timeoutMs: START_TIMEOUT_MS,
      onState: (state) => info(`Sandbox is ${printable(state)}\u2026`)
    }).catch(async (err) => {
      throw await queueTimeoutError(client, id, name, config.target, err) ?? err;
    });
  }
  info(printable(`Sandbox ${sandbox.name} (${sandbox.id}) started: ${describeSize(sandbox)}.`));
  return sandbox;
}
async function extendForDebugging(client, sandbox, minutes) {
  await client.sandboxes.setAutostop(sandbox.id, minutes);
  await client.sandboxes.setTtl(sandbox.id, minutes);
  notice(
    `Sandbox ${sandbox.name} (${sandbox.id}) is kept for ${minutes} minutes for debugging: open it from the Daytona dashboard. It then deletes itself.`,
    { title: "Sandbox kept" }
  );
}
async function queueTimeoutError(client, id, name, target, err) {
  if (!(err instanceof StateError) || !["destroyed", "destroying"].includes(err.state)) return void 0;
  const gone = await client.sandboxes.get(id).catch(() => void 0);
  if (!gone?.queueTimedOutAt) return void 0;
  const region = target ?? gone.target;
  return new Error(
    `Sandbox ${name} waited longer than its queue timeout for a runner, and Daytona destroyed it at ${gone.queueTimedOutAt}: no runner in region ${region} had room for it. Run the job again later, choose another region with 'target', or ask Daytona about capacity.`
  );
}
function describeSize(sandbox) {
  return `${sandbox.cpu} vCPU, ${sandbox.memory} GiB memory, ${sandbox.disk} GiB disk`;
}
function lifetimeMinutes(config, commandCount) {
  const commandsMinutes = Math.ceil(config.timeoutMs * commandCount / 6e4);
  const setupMinutes = 30;
  return commandsMinutes + setupMinutes;
}
async function createNamed(client, body, cleanup, capacity) {
  let resends = 0;
  let reached = false;
  for (; ; ) {
    try {
      return await client.sandboxes.create(body);
    } catch (err) {
      if (!(err instanceof ConnectionError && NEVER_SENT.has(err.code ?? ""))) reached = true;
      if (err instanceof ConflictError && resends > 0) return client.sandboxes.get(body.name);
      const shortage = shortageOf(err);
      if (shortage && err instanceof BadRequestError) {
        const made = resends > 0 ? await client.sandboxes.get(body.name).catch(() => void 0) : void 0;
        if (made) return made;
        await capacity.wait(err, shortage);
        continue;
      }
      if (err instanceof AuthenticationError || err instanceof ForbiddenError) {
        cleanup.forget();
        throw err;
      }
      const answerLost2 = err instanceof ServerError || err instanceof ConnectionError || err instanceof DeadlineError;
      if (resends + 1 < CREATE_ATTEMPTS && answerLost2) {
        info(`Creating the sandbox failed (${printable(err.message)}); trying again.`);
        resends++;
        await (0, import_promises5.setTimeout)(resends * 1e3);
        continue;
      }
      if (!reached) cleanup.forget();
      throw err;
    }
  }
}
var NEVER_SENT = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

// src/script.ts
var import_promises7 = __toESM(require_promises(), 1);
var import_node_module = __toESM(require_module(), 1);
var import_node_url2 = __toESM(require_url(), 1);

// node_modules/sh-syntax/lib/index.js
var import_promises6 = __toESM(require_promises(), 1);
var import_node_path6 = __toESM(require_path(), 1);
var import_node_url = __toESM(require_url(), 1);

// node_modules/sh-syntax/lib/shim.js
var import_node_crypto3 = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_perf_hooks = __toESM(require_perf_hooks(), 1);
globalThis.fs ??= import_node_fs.default;
globalThis.crypto ??= {
  getRandomValues: import_node_crypto3.randomFillSync
};
globalThis.performance ??= import_node_perf_hooks.performance;

// node_modules/sh-syntax/lib/types.js
var LangVariant = {
  LangBash: 1,
  LangPOSIX: 1 << 1,
  LangMirBSDKorn: 1 << 2,
  LangBats: 1 << 3,
  LangZsh: 1 << 4,
  LangAuto: 1 << 5
};

// node_modules/sh-syntax/lib/processor.js
var ParseError = class extends Error {
  constructor({ Filename, Incomplete, Text, Pos }) {
    super(Text);
    this.Filename = Filename;
    this.Incomplete = Incomplete;
    this.Text = Text;
    this.Pos = Pos;
  }
};
var encoder2;
var decoder;
var getProcessor = (getWasm) => {
  let wasmBufferSource;
  let wasmBufferSourcePromise;
  encoder2 ??= new TextEncoder();
  decoder ??= new TextDecoder();
  async function processor3(textOrAst, { filepath, print = false, originalText, keepComments = true, variant = LangVariant.LangBash, stopAt = "", recoverErrors = 0, useTabs = false, tabWidth = 2, simplify = false, indent = useTabs ? 0 : tabWidth, binaryNextLine = true, switchCaseIndent = true, spaceRedirects = true, keepPadding = false, minify = false, singleLine = false, functionNextLine = false } = {}) {
    if (!wasmBufferSource && !wasmBufferSourcePromise && getWasm.length === 0) {
      wasmBufferSourcePromise = Promise.resolve(getWasm()).then((source) => "arrayBuffer" in source ? source.arrayBuffer() : source);
    }
    if (wasmBufferSourcePromise) {
      wasmBufferSource = await wasmBufferSourcePromise;
    }
    if (typeof textOrAst !== "string" && !print) {
      print = true;
      if (originalText == null) {
        throw new TypeError("`originalText` is required for now, hope we will find better solution later");
      }
    }
    const go = new Go();
    const wasm = getWasm.length === 0 ? await WebAssembly.instantiate(wasmBufferSource, go.importObject) : {
      instance: await getWasm(go.importObject)
    };
    void go.run(wasm.instance);
    const { memory, wasmAlloc, wasmFree, process: process2 } = wasm.instance.exports;
    const filePath = encoder2.encode(filepath);
    const text = encoder2.encode(originalText || textOrAst);
    const uStopAt = encoder2.encode(stopAt);
    const filePathPointer = wasmAlloc(filePath.byteLength);
    new Uint8Array(memory.buffer).set(filePath, filePathPointer);
    const textPointer = wasmAlloc(text.byteLength);
    new Uint8Array(memory.buffer).set(text, textPointer);
    const stopAtPointer = wasmAlloc(uStopAt.byteLength);
    new Uint8Array(memory.buffer).set(uStopAt, stopAtPointer);
    const resultPointer = process2(filePathPointer, filePath.byteLength, filePath.byteLength, textPointer, text.byteLength, text.byteLength, print, keepComments, variant, stopAtPointer, uStopAt.byteLength, uStopAt.byteLength, recoverErrors, simplify, indent, binaryNextLine, switchCaseIndent, spaceRedirects, keepPadding, minify, singleLine, functionNextLine);
    wasmFree(filePathPointer);
    wasmFree(textPointer);
    wasmFree(stopAtPointer);
    const result = new Uint8Array(memory.buffer).subarray(resultPointer);
    const end = result.indexOf(0);
    const string = decoder.decode(result.subarray(0, end));
    if (!string.startsWith('{"') || !string.endsWith("}")) {
      throw new ParseError({
        Filename: filepath,
        Incomplete: true,
        Text: string
      });
    }
    const { file, text: processedText, parseError, message } = JSON.parse(string);
    if (parseError || message) {
      throw parseError == null ? new SyntaxError(message) : new ParseError(parseError);
    }
    return print ? processedText : file;
  }
  return processor3;
};

// node_modules/sh-syntax/lib/index.js
var importMetaUrl = import.meta.url;
var _dirname = importMetaUrl ? import_node_path6.default.dirname((0, import_node_url.fileURLToPath)(importMetaUrl)) : __bundleDirname;
var processor = getProcessor(() => import_promises6.default.readFile(import_node_path6.default.resolve(_dirname, "../main.wasm")));

// src/script.ts
function scriptCommands(config) {
  if (config.shell.kind === "custom") return Promise.resolve([{ text: config.run, line: 1 }]);
  return splitScript(INPUTS.run, config.run, config.shell.kind === "sh" ? "posix" : "bash");
}
async function splitScript(input, script2, dialect) {
  return plainLines(script2) ?? parseScript(input, script2, dialect);
}
async function parseScript(input, script2, dialect) {
  let statements;
  try {
    const file = await parser()(script2, {
      variant: dialect === "bash" ? LangVariant.LangBash : LangVariant.LangPOSIX,
      keepComments: false
    });
    statements = file.Stmts ?? [];
  } catch (err) {
    throw syntaxError(input, script2, err);
  }
  const bytes = Buffer.from(script2, "utf8");
  const textOf = (statement) => bytes.subarray(statement.Pos.Offset, statement.End.Offset).toString("utf8");
  const groups = [];
  let joinUntil = -1;
  for (const [i, statement] of statements.entries()) {
    const last = groups.at(-1);
    if (last && (i <= joinUntil || statement.Pos.Line <= last.at(-1).End.Line)) last.push(statement);
    else groups.push([statement]);
    if (statement.Background && i > joinUntil) joinUntil = lastJobUse(statements, i, textOf);
  }
  const commands = groups.map((group2, i) => {
    const start = group2[0].Pos.Offset;
    const next = groups[i + 1]?.[0]?.Pos.Offset ?? bytes.length;
    const text = withoutTrailingComments(bytes.subarray(start, next).toString("utf8"));
    return { text, line: group2[0].Pos.Line };
  });
  if (commands.length === 0) {
    throw new InputError(input, `Input '${input}' has no commands: it holds only blank lines and comments.`);
  }
  return commands;
}
var PLAIN_LINE = /^[\w./:=@%+,~*?^[\]-]+(?:[ \t]+[\w./:=@%+,~*?^[\]-]+)*$/;
var RESERVED = new Set(
  "case coproc do done elif else esac fi for function if in select then until while".split(" ")
);
function plainLines(script2) {
  const commands = [];
  for (const [i, line] of script2.split("\n").entries()) {
    const text = line.replace(/^[ \t]+|[ \t]+$/g, "");
    if (!text) continue;
    if (!PLAIN_LINE.test(text) || RESERVED.has(text.split(/[ \t]/)[0])) return void 0;
    commands.push({ text, line: i + 1 });
  }
  return commands.length > 0 ? commands : void 0;
}
var processor2;
var BUNDLED_WASM = "sh-syntax.wasm";
var BUNDLED_GLUE = "sh-syntax-wasm_exec.cjs";
function parser() {
  if (processor2) return processor2;
  const require2 = (0, import_node_module.createRequire)(import.meta.url);
  const fromSources = import.meta.url.endsWith(".ts");
  const locate = (bundled, inPackage) => fromSources ? require2.resolve(["sh-syntax", inPackage].join("/")) : (0, import_node_url2.fileURLToPath)(new URL(bundled, import.meta.url));
  require2(locate(BUNDLED_GLUE, "vendors/wasm_exec"));
  const wasm = locate(BUNDLED_WASM, "main.wasm");
  processor2 = getProcessor(() => (0, import_promises7.readFile)(wasm));
  return processor2;
}
var JOB_USE = /\$!|\$\{!\}|(?:^|[\s;&|(])(?:wait|jobs|disown)(?=$|[\s;&|)])/;
function lastJobUse(statements, start, textOf) {
  let i = start + 1;
  while (statements[i]?.Background) i++;
  let last = -1;
  for (; i < statements.length && !statements[i].Background; i++) {
    if (JOB_USE.test(textOf(statements[i]))) last = i;
  }
  return last;
}
function withoutTrailingComments(text) {
  const lines2 = text.split("\n");
  while (lines2.length > 1 && /^\s*(#.*)?$/.test(lines2.at(-1))) lines2.pop();
  return lines2.join("\n").trimEnd();
}
function syntaxError(input, script2, err) {
  const { Pos, Text, message } = err;
  const reason = (Text || message || String(err)).replace(/\s+/g, " ").trim();
  if (!Pos) return new InputError(input, `Input '${input}' is not a valid shell script: ${reason}.`);
  const line = Pos.Line || lineOf(script2, Pos.Offset);
  const where = Pos.Col ? `line ${line}, column ${Pos.Col}` : `line ${line}`;
  return new InputError(input, `Input '${input}' is not a valid shell script: ${where}: ${reason}.`);
}
function lineOf(script2, offset) {
  return Buffer.from(script2, "utf8").subarray(0, offset).toString("utf8").split("\n").length;
}

// src/source.ts
var TIP_READ_DEPTH = 50;
async function pinCommit(source, config) {
  if (source.sha || source.refType !== "tag" || !source.ref) return source;
  return { ...source, sha: await commitOf(source.repository, `tags/${source.ref}`, config.token) };
}
async function cloneSource(toolbox, source, config, event) {
  const path2 = source.repository.split("/")[1] ?? "repository";
  const https = /^https?:/.test(source.cloneUrl);
  const withheld = Boolean(config.token && https && isPublic(source, event));
  const credentials = config.token && https && !withheld ? config.token : void 0;
  const tag = source.refType === "tag" ? source.ref : void 0;
  const request = {
    url: source.cloneUrl,
    path: path2,
    branch: tag ? void 0 : source.ref,
    commitId: source.sha || void 0,
    depth: tag ? void 0 : config.cloneDepth || void 0,
    ...credentials && { username: "x-access-token", password: credentials }
  };
  const what2 = `${source.repository}@${source.sha ? source.sha.slice(0, 12) : source.ref ?? "HEAD"}`;
  info(`Cloning ${what2} into ${path2}${withheld ? " (public: no credentials sent)" : ""}\u2026`);
  try {
    await toolbox.git.clone(request);
  } catch (err) {
    if (tag && commitNotFound(err)) throw tagUnreachable(source, tag);
    if (request.branch && branchMissing(err)) throw branchNotFound(source, request.branch);
    if (!request.commitId || !request.depth || !commitMissing(err)) throw err;
    info(`Shallow clone could not reach ${request.commitId.slice(0, 12)}; fetching the full history.`);
    await toolbox.files.delete(path2, { recursive: true }).catch(() => {
    });
    request.depth = void 0;
    await toolbox.git.clone(request);
  }
  const sha = request.commitId ?? await tipOf(toolbox, path2, request.depth);
  info(`Checked out ${source.repository} at ${sha ?? `the tip of ${source.ref ?? "HEAD"}`}.`);
  return { path: path2, sha };
}
var COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
async function tipOf(toolbox, path2, depth) {
  if (!depth || depth > TIP_READ_DEPTH) return void 0;
  try {
    const head = (await toolbox.git.history(path2))[0]?.hash;
    return head && COMMIT_ID.test(head) ? head : void 0;
  } catch (err) {
    debug(`Could not read the clone's history: ${err}`);
    return void 0;
  }
}
function isPublic(source, event) {
  const repo = (value) => value;
  const pr = event.payload.pull_request;
  const candidates = [repo(event.payload.repository), repo(pr?.head?.repo)];
  const match = candidates.find((r) => r?.full_name === source.repository);
  return match?.private === false;
}
function tagUnreachable(source, tag) {
  return new Error(
    `Could not check out tag ${tag} of ${source.repository}: Daytona clones branches only, so the action clones the default branch's whole history, and the tagged commit is not in it. Tag a commit of the default branch, or set 'ref' to the branch that holds it.`
  );
}
function branchNotFound(source, branch) {
  return new Error(
    `Branch ${branch} was not found in ${source.repository} (deleted since the event?). If 'ref' means a tag, write it as refs/tags/${branch}; a commit, as its full SHA.`
  );
}
function branchMissing(err) {
  return err instanceof DaytonaError && err.code === "GIT_BRANCH_NOT_FOUND";
}
function commitNotFound(err) {
  return err instanceof DaytonaError && err.status === 404 && !["GIT_REPO_NOT_FOUND", "GIT_BRANCH_NOT_FOUND"].includes(err.code ?? "");
}
function commitMissing(err) {
  if (!(err instanceof DaytonaError)) return false;
  return ![401, 403].includes(err.status ?? 0) && !["GIT_REPO_NOT_FOUND", "GIT_AUTH_FAILED"].includes(err.code ?? "");
}

// src/workspace-upload.ts
var import_node_child_process = __toESM(require_child_process(), 1);
var import_promises8 = __toESM(require_promises(), 1);
var import_node_os = __toESM(require_os(), 1);
var import_node_path7 = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);
var ARCHIVE = ".daytona-action-workspace.tar.gz";
async function planWorkspaceUpload(workspace) {
  return { workspace, files: await workspaceFiles(workspace) };
}
async function uploadWorkspace(toolbox, source, { workspace, files }) {
  const path2 = source.repository.split("/")[1] ?? "repository";
  const scratch = await (0, import_promises8.mkdtemp)((0, import_node_path7.join)(process.env.RUNNER_TEMP || (0, import_node_os.tmpdir)(), "daytona-workspace-"));
  try {
    const archive = (0, import_node_path7.join)(scratch, "workspace.tar.gz");
    const { create } = await import("./index.min-MPBEUWWV.js");
    await create({ file: archive, gzip: true, cwd: workspace, portable: true, noDirRecurse: true }, files);
    info(`Uploading the workspace (${files.length} files, as git would commit them) into ${path2}\u2026`);
    await toolbox.files.upload([{ source: archive, destination: ARCHIVE }]);
  } finally {
    await (0, import_promises8.rm)(scratch, { recursive: true, force: true });
  }
  const target = shellQuote(path2);
  try {
    await runTarScript(
      toolbox,
      `mkdir -p -- ${target} && tar -xzf ${ARCHIVE} -C ${target} && rm -f -- ${ARCHIVE}`,
      "unpack the workspace"
    );
  } catch (err) {
    throw new Error(`With source: workspace, ${err.message}`);
  }
  return { path: path2 };
}
async function workspaceFiles(workspace) {
  try {
    const { stdout } = await (0, import_node_util.promisify)(import_node_child_process.execFile)(
      "git",
      ["-C", workspace, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      { maxBuffer: 256 * 1024 * 1024 }
    );
    const listed = stdout.split("\0").filter((file) => file !== "" && !file.split("/").includes(".git"));
    const present = await Promise.all(
      listed.map(
        (file) => (0, import_promises8.lstat)((0, import_node_path7.join)(workspace, file)).then(
          () => true,
          () => false
        )
      )
    );
    return listed.filter((_, i) => present[i]);
  } catch {
    throw new Error(
      "Input 'source' is workspace, but the workspace is not a git checkout (the upload follows .gitignore): add actions/checkout before this step."
    );
  }
}

// src/main.ts
async function run() {
  guardStdout();
  const startedAt = Date.now();
  const config = readInputs();
  debug(`Inputs: ${JSON.stringify(redactConfig(config))}`);
  if (config.mode === "cleanup") {
    const { sweep } = await import("./sweep-QSXY3BO3.js");
    return sweep(config, fromEnvironment());
  }
  const commands = await scriptCommands(config);
  const event = fromEnvironment();
  assertWorkflowRun(event);
  const resolved = resolveSource(event, config);
  assertTrusted(resolved, config.allowFork);
  const source = await pinCommit(resolved, config);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const upload = config.source === "workspace" ? await planWorkspaceUpload(workspace) : void 0;
  const outcome = { startedAt, config, source, job: event.job, results: [] };
  const client = new Daytona({ apiUrl: config.apiUrl, apiKey: config.apiKey, onRetry: debug });
  const cleanup = new Cleanup(client, config.apiUrl);
  try {
    const environment2 = await prepareEnvironment(client, config, source, workspace);
    outcome.environment = environment2;
    const sandbox = await group(
      "Creating the sandbox",
      () => createSandbox(client, config, source, environment2, event, cleanup, commands.length)
    );
    outcome.sandbox = { ...sandbox, createdAt: Date.now() };
    const toolbox = client.toolbox(sandbox);
    const shell2 = new CommandShell(toolbox).open();
    const checkout = upload ? await group("Uploading the workspace", () => uploadWorkspace(toolbox, source, upload)) : await group("Cloning the source", () => cloneSource(toolbox, source, config, event));
    const cache = wantsCache(config) ? await import("./sandbox-cache-KTDA7ORE.js") : void 0;
    const restored = cache && await group("Restoring the dependency cache", () => cache.restoreSandboxCache(toolbox, config));
    const cwd = resolveCwd(checkout.path, config.workingDirectory);
    try {
      await runCommands(shell2, { ...config, commands, cwd }, outcome.results);
    } finally {
      if (wantsResults(config)) {
        const { fetchResults } = await import("./results-IGTFKB76.js");
        outcome.resultsBack = await group(
          "Fetching results from the sandbox",
          () => fetchResults(toolbox, config, checkout.path)
        );
      }
    }
    if (cache && !restored?.hit && outcome.results.every((result) => !result.skipped && !isFailure(result))) {
      await group("Saving the dependency cache", () => cache.saveSandboxCache(toolbox, config));
    }
    const failed = outcome.results.some(isFailure);
    if (config.keepSandbox === "always" || config.keepSandbox === "on-failure" && failed) {
      await extendForDebugging(client, sandbox, config.keepMinutes);
      cleanup.keep();
      outcome.sandbox.keptMinutes = config.keepMinutes;
    }
  } catch (err) {
    outcome.error = describeError(err, config.apiUrl);
  } finally {
    if (!outcome.sandbox?.keptMinutes) {
      const deleted = await cleanup.deleteNow();
      if (deleted && outcome.sandbox) outcome.sandbox.deletedAt = Date.now();
    }
    cleanup.dispose();
    await client.close();
  }
  await report(outcome);
}
run().catch((err) => setFailed(err instanceof Error ? err.message : String(err)));
