export const id = 388;
export const ids = [388];
export const modules = {

/***/ 5388:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deleteLeftover: () => (/* binding */ deleteLeftover)
});

// UNUSED EXPORTS: Cleanup, deleteSandbox

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./lib/version.js
// The action's version, sent in User-Agent. A constant rather than a runtime read of package.json,
// so the bundle carries no file lookup; keep it equal to package.json's "version".
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./lib/printable.js
// Strings from outside the action — Daytona's answers, the sandbox, the pull request's Dockerfile — printed on a
// log line of ours. A line break in one would start a line of its own, which the runner obeys when it reads as
// a workflow command (`::add-mask::`, `::stop-commands::`). Control characters and Unicode line breaks are
// shown escaped instead, so the text stays on our line. (Annotations need nothing: @actions/core escapes them.)
/** C0 and C1 controls but the tab, and the Unicode line and paragraph separators */
const UNPRINTABLE = /(?!\t)[\p{Cc}\u2028\u2029]/gu;
const NAMED = { '\n': '\\n', '\r': '\\r' };
function printable(value) {
    return String(value).replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Whether `text` would print as it is. */
function isPrintable(text) {
    return !new RegExp(UNPRINTABLE.source, 'u').test(text);
}

;// CONCATENATED MODULE: ./lib/daytona/errors.js
// Typed errors for every way a Daytona call can fail. Messages read `METHOD path → status code: message`
// and carry only the URL path: never a query string, a header or a request body (so never a key or token).

class DaytonaError extends Error {
    status;
    code;
    method;
    path;
    serverMessage;
    /** `message` overrides the standard `METHOD path → status code: message` text. */
    constructor(ctx, message, options) {
        // the server's words, printed on our log lines: kept on one line (printable.ts)
        super(printable(message ?? formatMessage(ctx)), options);
        this.name = new.target.name;
        this.method = ctx.method;
        this.path = ctx.path;
        if (ctx.status !== undefined)
            this.status = ctx.status;
        if (ctx.code !== undefined)
            this.code = ctx.code;
        if (ctx.serverMessage !== undefined)
            this.serverMessage = ctx.serverMessage;
    }
}
class BadRequestError extends DaytonaError {
}
class AuthenticationError extends DaytonaError {
}
class ForbiddenError extends DaytonaError {
}
class NotFoundError extends DaytonaError {
}
/** 408 (toolbox execute timeout), 504 (gateway), and our own deadlines (DeadlineError). */
class TimeoutError extends DaytonaError {
}
class ConflictError extends DaytonaError {
}
class GoneError extends DaytonaError {
}
class UnprocessableError extends DaytonaError {
}
class ServerError extends DaytonaError {
}
class RateLimitError extends DaytonaError {
    /** how long the server asked us to wait, if it said */
    retryAfterMs;
    constructor(ctx, retryAfterMs) {
        super(ctx);
        if (retryAfterMs !== undefined)
            this.retryAfterMs = retryAfterMs;
    }
}
/** No HTTP response at all: refused, reset, DNS… `code` is the socket/undici error code (e.g. ECONNREFUSED). */
class ConnectionError extends DaytonaError {
    constructor(ctx, detail, cause) {
        super(ctx, `${ctx.method} ${ctx.path} → connection failed (${ctx.code}): ${detail}`, { cause });
    }
}
/** Our own deadline passed: an HTTP request that got no (complete) answer in time, or a state wait. */
class DeadlineError extends TimeoutError {
    timeoutMs;
    constructor(ctx, timeoutMs, message) {
        super(ctx, message ?? `${ctx.method} ${ctx.path} → no answer within ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
    }
}
/** A sandbox or snapshot reached a state it cannot start/activate from (error, build_failed, …). */
class StateError extends DaytonaError {
    resource;
    id;
    state;
    errorReason;
    constructor(ctx, info) {
        const reason = info.errorReason ? `: ${info.errorReason}` : '';
        super(ctx, `${info.resource} ${info.id} is ${info.state}${reason}`);
        this.resource = info.resource;
        this.id = info.id;
        this.state = info.state;
        if (info.errorReason !== undefined)
            this.errorReason = info.errorReason;
    }
}
function formatMessage(ctx) {
    const head = [ctx.status, ctx.code].filter((p) => p !== undefined && p !== '').join(' ');
    const tail = ctx.serverMessage ? `: ${ctx.serverMessage}` : '';
    return `${ctx.method} ${ctx.path} → ${head || 'error'}${tail}`;
}
/** The longest server message we keep: an HTML error page should not flood a log. */
const MAX_MESSAGE = 1000;
/**
 * The message of an error body, which may be empty, API-shaped ({message, error}), daemon-shaped
 * ({message, code}) or anything else (plain text, HTML): `message ?? error ?? text`.
 */
function extractMessage(bodyText) {
    const text = bodyText.trim();
    if (!text)
        return {};
    let message;
    let code;
    try {
        const body = JSON.parse(text);
        if (body && typeof body === 'object' && !Array.isArray(body)) {
            const b = body;
            message = stringOf(b.message) ?? stringOf(b.error);
            code = typeof b.code === 'string' ? b.code : typeof b.error_code === 'string' ? b.error_code : undefined;
        }
    }
    catch {
        // not JSON: the text itself is the message
    }
    message ??= text;
    return { message: truncate(message), code };
}
function stringOf(value) {
    if (typeof value === 'string' && value)
        return value;
    // class-validator lists (older NestJS shapes) arrive as arrays
    if (Array.isArray(value) && value.length)
        return value.map(String).join(', ');
    return undefined;
}
function truncate(text) {
    return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
/** Builds the error class matching an HTTP error status. */
function errorForStatus(ctx, bodyText, retryAfterMs) {
    const { message, code } = extractMessage(bodyText);
    const full = { ...ctx, code, serverMessage: message };
    switch (ctx.status) {
        case 400:
            return new BadRequestError(full);
        case 401:
            return new AuthenticationError(full);
        case 403:
            return new ForbiddenError(full);
        case 404:
            return new NotFoundError(full);
        case 408:
        case 504:
            return new TimeoutError(full);
        case 409:
            return new ConflictError(full);
        case 410:
            return new GoneError(full);
        case 422:
            return new UnprocessableError(full);
        case 429:
            return new RateLimitError(full, retryAfterMs);
    }
    if (ctx.status >= 500)
        return new ServerError(full);
    return new DaytonaError(full);
}

;// CONCATENATED MODULE: ./lib/daytona/retry.js
// The retry policy, as pure functions so it can be unit-tested without a network.
// What is retried, and why:
// - connect-phase failures (nothing reached the server): any method;
// - resets / "socket hang up" (stale keep-alive sockets after a load-balancer rollout): idempotent only;
// - 502/503/504: idempotent only (a POST /sandbox may have created the sandbox);
// - no answer within the attempt's deadline (a black-holed request): idempotent only, for the same reason;
// - 429: any method (the throttler answered before doing anything), after the server's Retry-After-<name>;
// - 409 "state change in progress": only lifecycle calls that ask for it;
// - 401: never (Daytona locks an IP out after repeated 401s, which would break every job on a shared runner).
const DEFAULT_RETRY_POLICY = {
    baseMs: 250,
    factor: 2,
    capMs: 5000,
    maxRetries: 4,
    maxRetries409: 8,
    maxTotalWaitMs: 60_000,
    maxRetryAfterMs: 60_000,
};
/** Errors raised before the request reached the server: safe to retry for any method. */
const CONNECT_PHASE_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EADDRNOTAVAIL',
    'UND_ERR_CONNECT_TIMEOUT',
]);
/** The connection broke after the request may have been sent: retry only if repeating is harmless. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
function isConnectPhaseCode(code) {
    return CONNECT_PHASE_CODES.has(code);
}
function isResetCode(code) {
    return RESET_CODES.has(code);
}
/** Full-jitter-ish exponential backoff: attempt 0 → around baseMs, doubling up to capMs. */
function backoffDelay(attempt, policy, random = Math.random) {
    const exp = Math.min(policy.capMs, policy.baseMs * policy.factor ** attempt);
    // half fixed, half random: spreads concurrent clients without ever retrying instantly
    return Math.round(exp / 2 + (exp / 2) * random());
}
function first(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** Seconds or an HTTP date, as Retry-After allows. */
function parseRetryAfter(value, now = Date.now()) {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/**
 * How long a 429 asks us to wait: the largest `Retry-After-<throttler>` (Daytona's per-throttler headers,
 * e.g. retry-after-sandbox-create), else a plain `Retry-After` (the failed-auth lockout sends that).
 * Header names must be lower-cased, as undici delivers them.
 */
function retryAfterFromHeaders(headers) {
    let largest;
    for (const [name, value] of Object.entries(headers)) {
        if (!name.startsWith('retry-after-'))
            continue;
        const raw = first(value);
        const ms = raw === undefined ? undefined : parseRetryAfter(raw);
        if (ms !== undefined)
            largest = Math.max(largest ?? 0, ms);
    }
    if (largest !== undefined)
        return largest;
    const plain = first(headers['retry-after']);
    return plain === undefined ? undefined : parseRetryAfter(plain);
}
function decideRetry(outcome, ctx, policy = DEFAULT_RETRY_POLICY, random = Math.random) {
    const no = { retry: false };
    if (!ctx.replayable)
        return no;
    const reason = retryReason(outcome, ctx);
    if (!reason)
        return no;
    const limit = outcome.status === 409 ? policy.maxRetries409 : policy.maxRetries;
    if (ctx.retries >= limit)
        return no;
    let delayMs = backoffDelay(ctx.retries, policy, random);
    if (outcome.status === 429 && outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > policy.maxRetryAfterMs)
            return no;
        // a little jitter on top, so a fleet of runners does not come back in the same millisecond
        delayMs = outcome.retryAfterMs + Math.round(100 * random());
    }
    if (ctx.waitedMs + delayMs > policy.maxTotalWaitMs)
        return no;
    return { retry: true, delayMs, reason };
}
function retryReason(outcome, ctx) {
    const { status, errorCode } = outcome;
    if (outcome.deadline)
        return ctx.idempotent ? 'no answer within the deadline' : undefined;
    if (status === undefined) {
        // Stryker disable next-line ConditionalExpression: neither code set holds undefined; the line says so
        if (errorCode === undefined)
            return undefined;
        if (isConnectPhaseCode(errorCode))
            return `connection failed (${errorCode})`;
        if (ctx.idempotent && isResetCode(errorCode))
            return `connection reset (${errorCode})`;
        return undefined;
    }
    // Stryker disable next-line ConditionalExpression: no rule below takes a 401 either; this one says never, whatever is added below
    if (status === 401)
        return undefined;
    if (status === 429)
        return 'rate limited (429)';
    if (ctx.idempotent && (status === 502 || status === 503 || status === 504))
        return `server unavailable (${status})`;
    // Stryker disable next-line StringLiteral: any stand-in for a missing message fails the pattern the same
    if (status === 409 && ctx.retry409 && /state change in progress/i.test(outcome.message ?? '')) {
        return 'state change in progress (409)';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./lib/daytona/http.js
// The one HTTP path for every Daytona call (main API, toolbox, build logs): a keep-alive pool, a deadline
// per attempt, deliberate retries (see retry.ts) and typed errors (see errors.ts).





/**
 * The daemon picks its session-output format from this header: from 0.167.0 on it answers JSON with
 * stdout and stderr separated (older values give raw or combined text). Deliberately a current SDK version.
 */
const SDK_VERSION_HEADER_VALUE = '0.218.0';
const SOURCE_HEADER_VALUE = 'daytona-action';
const DEFAULT_TIMEOUT_MS = 60_000;
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
class HttpClient {
    dispatcher;
    #headers;
    #timeoutMs;
    #policy;
    #onRetry;
    #sleep;
    #random;
    constructor(opts) {
        // Keep idle sockets for less than the Daytona proxy's 70 s idle timeout, so we rarely pick a stale one.
        this.dispatcher = new undici/* Agent */.g6({
            keepAliveTimeout: 30_000,
            keepAliveMaxTimeout: 60_000,
            connect: { timeout: 10_000 },
        });
        this.#headers = {
            authorization: `Bearer ${opts.apiKey}`,
            'x-daytona-source': SOURCE_HEADER_VALUE,
            'x-daytona-sdk-version': SDK_VERSION_HEADER_VALUE,
            'user-agent': opts.userAgent ?? `daytona-action/${VERSION}`,
        };
        this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.#policy = { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy };
        this.#onRetry = opts.onRetry;
        this.#sleep = opts.sleep ?? abortableSleep;
        this.#random = opts.random ?? Math.random;
    }
    /** The headers every request carries; the WebSocket upgrade needs them too. */
    commonHeaders() {
        return { ...this.#headers };
    }
    async request(opts) {
        const method = opts.method.toUpperCase();
        const url = buildUrl(opts.url, opts.query);
        const path = new URL(url).pathname;
        const idempotent = opts.idempotent ?? IDEMPOTENT_METHODS.has(method);
        const replayable = !isStream(opts.body);
        let retries = 0;
        let waitedMs = 0;
        for (;;) {
            const result = await this.#attempt(opts, method, url, path);
            if (result.ok)
                return result.value;
            const decision = decideRetry(result.outcome, { retries, waitedMs, idempotent, retry409: opts.retry409 ?? false, replayable }, this.#policy, this.#random);
            if (!decision.retry)
                throw result.error;
            retries++;
            waitedMs += decision.delayMs;
            const info = { method, path, retry: retries, delayMs: decision.delayMs, reason: decision.reason };
            this.#onRetry?.(`${method} ${path}: ${info.reason}; retry ${retries} in ${info.delayMs} ms`, info);
            await this.#sleep(decision.delayMs, opts.signal);
        }
    }
    async close() {
        await this.dispatcher.close();
    }
    async #attempt(opts, method, url, path) {
        const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), timeoutMs);
        const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
        const { body, contentType } = encodeBody(opts.body);
        const headers = {
            ...this.#headers,
            ...(contentType ? { 'content-type': contentType } : {}),
            ...opts.headers,
        };
        try {
            const res = await (0,undici/* request */.Em)(url, {
                dispatcher: this.dispatcher,
                method: method,
                headers,
                body: body,
                signal,
                headersTimeout: timeoutMs,
                bodyTimeout: opts.raw ? (opts.idleTimeoutMs ?? timeoutMs) : timeoutMs,
            });
            if (res.statusCode >= 200 && res.statusCode < 300) {
                if (opts.raw) {
                    clearTimeout(timer);
                    return { ok: true, value: res.body };
                }
                const text = await res.body.text();
                return { ok: true, value: parseBody(text, res.headers['content-type']) };
            }
            const text = await res.body.text().catch(() => '');
            const retryAfterMs = res.statusCode === 429 ? retryAfterFromHeaders(res.headers) : undefined;
            const error = errorForStatus({ method, path, status: res.statusCode }, text, retryAfterMs);
            return {
                ok: false,
                error,
                outcome: { status: res.statusCode, retryAfterMs, message: error.serverMessage },
            };
        }
        catch (err) {
            if (err instanceof DaytonaError)
                throw err;
            const code = errorCode(err);
            if (deadline.signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
                // the caller's own abort is not ours to retry
                if (opts.signal?.aborted)
                    throw opts.signal.reason;
                return {
                    ok: false,
                    error: new DeadlineError({ method, path }, timeoutMs),
                    outcome: { deadline: true },
                };
            }
            if (opts.signal?.aborted)
                throw opts.signal.reason;
            if (!code)
                throw err;
            const error = new ConnectionError({ method, path, code }, errorMessage(err), err);
            return { ok: false, error, outcome: { errorCode: code } };
        }
        finally {
            clearTimeout(timer);
        }
    }
}
function buildUrl(base, query) {
    if (!query)
        return base;
    const parts = [];
    const add = (key, value) => parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    for (const [key, value] of Object.entries(query)) {
        if (value === undefined || value === null)
            continue;
        if (Array.isArray(value))
            for (const v of value)
                add(key, v);
        else if (typeof value === 'object')
            add(key, JSON.stringify(value));
        else
            add(key, value);
    }
    if (!parts.length)
        return base;
    return `${base}${base.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
function isStream(body) {
    return (body instanceof external_node_stream_.Readable || (typeof body === 'object' && body !== null && Symbol.asyncIterator in body));
}
function encodeBody(body) {
    if (body === undefined)
        return { body: undefined };
    // undici sets the multipart boundary itself; it also accepts Node's global FormData
    if (body instanceof undici.FormData || body instanceof globalThis.FormData)
        return { body };
    if (isStream(body))
        return { body, contentType: 'application/octet-stream' };
    if (body instanceof Uint8Array)
        return { body, contentType: 'application/octet-stream' };
    return { body: JSON.stringify(body), contentType: 'application/json' };
}
/** Any 2xx is success; an empty one is undefined; JSON when labelled (or unlabelled and parseable), else text. */
function parseBody(text, contentType) {
    if (text === '')
        return undefined;
    const type = String(contentType ?? '');
    if (type && !/json/i.test(type))
        return text;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/** The system or undici error code of a failed request (ECONNRESET, UND_ERR_SOCKET…), looking into causes. */
function errorCode(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const code = err.code;
    if (typeof code === 'string')
        return code;
    return errorCode(err.cause);
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/aws4/aws4.js
var aws4 = __webpack_require__(8832);
;// CONCATENATED MODULE: ./lib/daytona/object-storage.js
// Object storage for build contexts (daytona-api.md §3.3), as Daytona's SDK uses it: temporary S3
// credentials from the API, then path-style S3 requests against `storageUrl`, signed with Signature V4
// (the `aws4` package) including the session token. The Daytona API key never goes to the storage host.







const ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;
const TIMEOUT_MS = 120_000;
class ObjectStorage {
    #http;
    #apiUrl;
    constructor(http, apiUrl) {
        this.#http = http;
        this.#apiUrl = apiUrl;
    }
    /** Temporary S3 credentials for `{organizationId}/{hash}/context.tar` in `bucket`. */
    pushAccess() {
        return this.#http.request({
            method: 'GET',
            url: `${this.#apiUrl}/object-storage/push-access`,
        });
    }
    /**
     * Uploads a build context under its hash unless one is there already (the SDK's rule: any object under
     * `{organizationId}/{hash}/`). `writeTar` makes the archive only when it is needed and returns its path.
     */
    async uploadContext(access, hash, writeTar) {
        const prefix = `${access.organizationId}/${hash}/`;
        if (await this.hasPrefix(access, prefix))
            return 'present';
        await this.putFile(access, `${prefix}context.tar`, await writeTar());
        return 'uploaded';
    }
    /** ListObjectsV2 with MaxKeys 1: does anything exist under `prefix`? */
    async hasPrefix(access, prefix) {
        const query = new URLSearchParams({ 'list-type': '2', 'max-keys': '1', prefix });
        const text = await this.#send(access, 'GET', `/${access.bucket}?${query}`, {});
        const keyCount = /<KeyCount>(\d+)<\/KeyCount>/.exec(text);
        return keyCount ? Number(keyCount[1]) > 0 : /<Contents>/.test(text);
    }
    /** One PUT with a signed payload hash and Content-MD5, so the store can reject a corrupted upload. */
    async putFile(access, key, file) {
        const [{ size }, sha256, md5] = await Promise.all([
            (0,promises_.stat)(file),
            digestFile(file, 'sha256', 'hex'),
            digestFile(file, 'md5', 'base64'),
        ]);
        await this.#send(access, 'PUT', `/${access.bucket}/${key}`, {
            'Content-Type': 'application/x-tar',
            'Content-Length': String(size),
            'Content-MD5': md5,
            'X-Amz-Content-Sha256': sha256,
        }, () => (0,external_node_fs_.createReadStream)(file));
    }
    async #send(access, method, pathAndQuery, headers, body) {
        const base = new URL(access.storageUrl.replace(/\/+$/, ''));
        const path = `${base.pathname.replace(/\/+$/, '')}${pathAndQuery}`;
        const where = { method, path: path.split('?')[0] };
        for (let attempt = 1;; attempt++) {
            // signed per attempt: the date is part of the signature
            const signed = aws4.sign({
                host: base.host,
                path,
                method,
                service: 's3',
                region: access.region || 'us-east-1',
                headers: { ...headers },
            }, { accessKeyId: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken });
            let status;
            let text = '';
            try {
                const res = await (0,undici/* request */.Em)(`${base.origin}${signed.path}`, {
                    method,
                    headers: signed.headers,
                    body: body?.(),
                    dispatcher: this.#http.dispatcher,
                    headersTimeout: TIMEOUT_MS,
                    bodyTimeout: TIMEOUT_MS,
                });
                status = res.statusCode;
                text = await res.body.text();
                if (status >= 200 && status < 300)
                    return text;
            }
            catch (err) {
                if (attempt >= ATTEMPTS)
                    throw new ConnectionError({ ...where, code: errorCode(err) ?? 'UNKNOWN' }, String(err), err);
            }
            const retryable = status === undefined || status >= 500 || status === 429;
            if (status !== undefined && (!retryable || attempt >= ATTEMPTS))
                throw s3Error(where, status, text);
            await abortableSleep(RETRY_DELAY_MS * attempt);
        }
    }
}
/** `PUT /bucket/key → 403 SignatureDoesNotMatch: …` from S3's XML error body (never a credential). */
function s3Error(where, status, body) {
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
    const detail = [code, message].filter(Boolean).join(': ') || body.slice(0, 200);
    return new DaytonaError({ ...where, status, code, serverMessage: message }, `${where.method} ${where.path} → ${status}${detail ? ` ${detail}` : ''}`);
}
async function digestFile(file, algorithm, encoding) {
    const hash = (0,external_node_crypto_.createHash)(algorithm);
    for await (const chunk of (0,external_node_fs_.createReadStream)(file))
        hash.update(chunk);
    return hash.digest(encoding);
}

;// CONCATENATED MODULE: ./lib/daytona/wait.js
// Polling a resource until it reaches a wanted state: backoff from 250 ms to 2 s, a failure set,
// unknown states treated as transitional, and one last refresh at the deadline before giving up.

async function pollUntil(spec, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    let delay = spec.minDelayMs ?? 250;
    const maxDelay = spec.maxDelayMs ?? 2000;
    let last;
    for (;;) {
        opts.signal?.throwIfAborted();
        const item = await spec.fetch();
        const state = spec.stateOf(item);
        if (state !== last) {
            last = state;
            opts.onState?.(state);
        }
        if (spec.isDone(state))
            return item;
        if (spec.isFailed(state))
            throw spec.failure(item, state);
        const remaining = deadline - Date.now();
        if (remaining <= 0)
            throw spec.timeout(item, state);
        // sleeping at most until the deadline means the last fetch happens right at it
        await abortableSleep(Math.min(delay, remaining), opts.signal);
        delay = Math.min(maxDelay, delay * 2);
    }
}

;// CONCATENATED MODULE: ./lib/daytona/sandboxes.js
// Sandbox lifecycle on the main API (daytona-api.md §2).


/** States a sandbox does not leave by itself on its way to `started`. */
const START_FAILED = new Set(['error', 'build_failed', 'destroyed', 'destroying']);
class Sandboxes {
    #http;
    #base;
    constructor(http, apiUrl) {
        this.#http = http;
        this.#base = `${apiUrl}/sandbox`;
    }
    /**
     * Not retried on 5xx or a reset connection (it may have created the sandbox already): only on
     * connect-phase failures and 429. From a snapshot the server waits up to 30 s for `started`.
     */
    create(body, opts = {}) {
        return this.#http.request({ method: 'POST', url: this.#base, body, idempotent: false, ...opts });
    }
    get(idOrName, opts = {}) {
        return this.#http.request({ method: 'GET', url: this.#url(idOrName), ...opts });
    }
    /** Every sandbox matching the filter, following `nextCursor`. Listing is eventually consistent. */
    async *list(filter = {}) {
        let cursor;
        do {
            const page = await this.#http.request({
                method: 'GET',
                url: this.#base,
                query: {
                    labels: filter.labels,
                    name: filter.name,
                    states: filter.states,
                    snapshots: filter.snapshots,
                    limit: filter.limit,
                    cursor,
                },
            });
            yield* page.items;
            cursor = page.nextCursor ?? undefined;
        } while (cursor);
    }
    /** Retries 409 "state change in progress"; a 404 is thrown as NotFoundError (the caller decides). */
    async delete(idOrName, opts = {}) {
        await this.#http.request({ method: 'DELETE', url: this.#url(idOrName), retry409: true, ...opts });
    }
    /** Polls until `started`; throws StateError on error/build_failed (with errorReason), DeadlineError on timeout. */
    waitUntilStarted(id, opts) {
        const ctx = { method: 'GET', path: new URL(this.#url(id)).pathname };
        return pollUntil({
            fetch: () => this.get(id, { signal: opts.signal }),
            stateOf: (s) => s.state ?? 'unknown',
            isDone: (state) => state === 'started',
            isFailed: (state) => START_FAILED.has(state),
            failure: (s, state) => new StateError(ctx, { resource: 'sandbox', id, state, errorReason: s.errorReason }),
            timeout: (_s, state) => new DeadlineError(ctx, opts.timeoutMs, `sandbox ${id} not started after ${opts.timeoutMs} ms (${state})`),
        }, opts);
    }
    setAutostop(id, minutes) {
        return this.#interval(id, 'autostop', minutes);
    }
    /** Re-anchors the wall-clock TTL from now. */
    setTtl(id, minutes) {
        return this.#interval(id, 'ttl', minutes);
    }
    async #interval(id, kind, minutes) {
        if (!Number.isInteger(minutes))
            throw new RangeError(`${kind} must be a whole number of minutes, got ${minutes}`);
        // setting an interval twice is harmless, so a reset connection may be retried
        await this.#http.request({ method: 'POST', url: `${this.#url(id)}/${kind}/${minutes}`, idempotent: true });
    }
    #url(idOrName) {
        return `${this.#base}/${encodeURIComponent(idOrName)}`;
    }
}

;// CONCATENATED MODULE: ./lib/daytona/build-logs.js
// Following a build log (sandbox or snapshot). The runner's follow stream ends when the image is built,
// but NEVER on a failed build, so reads race a 2 s idle timer; on each idle tick we re-read the state and
// stop after two consecutive checks find it terminal (what Daytona's SDK does, daytona-api.md §3.5).


async function followLogUrl(http, url, onLine, owner, opts = {}) {
    // a sandbox or snapshot that is gone has no build to wait for
    const isTerminal = () => owner.state().then((state) => owner.terminal.has(state ?? ''), (err) => {
        if (err instanceof NotFoundError)
            return true;
        throw err;
    });
    const stop = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
    const body = await http.request({
        method: 'GET',
        url,
        query: { follow: true },
        raw: true,
        idleTimeoutMs: 0,
        signal,
    });
    const lines = new LineSplitter(onLine);
    const reader = body[Symbol.asyncIterator]();
    let terminalChecks = 0;
    let next = reader.next();
    try {
        for (;;) {
            const tick = new AbortController();
            const idle = abortableSleep(opts.idleCheckMs ?? 2000, tick.signal).then(() => 'idle', () => 'read');
            const winner = await Promise.race([next.then(() => 'read'), idle]);
            tick.abort();
            if (winner === 'idle') {
                terminalChecks = (await isTerminal()) ? terminalChecks + 1 : 0;
                if (terminalChecks >= 2)
                    break;
                continue;
            }
            const { done, value } = await next;
            if (done)
                break;
            terminalChecks = 0;
            lines.push(value);
            next = reader.next();
        }
        lines.end();
    }
    catch (err) {
        opts.signal?.throwIfAborted();
        throw err;
    }
    finally {
        // a read still pending when we stop rejects once the body is destroyed: nobody waits for it
        next.catch(() => { });
        stop.abort();
        body.destroy();
    }
}
/** Bytes in, whole lines out (without the newline); a last unterminated line is flushed at the end. */
class LineSplitter {
    #onLine;
    #decoder = new TextDecoder('utf-8');
    #partial = '';
    constructor(onLine) {
        this.#onLine = onLine;
    }
    push(bytes) {
        this.#split(this.#partial + this.#decoder.decode(bytes, { stream: true }));
    }
    end() {
        const rest = this.#partial + this.#decoder.decode();
        this.#partial = '';
        if (rest)
            this.#onLine(rest.replace(/\r$/, ''));
    }
    #split(text) {
        const parts = text.split('\n');
        this.#partial = parts.pop() ?? '';
        for (const line of parts)
            this.#onLine(line.replace(/\r$/, ''));
    }
}

;// CONCATENATED MODULE: ./lib/daytona/snapshots.js
// Snapshots (daytona-api.md §3): create, look up, list, activate, delete, wait, build logs, the quota.




const ACTIVATION_FAILED = new Set(['error', 'build_failed', 'removing']);
const BUILD_LOG_TERMINAL = new Set(['active', 'error', 'build_failed']);
/** The page size the list endpoint allows at most. */
const PAGE_LIMIT = 200;
class Snapshots {
    #http;
    #base;
    constructor(http, apiUrl) {
        this.#http = http;
        this.#base = `${apiUrl}/snapshots`;
    }
    create(body, opts = {}) {
        return this.#http.request({ method: 'POST', url: this.#base, body, idempotent: false, ...opts });
    }
    get(idOrName, opts = {}) {
        return this.#http.request({ method: 'GET', url: this.#url(idOrName), ...opts });
    }
    /** The snapshot with this name (or id), or undefined if there is none. */
    async find(name, opts = {}) {
        try {
            return await this.get(name, opts);
        }
        catch (err) {
            if (err instanceof NotFoundError)
                return undefined;
            throw err;
        }
    }
    /** Every snapshot whose name contains `name` (the server matches case-insensitively), page after page. */
    async *list(name, opts = {}) {
        for (let page = 1;; page++) {
            const res = await this.#http.request({
                method: 'GET',
                url: this.#base,
                query: { name, page, limit: PAGE_LIMIT },
                ...opts,
            });
            yield* res.items;
            if (page >= res.totalPages || res.items.length === 0)
                return;
        }
    }
    /** How many snapshots the organization may hold, and how many count now. */
    async quota(organizationId) {
        const base = this.#base.slice(0, -'/snapshots'.length);
        const usage = await this.#http.request({
            method: 'GET',
            url: `${base}/organizations/${encodeURIComponent(organizationId)}/usage`,
        });
        return { total: usage.totalSnapshotQuota, used: usage.currentSnapshotUsage };
    }
    /** Re-activates an `inactive` snapshot (they go inactive after 14 unused days). */
    activate(id) {
        return this.#http.request({ method: 'POST', url: `${this.#url(id)}/activate` });
    }
    /** Needs the UUID: the server rejects names here. */
    async delete(id) {
        await this.#http.request({ method: 'DELETE', url: this.#url(id) });
    }
    waitUntilActive(idOrName, opts) {
        const ctx = { method: 'GET', path: new URL(this.#url(idOrName)).pathname };
        return pollUntil({
            fetch: () => this.get(idOrName, { signal: opts.signal }),
            stateOf: (s) => s.state,
            isDone: (state) => state === 'active',
            isFailed: (state) => ACTIVATION_FAILED.has(state),
            failure: (s, state) => new StateError(ctx, {
                resource: 'snapshot',
                id: idOrName,
                state,
                errorReason: s.errorReason ?? undefined,
            }),
            timeout: (_s, state) => new DeadlineError(ctx, opts.timeoutMs, `snapshot ${idOrName} not active after ${opts.timeoutMs} ms (${state})`),
        }, opts);
    }
    /** The server waits up to 30 s for a build runner, then answers 404 (see followBuildLogs). */
    async buildLogsUrl(id, opts = {}) {
        const res = await this.#http.request({
            method: 'GET',
            url: `${this.#url(id)}/build-logs-url`,
            ...opts,
        });
        return res.url;
    }
    /**
     * Streams the build log line by line until the build is over (active/error/build_failed). In a busy region
     * no runner may take the build for longer than the server waits (404 "Timeout waiting for build runner
     * assignment"): the URL is asked for again while the snapshot is still `pending`. `onFollowing` is told
     * once the log is being read. Resolves without a line when the build ended before any runner served it.
     */
    async followBuildLogs(id, onLine, opts = {}) {
        const url = await this.#buildLogsUrlOnceAssigned(id, opts.signal);
        if (!url)
            return;
        opts.onFollowing?.();
        const owner = { state: async () => (await this.get(id)).state, terminal: BUILD_LOG_TERMINAL };
        await followLogUrl(this.#http, url, onLine, owner, opts);
    }
    async #buildLogsUrlOnceAssigned(id, signal) {
        for (;;) {
            try {
                return await this.buildLogsUrl(id, { signal });
            }
            catch (err) {
                if (!(err instanceof NotFoundError) || !/waiting for build runner/i.test(err.message))
                    throw err;
                const state = (await this.get(id, { signal })).state;
                if (BUILD_LOG_TERMINAL.has(state))
                    return undefined;
                // the server itself waited; a short pause keeps a tight loop off it if it answers at once
                await abortableSleep(1000, signal);
            }
        }
    }
    /** The whole build log so far, without following. */
    async buildLogs(id) {
        const url = await this.buildLogsUrl(id);
        const body = await this.#http.request({ method: 'GET', url, raw: true });
        return body.text();
    }
    #url(idOrName) {
        return `${this.#base}/${encodeURIComponent(idOrName)}`;
    }
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./lib/daytona/toolbox/files.js
// Files in a sandbox (daytona-api.md §4.5). Uploads stream from disk; downloads can stream to disk.



/** Moving megabytes takes longer than a JSON call. */
const TRANSFER_DEADLINE_MS = 10 * 60_000;
class FilesApi {
    #http;
    #base;
    constructor(http, toolboxBase) {
        this.#http = http;
        this.#base = `${toolboxBase}files`;
    }
    /** One multipart request for all files; existing files are overwritten. */
    async upload(files, opts = {}) {
        const form = new undici.FormData();
        for (const [i, file] of files.entries()) {
            // The daemon reads `files[i].path` first, then `files[i].file`: the order matters.
            form.append(`files[${i}].path`, file.destination);
            // openAsBlob reads the file lazily, so a big file is never all in memory.
            const blob = typeof file.source === 'string' ? await (0,external_node_fs_.openAsBlob)(file.source) : new Blob([file.source]);
            form.append(`files[${i}].file`, blob, file.destination);
        }
        const res = await this.#http.request({
            method: 'POST',
            url: `${this.#base}/bulk-upload`,
            body: form,
            // re-sending overwrites the same files: safe to retry a reset connection
            idempotent: true,
            timeoutMs: TRANSFER_DEADLINE_MS,
            signal: opts.signal,
        });
        return res ?? { files: [] };
    }
    async download(path, opts = {}) {
        const body = await this.#downloadBody(path, opts.signal);
        return new Uint8Array(await body.arrayBuffer());
    }
    /** Streams a sandbox file into a local file. */
    async downloadTo(path, localPath, opts = {}) {
        const body = await this.#downloadBody(path, opts.signal);
        await (0,external_node_stream_promises_.pipeline)(body, (0,external_node_fs_.createWriteStream)(localPath));
    }
    /**
     * `depth` > 1 lists recursively [C205+]; the daemon walks without following symlinked directories, and
     * each entry's `path` is the requested path joined with the entry's place under it.
     */
    list(path, opts = {}) {
        return this.#http.request({
            method: 'GET',
            url: this.#base,
            query: { path, depth: opts.depth },
            timeoutMs: opts.depth && opts.depth > 1 ? TRANSFER_DEADLINE_MS : undefined,
        });
    }
    /** The body of one sandbox file, to be streamed by the caller (who must consume or cancel it). */
    downloadBody(path, opts = {}) {
        return this.#downloadBody(path, opts.signal);
    }
    info(path) {
        return this.#http.request({ method: 'GET', url: `${this.#base}/info`, query: { path } });
    }
    /** `mode` is octal text, as the daemon expects. */
    async createFolder(path, mode = '755') {
        await this.#http.request({
            method: 'POST',
            url: `${this.#base}/folder`,
            query: { path, mode },
            idempotent: true,
        });
    }
    /** A directory needs `recursive`, else the daemon answers 400. */
    async delete(path, opts = {}) {
        await this.#http.request({
            method: 'DELETE',
            url: this.#base,
            query: { path, recursive: opts.recursive ? true : undefined },
        });
    }
    #downloadBody(path, signal) {
        return this.#http.request({
            method: 'GET',
            url: `${this.#base}/download`,
            query: { path },
            raw: true,
            // for raw bodies the deadline covers the headers; the body may take long but must keep moving
            idleTimeoutMs: 60_000,
            signal,
        });
    }
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/git.js
const CLONE_DEADLINE_MS = 15 * 60_000;
class GitApi {
    #http;
    #base;
    constructor(http, toolboxBase) {
        this.#http = http;
        this.#base = `${toolboxBase}git`;
    }
    async clone(opts) {
        const body = { url: opts.url, path: opts.path };
        if (opts.branch)
            body.branch = opts.branch;
        // snake_case on the wire
        if (opts.commitId)
            body.commit_id = opts.commitId;
        if (opts.username !== undefined)
            body.username = opts.username;
        if (opts.password !== undefined)
            body.password = opts.password;
        if (opts.depth !== undefined)
            body.depth = opts.depth;
        await this.#http.request({
            method: 'POST',
            url: `${this.#base}/clone`,
            body,
            timeoutMs: opts.timeoutMs ?? CLONE_DEADLINE_MS,
            signal: opts.signal,
        });
    }
    /** The commits reachable from HEAD of the repository at `path`, newest first (no `git` program needed). */
    history(path, opts = {}) {
        return this.#http.request({
            method: 'GET',
            url: `${this.#base}/history`,
            query: { path },
            signal: opts.signal,
        });
    }
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/demux.js
// Splits a session command's log into stdout and stderr. The daemon prefixes every line with a 3-byte
// marker (01 01 01 = stdout, 02 02 02 = stderr); over a WebSocket the bytes arrive in frames of any size,
// so a marker or a multi-byte UTF-8 character may be cut between two frames.
const STDOUT_BYTE = 0x01;
const STDERR_BYTE = 0x02;
function isMarkerByte(b) {
    return b === STDOUT_BYTE || b === STDERR_BYTE;
}
/**
 * Byte-level demuxer: `feed` raw log bytes, receive each stream's bytes (markers removed) through the sink.
 * Bytes before the first marker belong to no stream and are dropped. Up to two trailing marker bytes are
 * held back until the next frame shows whether they start a marker; `end()` releases them. Consecutive lines
 * of one stream reach the sink as one piece (the daemon marks every line: handing lines on one by one
 * would make a write per line); the pieces are the demuxer's own copies.
 */
class Demuxer {
    #sink;
    #current;
    #held = new Uint8Array(0);
    #pending = [];
    constructor(sink) {
        this.#sink = sink;
    }
    /** Resolves when the sink has room again; undefined when it has room now. */
    feed(chunk) {
        const data = this.#held.length ? concat(this.#held, chunk) : chunk;
        this.#held = new Uint8Array(0);
        const end = data.length;
        const out = new Uint8Array(end);
        let written = 0;
        let runStart = 0;
        let start = 0;
        // native scans for the next byte that could start a marker, each redone only once passed
        let nextOut = -1;
        let nextErr = -1;
        let i = 0;
        while (i < end) {
            if (nextOut !== Infinity && nextOut < i)
                nextOut = indexOrInfinity(data, STDOUT_BYTE, i, end);
            if (nextErr !== Infinity && nextErr < i)
                nextErr = indexOrInfinity(data, STDERR_BYTE, i, end);
            const at = Math.min(nextOut, nextErr);
            if (at === Infinity)
                break;
            const b = data[at];
            if (at + 2 < end && data[at + 1] === b && data[at + 2] === b) {
                if (this.#current) {
                    out.set(data.subarray(start, at), written);
                    written += at - start;
                }
                const stream = b === STDOUT_BYTE ? 'stdout' : 'stderr';
                if (stream !== this.#current) {
                    this.#emit(out, runStart, written);
                    runStart = written;
                    this.#current = stream;
                }
                start = at + 3;
                i = start;
            }
            else {
                i = at + 1;
            }
        }
        // The last one or two bytes may be the beginning of a marker cut by the frame boundary.
        let hold = 0;
        const last = end - 1;
        if (last >= start && isMarkerByte(data[last])) {
            hold = 1;
            if (last - 1 >= start && data[last - 1] === data[last])
                hold = 2;
        }
        if (this.#current && end - hold > start) {
            out.set(data.subarray(start, end - hold), written);
            written += end - hold - start;
        }
        this.#emit(out, runStart, written);
        if (hold)
            this.#held = data.slice(end - hold);
        return this.#backlog();
    }
    /** The log ended: held-back bytes were data after all. */
    end() {
        const held = this.#held;
        this.#held = new Uint8Array(0);
        this.#emit(held, 0, held.length);
        return this.#backlog();
    }
    #emit(data, from, to) {
        if (to <= from || !this.#current)
            return;
        const full = this.#sink(this.#current, data.subarray(from, to));
        if (full)
            this.#pending.push(full);
    }
    #backlog() {
        const pending = this.#pending;
        if (pending.length === 0)
            return undefined;
        this.#pending = [];
        return pending.length === 1 ? pending[0] : Promise.all(pending).then(() => { });
    }
}
/** Streaming UTF-8 decoding per stream, so a character cut between frames is decoded whole. */
class StreamDecoder {
    #decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
    decode(stream, bytes) {
        return this.#decoders[stream].decode(bytes, { stream: true });
    }
    /** Whatever incomplete character is left (as U+FFFD), per stream. */
    flush(stream) {
        return this.#decoders[stream].decode();
    }
}
/** Demuxer + decoders: feed raw log bytes, receive stdout and stderr text. */
class TextDemuxer {
    #handlers;
    #decoder = new StreamDecoder();
    #demuxer;
    constructor(handlers) {
        this.#handlers = handlers;
        this.#demuxer = new Demuxer((stream, bytes) => this.#deliver(stream, this.#decoder.decode(stream, bytes)));
    }
    feed(chunk) {
        this.#demuxer.feed(chunk);
    }
    end() {
        this.#demuxer.end();
        this.#deliver('stdout', this.#decoder.flush('stdout'));
        this.#deliver('stderr', this.#decoder.flush('stderr'));
    }
    #deliver(stream, text) {
        if (!text)
            return;
        if (stream === 'stdout')
            this.#handlers.onStdout?.(text);
        else
            this.#handlers.onStderr?.(text);
    }
}
/** Demuxes a whole log at once (e.g. a plain-text logs response or an `output` field with markers). */
function demuxAll(log) {
    const out = { stdout: '', stderr: '' };
    const demuxer = new TextDemuxer({ onStdout: (t) => (out.stdout += t), onStderr: (t) => (out.stderr += t) });
    demuxer.feed(typeof log === 'string' ? new TextEncoder().encode(log) : log);
    demuxer.end();
    return out;
}
function indexOrInfinity(data, byte, from, end) {
    const at = data.indexOf(byte, from);
    return at === -1 || at >= end ? Infinity : at;
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/follow.js
// One follow connection to a command's log (daytona-api.md §4.4): a WebSocket of binary frames, markers
// included, replayed from the start of the log. The `ws` library rather than undici's WebSocket because it can
// pause: while the job log has no room, the socket is not read, TCP's window closes and the daemon's writer
// blocks, so nothing piles up in between. It is loaded once a session opens (loadWebSocket), while the source
// is cloned: a run that never gets there (a bad input, a failed create) does not pay for it at start-up, and the
// first command does not wait for it.
/**
 * The daemon closes a follow normally only after a second of EOF with the exit code present (v0.190
 * `ReadLogWithExitCode`: 50 reads 20 ms apart), so a normal close always comes at least a second after the
 * opening, behind every byte of the log. The early closes seen on v0.204 come at once. So a server's 1000
 * close proves the log complete when the socket lived that long and either we had seen the command end,
 * or a second of silence preceded the close. The silence is ours to measure only while we read as fast as
 * the frames come: when the consumer held the socket back, the daemon's second may have passed while its
 * last frames waited in the network buffers.
 */
const DAEMON_EOF_GRACE_MS = 900;
const HELD_BACK_BLUR_MS = 3_000;
function deliveredWholeLog(end, sawTheEnd = false) {
    if (end.byServer !== true || end.closeCode !== 1000 || (end.openMs ?? 0) < DAEMON_EOF_GRACE_MS)
        return false;
    if (sawTheEnd || (end.silenceMs ?? 0) >= DAEMON_EOF_GRACE_MS)
        return true;
    return end.heldBackMsAgo !== undefined && end.heldBackMsAgo < HELD_BACK_BLUR_MS;
}
/**
 * The daemon never pings and Daytona's proxy drops connections idle for 70 s: a silent command's socket is
 * kept alive by our pings (the daemon answers them first, v0.190 `ws_keepalive.go`).
 */
const PING_EVERY_MS = 25_000;
const HANDSHAKE_TIMEOUT_MS = 30_000;
let webSocketModule;
/** Loads `ws` (once). */
function loadWebSocket() {
    webSocketModule ??= __webpack_require__.e(/* import() */ 977).then(__webpack_require__.bind(__webpack_require__, 2977));
    return webSocketModule;
}
async function followSocket(url, headers, onFrame, signal) {
    if (signal?.aborted)
        return { opened: false, closeCode: 1006, byServer: false, silenceMs: 0, openMs: 0 };
    const { WebSocket } = await loadWebSocket();
    return new Promise((resolve) => {
        // Offer no subprotocol: the daemon fails the handshake on one it does not recognise.
        const ws = new WebSocket(url, {
            headers,
            perMessageDeflate: false,
            handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        });
        let opened = false;
        let aborted = false;
        let lastActivity = performance.now();
        let openedAt;
        let heldBackAt;
        let waiting = 0;
        const onAbort = () => {
            aborted = true;
            ws.terminate();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const pinger = setInterval(() => {
            if (ws.readyState === ws.OPEN)
                ws.ping();
        }, PING_EVERY_MS);
        ws.on('open', () => {
            opened = true;
            openedAt = lastActivity = performance.now();
        });
        // The daemon sends frames of at most 1 KiB; one socket read holds dozens. They are joined and handed on
        // once per read, so that a gigabyte of output is 16 thousand writes to the job log, not a million.
        let batch = [];
        const flush = () => {
            const frames = batch;
            batch = [];
            const full = onFrame(frames.length === 1 ? frames[0] : Buffer.concat(frames));
            if (!full)
                return;
            if (waiting++ === 0)
                ws.pause();
            const release = () => {
                heldBackAt = performance.now();
                if (--waiting === 0 && ws.readyState === ws.OPEN)
                    ws.resume();
            };
            full.then(release, release);
        };
        ws.on('message', (data) => {
            lastActivity = performance.now();
            if (batch.push(data) === 1)
                queueMicrotask(flush);
        });
        ws.on('close', (code) => {
            if (batch.length)
                flush();
            clearInterval(pinger);
            signal?.removeEventListener('abort', onAbort);
            const now = performance.now();
            resolve({
                opened,
                closeCode: code,
                byServer: !aborted,
                silenceMs: now - lastActivity,
                openMs: openedAt === undefined ? 0 : now - openedAt,
                heldBackMsAgo: waiting > 0 ? 0 : heldBackAt === undefined ? undefined : now - heldBackAt,
            });
        });
        // an error (refused upgrade, reset) is always followed by a close event, which settles the promise
        ws.on('error', () => { });
    });
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/stream.js
// Live output of a session command (the design's "live output" decision), in bounded memory. The follow
// WebSocket is best effort: it may close early, and each connection replays the log from the start. So we
// count the bytes shown per stream and skip the replayed prefix after a reconnect; the status is checked
// sparsely (the socket itself says when the log ends). The plain log is read again only when the socket
// could not have delivered everything, skipping the bytes already shown. Output is never duplicated nor
// lost, and nothing is buffered: while the consumer has no room, the socket (or the plain log's body) is not
// read.



const STREAMS = ['stdout', 'stderr'];
/**
 * When the status shows the end first, a log this small is read again at once (one short request) rather
 * than waiting the second the daemon takes to close the socket; a larger one is left to the socket.
 */
const SMALL_LOG_BYTES = 64 * 1024;
/** a socket that keeps failing: reconnect (and check the status) at least this often */
const RECONNECT_PAUSE_CAP_MS = 10_000;
async function streamCommand(src, handlers) {
    const { signal } = handlers;
    const pollMs = handlers.pollMs ?? 30_000;
    const firstPollMs = Math.min(handlers.firstPollMs ?? 25, pollMs);
    const quickPollsMs = handlers.quickPollsMs ?? 800;
    const nextPoll = (wait) => (wait * 2 <= quickPollsMs ? Math.min(wait * 2, pollMs) : pollMs);
    const graceMs = handlers.graceMs ?? 3_000;
    const shown = { stdout: 0, stderr: 0 };
    const decoder = new StreamDecoder();
    const emitText = (stream, text) => {
        if (!text)
            return undefined;
        return (stream === 'stdout' ? handlers.onStdout?.(text) : handlers.onStderr?.(text)) ?? undefined;
    };
    const { onOutput } = handlers;
    const emit = (stream, bytes) => onOutput ? (onOutput(stream, bytes) ?? undefined) : emitText(stream, decoder.decode(stream, bytes));
    /** A sink for one pass over the log from its start: it delivers only the bytes not shown yet. */
    const freshBytesOnly = () => {
        const seen = { stdout: 0, stderr: 0 };
        return (stream, bytes) => {
            const start = seen[stream];
            seen[stream] += bytes.length;
            const skip = shown[stream] - start;
            if (skip >= bytes.length)
                return undefined;
            const fresh = skip > 0 ? bytes.subarray(skip) : bytes;
            shown[stream] += fresh.length;
            return emit(stream, fresh);
        };
    };
    const total = () => shown.stdout + shown.stderr;
    const finish = async (exitCode) => {
        if (!onOutput)
            for (const stream of STREAMS)
                await emitText(stream, decoder.flush(stream));
        return { exitCode };
    };
    /** One connection: how it ended, and the exit code if the status check or the output showed it. */
    const followOnce = async () => {
        const sink = freshBytesOnly();
        const stopSocket = new AbortController();
        const stopPoll = new AbortController();
        const socketSignal = signal ? AbortSignal.any([signal, stopSocket.signal]) : stopSocket.signal;
        let exitCode;
        let endedInOutput = false;
        let lastBytesAt = performance.now();
        let waitingForRoom = 0;
        const watched = (stream, bytes) => {
            if (endedInOutput)
                return undefined;
            lastBytesAt = performance.now();
            const full = sink(stream, bytes);
            if (full) {
                // waiting for the consumer is not the socket's silence
                waitingForRoom++;
                const done = () => {
                    waitingForRoom--;
                    lastBytesAt = performance.now();
                };
                full.then(done, done);
            }
            const ended = handlers.endedWith?.();
            if (ended !== undefined && exitCode === undefined) {
                exitCode = ended;
                endedInOutput = true;
                // the rest of this frame, and anything after, is not the command's
                stopSocket.abort();
            }
            return full;
        };
        // whether the end was known when the socket closed (a status answer arriving after it proves nothing)
        let endKnownAtClose = false;
        const socket = src.follow(watched, socketSignal).finally(() => {
            endKnownAtClose = exitCode !== undefined;
            stopPoll.abort();
        });
        const poll = (async () => {
            try {
                for (let wait = firstPollMs;; wait = nextPoll(wait)) {
                    await abortableSleep(wait, stopPoll.signal);
                    const cmd = await src.status(stopPoll.signal).catch(() => undefined);
                    if (cmd?.exitCode === undefined || cmd.exitCode === null)
                        continue;
                    exitCode ??= cmd.exitCode;
                    // a large log is left to the socket, for as long as it keeps delivering
                    if (total() >= SMALL_LOG_BYTES)
                        while (waitingForRoom > 0 || performance.now() - lastBytesAt < graceMs)
                            await abortableSleep(graceMs / 6, stopPoll.signal);
                    stopSocket.abort();
                    return;
                }
            }
            catch {
                // the socket closed: the poll is no longer needed
            }
        })();
        const end = ((await socket) ?? {});
        stopPoll.abort();
        await poll;
        if (endedInOutput)
            return { exitCode, complete: true };
        return { exitCode, complete: deliveredWholeLog(end, endKnownAtClose) };
    };
    let pause = 250;
    for (;;) {
        signal?.throwIfAborted();
        const before = total();
        const connection = await followOnce();
        let exitCode = connection.exitCode;
        signal?.throwIfAborted();
        if (exitCode === undefined) {
            const cmd = await src.status(signal);
            if (cmd.exitCode !== undefined && cmd.exitCode !== null)
                exitCode = cmd.exitCode;
        }
        if (exitCode !== undefined) {
            if (!connection.complete)
                await src.replay(freshBytesOnly(), signal);
            return finish(exitCode);
        }
        // Still running: reconnect. A connection that brought nothing new is retried less eagerly, so a
        // socket that keeps failing degrades into the slow poll instead of a busy loop.
        if (total() > before)
            pause = 250;
        else {
            await abortableSleep(pause, signal);
            pause = Math.min(pause * 2, RECONNECT_PAUSE_CAP_MS);
        }
    }
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/process.js



/** Daemons from 0.27.0 up to (not including) 0.167.0 answer session logs as plain text with the markers. */
const PLAIN_LOGS_SDK_VERSION = '0.166.0';
/** A sync `/process/execute` without its own timeout may legitimately run long. */
const EXECUTE_DEFAULT_DEADLINE_MS = 60 * 60_000;
class ProcessApi {
    #http;
    #base;
    constructor(http, toolboxBase) {
        this.#http = http;
        this.#base = toolboxBase;
    }
    /**
     * One command, stdout and stderr combined in `result`. With `timeout` (seconds) the daemon kills it and
     * answers 408 (TimeoutError, output lost); our HTTP deadline is then timeout + 5 s.
     */
    execute(req, opts = {}) {
        const timeoutMs = opts.timeoutMs ?? (req.timeout ? req.timeout * 1000 + 5000 : EXECUTE_DEFAULT_DEADLINE_MS);
        return this.#http.request({
            method: 'POST',
            url: `${this.#base}process/execute`,
            body: req,
            timeoutMs,
            signal: opts.signal,
        });
    }
    async createSession(sessionId) {
        // a session's commands are followed: load the WebSocket client while the session is made
        loadWebSocket().catch(() => { }); // a failure resurfaces at the first follow
        await this.#http.request({ method: 'POST', url: `${this.#base}process/session`, body: { sessionId } });
    }
    getSession(sessionId) {
        return this.#http.request({ method: 'GET', url: this.#session(sessionId) });
    }
    /** Kills the session's whole process group (there is no way to kill a single command). */
    async deleteSession(sessionId, opts = {}) {
        await this.#http.request({ method: 'DELETE', url: this.#session(sessionId), ...opts });
    }
    /** Runs a command in the session; with `runAsync` the answer (202) carries only `cmdId`. */
    exec(sessionId, command, opts = {}) {
        return this.#http.request({
            method: 'POST',
            url: `${this.#session(sessionId)}/exec`,
            body: { command, runAsync: opts.runAsync ?? false },
            // a sync exec holds the request open until the command ends
            timeoutMs: opts.timeoutMs ?? (opts.runAsync ? undefined : EXECUTE_DEFAULT_DEADLINE_MS),
            signal: opts.signal,
        });
    }
    /** `exitCode` is absent while the command runs. */
    getCommand(sessionId, cmdId, opts = {}) {
        return this.#http.request({
            method: 'GET',
            url: this.#command(sessionId, cmdId),
            ...opts,
        });
    }
    /** The whole log so far, split by stream (whatever format the daemon answered in). */
    async getLogs(sessionId, cmdId, opts = {}) {
        const res = await this.#http.request({
            method: 'GET',
            url: `${this.#command(sessionId, cmdId)}/logs`,
            ...opts,
        });
        return parseLogs(res);
    }
    /**
     * The whole log so far as raw bytes, demuxed as they stream in. It asks for the daemon's plain format
     * (markers kept, §4.2) so that a large log is streamed once, not buffered as JSON holding it twice; a
     * daemon that answers JSON anyway is read through getLogs' parsing.
     */
    async replayLogs(sessionId, cmdId, onBytes, opts = {}) {
        const body = await this.#http.request({
            method: 'GET',
            url: `${this.#command(sessionId, cmdId)}/logs`,
            headers: { 'x-daytona-sdk-version': PLAIN_LOGS_SDK_VERSION },
            raw: true,
            ...opts,
        });
        const demuxer = new Demuxer(onBytes);
        let json;
        let first = true;
        for await (const chunk of body) {
            if (first && chunk.length > 0) {
                first = false;
                if (chunk[0] === 0x7b /* '{' */)
                    json = [];
            }
            if (json)
                json.push(chunk);
            else {
                // not reading the next chunk is what slows the body down while the sink has no room
                const full = demuxer.feed(chunk);
                if (full)
                    await full;
            }
        }
        await demuxer.end();
        if (!json)
            return;
        const logs = parseLogs(JSON.parse(Buffer.concat(json).toString('utf8')));
        const encoder = new TextEncoder();
        await onBytes('stdout', encoder.encode(logs.stdout));
        await onBytes('stderr', encoder.encode(logs.stderr));
    }
    /**
     * Follows the command's log over a WebSocket (binary frames, markers included, replayed from the start).
     * Resolves when the socket closes, normally or not; the caller reconciles with getCommand/getLogs.
     */
    async followLogs(sessionId, cmdId, handlers) {
        const demuxer = new TextDemuxer(handlers);
        const result = await this.followLogBytes(sessionId, cmdId, (chunk) => demuxer.feed(chunk), handlers.signal);
        demuxer.end();
        return result;
    }
    /** Same as followLogs, raw frames (markers included); the socket pauses while `onFrame` has no room. */
    followLogBytes(sessionId, cmdId, onFrame, signal) {
        const url = `${this.#command(sessionId, cmdId)}/logs?follow=true`.replace(/^http/, 'ws');
        // headers carry the auth (Node can set them)
        return followSocket(url, this.#http.commonHeaders(), onFrame, signal);
    }
    /**
     * Live output of a running command until it ends, never duplicated nor lost: follows over WebSocket as
     * best effort, reconnects (skipping what was shown) if the socket closes early, polls the status slowly
     * as a safety net, and reconciles once with the plain logs at the end. Resolves with the exit code.
     */
    streamCommand(sessionId, cmdId, handlers) {
        return streamCommand({
            follow: (onBytes, signal) => {
                // No demuxer.end() when it closes: a whole log ends with a newline (the daemon ends every line),
                // so bytes held back are only ever a marker cut by an early close, which the next pass resolves.
                const demuxer = new Demuxer(onBytes);
                return this.followLogBytes(sessionId, cmdId, (chunk) => demuxer.feed(chunk), signal);
            },
            status: (signal) => this.getCommand(sessionId, cmdId, { signal }),
            replay: (onBytes, signal) => this.replayLogs(sessionId, cmdId, onBytes, { signal }),
        }, handlers);
    }
    #session(sessionId) {
        return `${this.#base}process/session/${encodeURIComponent(sessionId)}`;
    }
    #command(sessionId, cmdId) {
        return `${this.#session(sessionId)}/command/${encodeURIComponent(cmdId)}`;
    }
}
/** Session logs in whichever format the daemon answered: JSON with or without the split, or raw text. */
function parseLogs(res) {
    if (res === undefined)
        return { output: '', stdout: '', stderr: '' };
    if (typeof res === 'string')
        return { output: res, ...demuxAll(res) };
    const body = res;
    const output = body.output ?? '';
    if (typeof body.stdout === 'string' || typeof body.stderr === 'string') {
        return { output, stdout: body.stdout ?? '', stderr: body.stderr ?? '' };
    }
    return { output, ...demuxAll(output) };
}

;// CONCATENATED MODULE: ./lib/daytona/toolbox/index.js
// The toolbox (daemon) API of one sandbox, reached through the toolbox proxy: `{toolboxProxyUrl}/{sandboxId}/…`.





class Toolbox {
    /** ends with '/' */
    baseUrl;
    process;
    files;
    git;
    #http;
    /** Needs the sandbox's ID: the proxy does not resolve names. */
    constructor(http, sandbox) {
        const proxy = sandbox.toolboxProxyUrl.endsWith('/')
            ? sandbox.toolboxProxyUrl
            : `${sandbox.toolboxProxyUrl}/`;
        this.baseUrl = `${proxy}${encodeURIComponent(sandbox.id)}/`;
        this.#http = http;
        this.process = new ProcessApi(http, this.baseUrl);
        this.files = new FilesApi(http, this.baseUrl);
        this.git = new GitApi(http, this.baseUrl);
    }
    async userHomeDir() {
        return this.#directory('user-home-dir', 'home directory');
    }
    /** The image's WORKDIR, else the home directory; relative toolbox paths resolve against it. */
    async workDir() {
        return this.#directory('work-dir', 'work directory');
    }
    /** The image decides these, and they are printed and put into commands: a plain absolute path, or an error. */
    async #directory(route, what) {
        const { dir } = await this.#http.request({ method: 'GET', url: `${this.baseUrl}${route}` });
        if (typeof dir === 'string' && dir.startsWith('/') && isPrintable(dir))
            return dir;
        throw new DaytonaError({ method: 'GET', path: `/${route}` }, `The sandbox's ${what} is not a plain absolute path (${JSON.stringify(String(dir).slice(0, 200))}): ` +
            "give the image's WORKDIR and home directory as plain absolute paths.");
    }
    async version() {
        return (await this.#http.request({ method: 'GET', url: `${this.baseUrl}version` }))
            .version;
    }
}

;// CONCATENATED MODULE: ./lib/daytona/client.js
// The entry point: one HTTP pool for the process, and the API areas the action uses.





class Daytona {
    http;
    sandboxes;
    snapshots;
    objectStorage;
    constructor(opts) {
        const apiUrl = opts.apiUrl.replace(/\/+$/, '');
        this.http = new HttpClient({
            apiKey: opts.apiKey,
            userAgent: opts.userAgent,
            onRetry: opts.onRetry,
            timeoutMs: opts.timeoutMs,
            retryPolicy: opts.retryPolicy,
        });
        this.sandboxes = new Sandboxes(this.http, apiUrl);
        this.snapshots = new Snapshots(this.http, apiUrl);
        this.objectStorage = new ObjectStorage(this.http, apiUrl);
    }
    toolbox(sandbox) {
        return new Toolbox(this.http, sandbox);
    }
    /** Closes the connection pool (waits for requests in flight). */
    close() {
        return this.http.close();
    }
}

// EXTERNAL MODULE: ./lib/saved-state.js
var saved_state = __webpack_require__(1372);
;// CONCATENATED MODULE: ./lib/untrusted-output.js
// Text the pull request controls (its commands' output, its Dockerfile's build log) goes to the job log with
// workflow commands switched off, so that a line like `::add-mask::…` or `::stop-commands::…` is shown, not obeyed.
// A fence's writer dies with the fence: whatever still arrives after commands resumed (a log stream that
// outlives a cancellation) is dropped, never written where the runner would obey it. The log is the step's
// stdout, which the runner may read slower than a sandbox writes: the writer hands back a promise while
// stdout's buffer is full, so that the caller stops reading from the sandbox until it drains.

class Fence {
    #token = randomUUID();
    #atLineStart = true;
    #open = true;
    constructor() {
        writeStdout(`::stop-commands::${this.#token}\n`);
    }
    write = (text) => {
        if (!this.#open || text.length === 0)
            return undefined;
        this.#atLineStart = typeof text === 'string' ? text.endsWith('\n') : text[text.length - 1] === 0x0a;
        return writeStdout(text);
    };
    /** Detaches every writer of this fence, then resumes workflow commands on a line of their own. */
    close() {
        if (!this.#open)
            return;
        this.#open = false;
        writeStdout(`${this.#atLineStart ? '' : '\n'}::${this.#token}::\n`);
    }
}
let current;
/**
 * Runs `fn` with workflow commands stopped, handing it a writer for the untrusted text. Nested use shares
 * the outer fence. Whatever happens, commands are resumed on a line of their own.
 */
async function withUntrustedOutput(fn) {
    guardStdout();
    if (current)
        return fn(current.write);
    const fence = new Fence();
    current = fence;
    try {
        return await fn(fence.write);
    }
    finally {
        if (current === fence)
            current = undefined;
        fence.close();
    }
}
/**
 * Ends the fence now (cancellation: the action's own last words must be obeyed). Its writers go quiet
 * first, for good: output that streams in afterwards is dropped. Safe to call any time.
 */
function untrusted_output_resumeWorkflowCommands() {
    const fence = current;
    current = undefined;
    fence?.close();
}
let broken;
/**
 * A stdout that fails (EPIPE when the runner stops reading, EAGAIN/EINVAL from a pipe the kernel refuses)
 * must not crash the step: the sandbox still has to be deleted and the results reported. Without a listener
 * Node turns the stream's 'error' event into an uncaught exception. Idempotent.
 */
function guardStdout() {
    if (guarded)
        return;
    guarded = true;
    process.stdout.on('error', markBroken);
}
let guarded = false;
function markBroken(err) {
    if (broken)
        return;
    broken = err;
    const reason = err.code ?? err.message;
    try {
        process.stderr.write(`The job log stopped accepting output (${reason}); the rest of the commands' output is dropped.\n`);
    }
    catch {
        // stderr is gone too: nothing left to tell
    }
}
/** Whether stdout failed: what is still written is dropped (the step goes on without a log). */
function stdoutBroken() {
    return broken !== undefined;
}
function writeStdout(text) {
    if (broken)
        return undefined;
    const out = process.stdout;
    try {
        if (out.write(text))
            return undefined;
    }
    catch (err) {
        // a stdout redirected to a non-blocking file descriptor fails synchronously (EAGAIN)
        markBroken(err);
        return undefined;
    }
    if (out.destroyed)
        return undefined;
    return new Promise((resolve) => {
        const done = () => {
            out.off('drain', done);
            out.off('close', done);
            out.off('error', done);
            resolve();
        };
        out.on('drain', done);
        out.on('close', done);
        out.on('error', done);
    });
}

;// CONCATENATED MODULE: ./lib/cleanup.js
// The one place that knows what exists and must go. Main records the sandbox here before it exists (its name,
// then its id), deletes it as soon as the commands end, and on SIGINT/SIGTERM; post deletes whatever the saved
// state still names. The server-side backstop (auto-stop + delete-on-stop, set at create) covers a vanished runner.





/** The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the tree: delete within this. */
const CANCEL_DEADLINE_MS = 6_000;
/** Deleting can meet 409 while a transition (e.g. creating) is pending: keep trying this long. */
const DELETE_DEADLINE_MS = 60_000;
/** post's own attempt at a leftover */
const POST_DEADLINE_MS = 60_000;
class Cleanup {
    #client;
    #ref = {};
    #settled = false;
    #removeSignalHandlers;
    constructor(client, apiUrl) {
        this.#client = client;
        core.saveState(STATE_KEYS.apiUrl, apiUrl);
        this.#removeSignalHandlers = onCancel(() => this.#cancel());
    }
    /** Saved before the create request, so the sandbox can be found even if the answer is lost. */
    rememberName(name) {
        this.#ref.name = name;
        core.saveState(STATE_KEYS.name, name);
    }
    rememberId(id) {
        this.#ref.id = id;
        core.saveState(STATE_KEYS.id, id);
    }
    /** Deletes the sandbox now (404 = already gone). Returns when it is gone or deleting failed (warning). */
    async deleteNow() {
        // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: main deletes once; with nothing remembered deleteSandbox finds no target, and post then nothing to do either way
        if (this.#settled || (!this.#ref.id && !this.#ref.name))
            return true;
        const deleted = await deleteSandbox(this.#client, this.#ref, DELETE_DEADLINE_MS);
        if (deleted)
            this.#settle('deleted');
        return deleted;
    }
    /** The create request was refused outright (a bad key, a missing permission): nothing exists to delete. */
    forget() {
        this.#ref = {};
        this.#settle('none');
    }
    /** The workflow asked to keep it: post must not delete it (the backstop set at create still applies). */
    keep() {
        this.#settle('kept');
    }
    // Stryker disable next-line BlockStatement: called as main ends, when the process is about to exit with its handlers
    dispose() {
        // Stryker disable next-line CallExpression: as above
        this.#removeSignalHandlers();
    }
    #settle(how) {
        // Stryker disable next-line BooleanLiteral: once settled, main ends: nothing asks again in the same process
        this.#settled = true;
        core.saveState(STATE_KEYS.settled, how);
    }
    async #cancel() {
        // A command's output may be streaming with workflow commands stopped: our last words must be obeyed, and
        // what the stream still brings while we delete is dropped (resuming detaches its writer).
        resumeWorkflowCommands();
        core.warning('The run was cancelled: deleting the sandbox.');
        // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: with nothing remembered deleteSandbox finds no target, and post nothing to delete either way
        if (!this.#ref.id && !this.#ref.name)
            return;
        if (await deleteSandbox(this.#client, this.#ref, CANCEL_DEADLINE_MS))
            this.#settle('deleted');
    }
}
/**
 * Deletes by id, else by name, until it is gone or the deadline passes. Never throws: cleanup problems are
 * warnings, they must not hide the run's own result.
 */
async function deleteSandbox(client, ref, deadlineMs) {
    const target = ref.id ?? ref.name;
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: both callers return before it with nothing remembered
    if (!target)
        return true;
    const signal = AbortSignal.timeout(deadlineMs);
    try {
        await client.sandboxes.delete(target, { signal });
        lib_core/* info */.pq(`Deleted sandbox ${ref.name ?? target}.`);
        return true;
    }
    catch (err) {
        if (err instanceof NotFoundError)
            return true;
        lib_core/* warning */.$e(`Could not delete sandbox ${ref.name ?? target}: ${err.message}`);
        return false;
    }
}
/** Post's part: main did not settle `sandbox` (killed, or its delete failed), so delete it now. Warns, never throws. */
async function deleteLeftover(sandbox, apiUrl) {
    // a job log that breaks (EPIPE) must not crash the step before it has cleaned up
    guardStdout();
    try {
        const apiKey = lib_core/* getInput */.V4('api-key') || process.env.DAYTONA_API_KEY || '';
        lib_core/* setSecret */.Pq(apiKey);
        if (!apiKey || !apiUrl) {
            lib_core/* warning */.$e(`Sandbox ${sandbox.name ?? sandbox.id} may still exist: no API key or URL to delete it with.`);
            return;
        }
        lib_core/* info */.pq(`Main did not finish cleaning up: deleting sandbox ${sandbox.name ?? sandbox.id}.`);
        const client = new Daytona({ apiUrl, apiKey, onRetry: lib_core/* debug */.Yz });
        try {
            await deleteSandbox(client, sandbox, POST_DEADLINE_MS);
        }
        finally {
            await client.close();
        }
    }
    catch (err) {
        // deleteSandbox warns rather than throws; this is for the rest (a client that cannot be made or closed)
        lib_core/* warning */.$e(`Cleanup failed: ${err instanceof Error ? err.message : err}`);
    }
}
/** Runs `handler` once on SIGINT or SIGTERM, then exits. Returns a function that removes the handlers. */
function onCancel(handler) {
    let running = false;
    const listener = (signal) => {
        if (running)
            return;
        running = true;
        const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143);
        setTimeout(exit, CANCEL_DEADLINE_MS + 500).unref();
        handler().then(exit, exit);
    };
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    // Stryker disable next-line BlockStatement: only dispose calls it (see there)
    return () => {
        // Stryker disable next-line StringLiteral: as above
        process.off('SIGINT', listener);
        // Stryker disable next-line StringLiteral: as above
        process.off('SIGTERM', listener);
    };
}


/***/ })

};
