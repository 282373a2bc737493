import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  isPrintable,
  printable
} from "./chunk-DW7GAU4X.js";
import {
  require_promises as require_promises2
} from "./chunk-DQEOZGSC.js";
import {
  require_undici_entry
} from "./chunk-IHAY7U6S.js";
import {
  require_crypto,
  require_fs,
  require_promises,
  require_stream
} from "./chunk-IO2VXFRS.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-QLYWY7VR.js";

// node_modules/aws4/lru.js
var require_lru = __commonJS({
  "node_modules/aws4/lru.js"(exports, module) {
    module.exports = function(size) {
      return new LruCache(size);
    };
    function LruCache(size) {
      this.capacity = size | 0;
      this.map = /* @__PURE__ */ Object.create(null);
      this.list = new DoublyLinkedList();
    }
    LruCache.prototype.get = function(key) {
      var node = this.map[key];
      if (node == null) return void 0;
      this.used(node);
      return node.val;
    };
    LruCache.prototype.set = function(key, val) {
      var node = this.map[key];
      if (node != null) {
        node.val = val;
      } else {
        if (!this.capacity) this.prune();
        if (!this.capacity) return false;
        node = new DoublyLinkedNode(key, val);
        this.map[key] = node;
        this.capacity--;
      }
      this.used(node);
      return true;
    };
    LruCache.prototype.used = function(node) {
      this.list.moveToFront(node);
    };
    LruCache.prototype.prune = function() {
      var node = this.list.pop();
      if (node != null) {
        delete this.map[node.key];
        this.capacity++;
      }
    };
    function DoublyLinkedList() {
      this.firstNode = null;
      this.lastNode = null;
    }
    DoublyLinkedList.prototype.moveToFront = function(node) {
      if (this.firstNode == node) return;
      this.remove(node);
      if (this.firstNode == null) {
        this.firstNode = node;
        this.lastNode = node;
        node.prev = null;
        node.next = null;
      } else {
        node.prev = null;
        node.next = this.firstNode;
        node.next.prev = node;
        this.firstNode = node;
      }
    };
    DoublyLinkedList.prototype.pop = function() {
      var lastNode = this.lastNode;
      if (lastNode != null) {
        this.remove(lastNode);
      }
      return lastNode;
    };
    DoublyLinkedList.prototype.remove = function(node) {
      if (this.firstNode == node) {
        this.firstNode = node.next;
      } else if (node.prev != null) {
        node.prev.next = node.next;
      }
      if (this.lastNode == node) {
        this.lastNode = node.prev;
      } else if (node.next != null) {
        node.next.prev = node.prev;
      }
    };
    function DoublyLinkedNode(key, val) {
      this.key = key;
      this.val = val;
      this.prev = null;
      this.next = null;
    }
  }
});

// node_modules/aws4/aws4.js
var require_aws4 = __commonJS({
  "node_modules/aws4/aws4.js"(exports) {
    var aws42 = exports;
    var url = __require("url");
    var querystring = __require("querystring");
    var crypto = __require("crypto");
    var lru = require_lru();
    var credentialsCache = lru(1e3);
    function hmac(key, string, encoding) {
      return crypto.createHmac("sha256", key).update(string, "utf8").digest(encoding);
    }
    function hash(string, encoding) {
      return crypto.createHash("sha256").update(string, "utf8").digest(encoding);
    }
    function encodeRfc3986(urlEncodedString) {
      return urlEncodedString.replace(/[!'()*]/g, function(c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }
    function encodeRfc3986Full(str) {
      return encodeRfc3986(encodeURIComponent(str));
    }
    var HEADERS_TO_IGNORE = {
      "authorization": true,
      "connection": true,
      "x-amzn-trace-id": true,
      "user-agent": true,
      "expect": true,
      "presigned-expires": true,
      "range": true
    };
    function RequestSigner(request, credentials) {
      if (typeof request === "string") request = url.parse(request);
      var headers = request.headers = Object.assign({}, request.headers || {}), hostParts = (!this.service || !this.region) && this.matchHost(request.hostname || request.host || headers.Host || headers.host);
      this.request = request;
      this.credentials = credentials || this.defaultCredentials();
      this.service = request.service || hostParts[0] || "";
      this.region = request.region || hostParts[1] || "us-east-1";
      if (this.service === "email") this.service = "ses";
      if (!request.method && request.body)
        request.method = "POST";
      if (!headers.Host && !headers.host) {
        headers.Host = request.hostname || request.host || this.createHost();
        if (request.port)
          headers.Host += ":" + request.port;
      }
      if (!request.hostname && !request.host)
        request.hostname = headers.Host || headers.host;
      this.isCodeCommitGit = this.service === "codecommit" && request.method === "GIT";
      this.extraHeadersToIgnore = request.extraHeadersToIgnore || /* @__PURE__ */ Object.create(null);
      this.extraHeadersToInclude = request.extraHeadersToInclude || /* @__PURE__ */ Object.create(null);
    }
    RequestSigner.prototype.matchHost = function(host) {
      var match = (host || "").match(/([^\.]{1,63})\.(?:([^\.]{0,63})\.)?amazonaws\.com(\.cn)?$/);
      var hostParts = (match || []).slice(1, 3);
      if (hostParts[1] === "es" || hostParts[1] === "aoss")
        hostParts = hostParts.reverse();
      if (hostParts[1] == "s3") {
        hostParts[0] = "s3";
        hostParts[1] = "us-east-1";
      } else {
        for (var i = 0; i < 2; i++) {
          if (/^s3-/.test(hostParts[i])) {
            hostParts[1] = hostParts[i].slice(3);
            hostParts[0] = "s3";
            break;
          }
        }
      }
      return hostParts;
    };
    RequestSigner.prototype.isSingleRegion = function() {
      if (["s3", "sdb"].indexOf(this.service) >= 0 && this.region === "us-east-1") return true;
      return ["cloudfront", "ls", "route53", "iam", "importexport", "sts"].indexOf(this.service) >= 0;
    };
    RequestSigner.prototype.createHost = function() {
      var region = this.isSingleRegion() ? "" : "." + this.region, subdomain = this.service === "ses" ? "email" : this.service;
      return subdomain + region + ".amazonaws.com";
    };
    RequestSigner.prototype.prepareRequest = function() {
      this.parsePath();
      var request = this.request, headers = request.headers, query;
      if (request.signQuery) {
        this.parsedPath.query = query = this.parsedPath.query || {};
        if (this.credentials.sessionToken)
          query["X-Amz-Security-Token"] = this.credentials.sessionToken;
        if (this.service === "s3" && !query["X-Amz-Expires"])
          query["X-Amz-Expires"] = 86400;
        if (query["X-Amz-Date"])
          this.datetime = query["X-Amz-Date"];
        else
          query["X-Amz-Date"] = this.getDateTime();
        query["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256";
        query["X-Amz-Credential"] = this.credentials.accessKeyId + "/" + this.credentialString();
        query["X-Amz-SignedHeaders"] = this.signedHeaders();
      } else {
        if (!request.doNotModifyHeaders && !this.isCodeCommitGit) {
          if (request.body && !headers["Content-Type"] && !headers["content-type"])
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
          if (request.body && !headers["Content-Length"] && !headers["content-length"])
            headers["Content-Length"] = Buffer.byteLength(request.body);
          if (this.credentials.sessionToken && !headers["X-Amz-Security-Token"] && !headers["x-amz-security-token"])
            headers["X-Amz-Security-Token"] = this.credentials.sessionToken;
          if (this.service === "s3" && !headers["X-Amz-Content-Sha256"] && !headers["x-amz-content-sha256"])
            headers["X-Amz-Content-Sha256"] = hash(this.request.body || "", "hex");
          if (headers["X-Amz-Date"] || headers["x-amz-date"])
            this.datetime = headers["X-Amz-Date"] || headers["x-amz-date"];
          else
            headers["X-Amz-Date"] = this.getDateTime();
        }
        delete headers.Authorization;
        delete headers.authorization;
      }
    };
    RequestSigner.prototype.sign = function() {
      if (!this.parsedPath) this.prepareRequest();
      if (this.request.signQuery) {
        this.parsedPath.query["X-Amz-Signature"] = this.signature();
      } else {
        this.request.headers.Authorization = this.authHeader();
      }
      this.request.path = this.formatPath();
      return this.request;
    };
    RequestSigner.prototype.getDateTime = function() {
      if (!this.datetime) {
        var headers = this.request.headers, date = new Date(headers.Date || headers.date || /* @__PURE__ */ new Date());
        this.datetime = date.toISOString().replace(/[:\-]|\.\d{3}/g, "");
        if (this.isCodeCommitGit) this.datetime = this.datetime.slice(0, -1);
      }
      return this.datetime;
    };
    RequestSigner.prototype.getDate = function() {
      return this.getDateTime().substr(0, 8);
    };
    RequestSigner.prototype.authHeader = function() {
      return [
        "AWS4-HMAC-SHA256 Credential=" + this.credentials.accessKeyId + "/" + this.credentialString(),
        "SignedHeaders=" + this.signedHeaders(),
        "Signature=" + this.signature()
      ].join(", ");
    };
    RequestSigner.prototype.signature = function() {
      var date = this.getDate(), cacheKey = [this.credentials.secretAccessKey, date, this.region, this.service].join(), kDate, kRegion, kService, kCredentials = credentialsCache.get(cacheKey);
      if (!kCredentials) {
        kDate = hmac("AWS4" + this.credentials.secretAccessKey, date);
        kRegion = hmac(kDate, this.region);
        kService = hmac(kRegion, this.service);
        kCredentials = hmac(kService, "aws4_request");
        credentialsCache.set(cacheKey, kCredentials);
      }
      return hmac(kCredentials, this.stringToSign(), "hex");
    };
    RequestSigner.prototype.stringToSign = function() {
      return [
        "AWS4-HMAC-SHA256",
        this.getDateTime(),
        this.credentialString(),
        hash(this.canonicalString(), "hex")
      ].join("\n");
    };
    RequestSigner.prototype.canonicalString = function() {
      if (!this.parsedPath) this.prepareRequest();
      var pathStr = this.parsedPath.path, query = this.parsedPath.query, headers = this.request.headers, queryStr = "", normalizePath = this.service !== "s3", decodePath = this.service === "s3" || this.request.doNotEncodePath, decodeSlashesInPath = this.service === "s3", firstValOnly = this.service === "s3", bodyHash;
      if (this.service === "s3" && this.request.signQuery) {
        bodyHash = "UNSIGNED-PAYLOAD";
      } else if (this.isCodeCommitGit) {
        bodyHash = "";
      } else {
        bodyHash = headers["X-Amz-Content-Sha256"] || headers["x-amz-content-sha256"] || hash(this.request.body || "", "hex");
      }
      if (query) {
        var reducedQuery = Object.keys(query).reduce(function(obj, key) {
          if (!key) return obj;
          obj[encodeRfc3986Full(key)] = !Array.isArray(query[key]) ? query[key] : firstValOnly ? query[key][0] : query[key];
          return obj;
        }, {});
        var encodedQueryPieces = [];
        Object.keys(reducedQuery).sort().forEach(function(key) {
          if (!Array.isArray(reducedQuery[key])) {
            encodedQueryPieces.push(key + "=" + encodeRfc3986Full(reducedQuery[key]));
          } else {
            reducedQuery[key].map(encodeRfc3986Full).sort().forEach(function(val) {
              encodedQueryPieces.push(key + "=" + val);
            });
          }
        });
        queryStr = encodedQueryPieces.join("&");
      }
      if (pathStr !== "/") {
        if (normalizePath) pathStr = pathStr.replace(/\/{2,}/g, "/");
        pathStr = pathStr.split("/").reduce(function(path, piece) {
          if (normalizePath && piece === "..") {
            path.pop();
          } else if (!normalizePath || piece !== ".") {
            if (decodePath) piece = decodeURIComponent(piece.replace(/\+/g, " "));
            path.push(encodeRfc3986Full(piece));
          }
          return path;
        }, []).join("/");
        if (pathStr[0] !== "/") pathStr = "/" + pathStr;
        if (decodeSlashesInPath) pathStr = pathStr.replace(/%2F/g, "/");
      }
      return [
        this.request.method || "GET",
        pathStr,
        queryStr,
        this.canonicalHeaders() + "\n",
        this.signedHeaders(),
        bodyHash
      ].join("\n");
    };
    RequestSigner.prototype.filterHeaders = function() {
      var headers = this.request.headers, extraHeadersToInclude = this.extraHeadersToInclude, extraHeadersToIgnore = this.extraHeadersToIgnore;
      this.filteredHeaders = Object.keys(headers).map(function(key) {
        return [key.toLowerCase(), headers[key]];
      }).filter(function(entry) {
        return extraHeadersToInclude[entry[0]] || HEADERS_TO_IGNORE[entry[0]] == null && !extraHeadersToIgnore[entry[0]];
      }).sort(function(a, b) {
        return a[0] < b[0] ? -1 : 1;
      });
    };
    RequestSigner.prototype.canonicalHeaders = function() {
      if (!this.filteredHeaders) this.filterHeaders();
      return this.filteredHeaders.map(function(entry) {
        return entry[0] + ":" + entry[1].toString().trim().replace(/\s+/g, " ");
      }).join("\n");
    };
    RequestSigner.prototype.signedHeaders = function() {
      if (!this.filteredHeaders) this.filterHeaders();
      return this.filteredHeaders.map(function(entry) {
        return entry[0];
      }).join(";");
    };
    RequestSigner.prototype.credentialString = function() {
      return [
        this.getDate(),
        this.region,
        this.service,
        "aws4_request"
      ].join("/");
    };
    RequestSigner.prototype.defaultCredentials = function() {
      var env = process.env;
      return {
        accessKeyId: env.AWS_ACCESS_KEY_ID || env.AWS_ACCESS_KEY,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY || env.AWS_SECRET_KEY,
        sessionToken: env.AWS_SESSION_TOKEN
      };
    };
    RequestSigner.prototype.parsePath = function() {
      var path = this.request.path || "/";
      if (/[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/.test(path)) {
        path = encodeURI(decodeURI(path));
      }
      var queryIx = path.indexOf("?"), query = null;
      if (queryIx >= 0) {
        query = querystring.parse(path.slice(queryIx + 1));
        path = path.slice(0, queryIx);
      }
      this.parsedPath = {
        path,
        query
      };
    };
    RequestSigner.prototype.formatPath = function() {
      var path = this.parsedPath.path, query = this.parsedPath.query;
      if (!query) return path;
      if (query[""] != null) delete query[""];
      return path + "?" + encodeRfc3986(querystring.stringify(query));
    };
    aws42.RequestSigner = RequestSigner;
    aws42.sign = function(request, credentials) {
      return new RequestSigner(request, credentials).sign();
    };
  }
});

// src/duration.ts
var SECOND = 1e3;
var MINUTE = 60 * SECOND;
var HOUR = 60 * MINUTE;
var PLAIN_SECONDS = /^\d+$/;
var UNITS = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/i;
function parseDuration(text) {
  const value = text.trim();
  if (PLAIN_SECONDS.test(value)) return Number(value) * SECOND;
  const match = UNITS.exec(value);
  if (!match || value === "") return void 0;
  const [, hours, minutes, seconds] = match;
  if (hours === void 0 && minutes === void 0 && seconds === void 0) return void 0;
  const ms = Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE + Number(seconds ?? 0) * SECOND;
  return Number.isSafeInteger(ms) ? ms : void 0;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "0ms";
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  if (ms < 10 * SECOND) {
    const tenths = Math.floor(ms / 100) / 10;
    return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}s`;
  }
  const totalSeconds = Math.floor(ms / SECOND);
  if (ms < MINUTE) return `${totalSeconds}s`;
  if (ms < HOUR) {
    const minutes2 = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes2}m` : `${minutes2}m ${seconds}s`;
  }
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor(totalSeconds % 3600 / 60);
  return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
}

// src/daytona/errors.ts
var DaytonaError = class extends Error {
  status;
  code;
  method;
  path;
  serverMessage;
  /** `message` overrides the standard `METHOD path → status code: message` text. */
  constructor(ctx, message, options) {
    super(printable(message ?? formatMessage(ctx)), options);
    this.name = new.target.name;
    this.method = ctx.method;
    this.path = ctx.path;
    if (ctx.status !== void 0) this.status = ctx.status;
    if (ctx.code !== void 0) this.code = ctx.code;
    if (ctx.serverMessage !== void 0) this.serverMessage = ctx.serverMessage;
  }
};
var BadRequestError = class extends DaytonaError {
};
var AuthenticationError = class extends DaytonaError {
};
var ForbiddenError = class extends DaytonaError {
};
var NotFoundError = class extends DaytonaError {
};
var TimeoutError = class extends DaytonaError {
};
var ConflictError = class extends DaytonaError {
};
var GoneError = class extends DaytonaError {
};
var UnprocessableError = class extends DaytonaError {
};
var ServerError = class extends DaytonaError {
};
var RateLimitError = class extends DaytonaError {
  /** how long the server asked us to wait, if it said */
  retryAfterMs;
  constructor(ctx, retryAfterMs) {
    super(ctx);
    if (retryAfterMs !== void 0) this.retryAfterMs = retryAfterMs;
  }
};
var ConnectionError = class extends DaytonaError {
  constructor(ctx, detail, cause) {
    super(ctx, `${ctx.method} ${ctx.path} \u2192 connection failed (${ctx.code}): ${detail}`, { cause });
  }
};
var DeadlineError = class extends TimeoutError {
  timeoutMs;
  constructor(ctx, timeoutMs, message) {
    super(ctx, message ?? `${ctx.method} ${ctx.path} \u2192 no answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
};
var StateError = class extends DaytonaError {
  resource;
  id;
  state;
  errorReason;
  constructor(ctx, info) {
    const reason = info.errorReason ? `: ${info.errorReason}` : "";
    super(ctx, `${info.resource} ${info.id} is ${info.state}${reason}`);
    this.resource = info.resource;
    this.id = info.id;
    this.state = info.state;
    if (info.errorReason !== void 0) this.errorReason = info.errorReason;
  }
};
function formatMessage(ctx) {
  const head = [ctx.status, ctx.code].filter((p) => p !== void 0 && p !== "").join(" ");
  const tail = ctx.serverMessage ? `: ${ctx.serverMessage}` : "";
  return `${ctx.method} ${ctx.path} \u2192 ${head || "error"}${tail}`;
}
var MAX_MESSAGE = 1e3;
function extractMessage(bodyText) {
  const text = bodyText.trim();
  if (!text) return {};
  let message;
  let code;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) {
      const b = body;
      message = stringOf(b.message) ?? stringOf(b.error);
      code = typeof b.code === "string" ? b.code : typeof b.error_code === "string" ? b.error_code : void 0;
    }
  } catch {
  }
  message ??= text;
  return { message: truncate(message), code };
}
function stringOf(value) {
  if (typeof value === "string" && value) return value;
  if (Array.isArray(value) && value.length) return value.map(String).join(", ");
  return void 0;
}
function truncate(text) {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}\u2026` : text;
}
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
  if (ctx.status >= 500) return new ServerError(full);
  return new DaytonaError(full);
}

// src/daytona/http.ts
var import_node_stream = __toESM(require_stream(), 1);
var import_undici = __toESM(require_undici_entry(), 1);

// src/version.ts
var VERSION = "0.1.0";

// src/daytona/retry.ts
var DEFAULT_RETRY_POLICY = {
  baseMs: 250,
  factor: 2,
  capMs: 5e3,
  maxRetries: 4,
  maxRetries409: 8,
  maxTotalWaitMs: 6e4,
  maxRetryAfterMs: 6e4
};
var CONNECT_PHASE_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT"
]);
var RESET_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);
function isConnectPhaseCode(code) {
  return CONNECT_PHASE_CODES.has(code);
}
function isResetCode(code) {
  return RESET_CODES.has(code);
}
function backoffDelay(attempt, policy, random = Math.random) {
  const exp = Math.min(policy.capMs, policy.baseMs * policy.factor ** attempt);
  return Math.round(exp / 2 + exp / 2 * random());
}
function first(value) {
  return Array.isArray(value) ? value[0] : value;
}
function parseRetryAfter(value, now = Date.now()) {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1e3);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return void 0;
  return Math.max(0, date - now);
}
function retryAfterFromHeaders(headers) {
  let largest;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith("retry-after-")) continue;
    const raw = first(value);
    const ms = raw === void 0 ? void 0 : parseRetryAfter(raw);
    if (ms !== void 0) largest = Math.max(largest ?? 0, ms);
  }
  if (largest !== void 0) return largest;
  const plain = first(headers["retry-after"]);
  return plain === void 0 ? void 0 : parseRetryAfter(plain);
}
function decideRetry(outcome, ctx, policy = DEFAULT_RETRY_POLICY, random = Math.random) {
  const no = { retry: false };
  if (!ctx.replayable) return no;
  const reason = retryReason(outcome, ctx);
  if (!reason) return no;
  const limit = outcome.status === 409 ? policy.maxRetries409 : policy.maxRetries;
  if (ctx.retries >= limit) return no;
  let delayMs = backoffDelay(ctx.retries, policy, random);
  if (outcome.status === 429 && outcome.retryAfterMs !== void 0) {
    if (outcome.retryAfterMs > policy.maxRetryAfterMs) return no;
    delayMs = outcome.retryAfterMs + Math.round(100 * random());
  }
  if (ctx.waitedMs + delayMs > policy.maxTotalWaitMs) return no;
  return { retry: true, delayMs, reason };
}
function retryReason(outcome, ctx) {
  const { status, errorCode: errorCode2 } = outcome;
  if (outcome.deadline) return ctx.idempotent ? "no answer within the deadline" : void 0;
  if (status === void 0) {
    if (errorCode2 === void 0) return void 0;
    if (isConnectPhaseCode(errorCode2)) return `connection failed (${errorCode2})`;
    if (ctx.idempotent && isResetCode(errorCode2)) return `connection reset (${errorCode2})`;
    return void 0;
  }
  if (status === 401) return void 0;
  if (status === 429) return "rate limited (429)";
  if (ctx.idempotent && (status === 502 || status === 503 || status === 504))
    return `server unavailable (${status})`;
  if (status === 409 && ctx.retry409 && /state change in progress/i.test(outcome.message ?? "")) {
    return "state change in progress (409)";
  }
  return void 0;
}

// src/daytona/http.ts
var SDK_VERSION_HEADER_VALUE = "0.218.0";
var SOURCE_HEADER_VALUE = "daytona-action";
var DEFAULT_TIMEOUT_MS = 6e4;
var IDEMPOTENT_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
var HttpClient = class {
  dispatcher;
  #headers;
  #timeoutMs;
  #policy;
  #onRetry;
  #sleep;
  #random;
  constructor(opts) {
    this.dispatcher = new import_undici.Agent({
      keepAliveTimeout: 3e4,
      keepAliveMaxTimeout: 6e4,
      connect: { timeout: 1e4 }
    });
    this.#headers = {
      authorization: `Bearer ${opts.apiKey}`,
      "x-daytona-source": SOURCE_HEADER_VALUE,
      "x-daytona-sdk-version": SDK_VERSION_HEADER_VALUE,
      "user-agent": opts.userAgent ?? `daytona-action/${VERSION}`
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
    for (; ; ) {
      const result = await this.#attempt(opts, method, url, path);
      if (result.ok) return result.value;
      const decision = decideRetry(
        result.outcome,
        { retries, waitedMs, idempotent, retry409: opts.retry409 ?? false, replayable },
        this.#policy,
        this.#random
      );
      if (!decision.retry) throw result.error;
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
      ...contentType ? { "content-type": contentType } : {},
      ...opts.headers
    };
    try {
      const res = await requestAt(this.dispatcher, url, {
        method,
        headers,
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: opts.raw ? opts.idleTimeoutMs ?? timeoutMs : timeoutMs
      });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        if (opts.raw) {
          clearTimeout(timer);
          return { ok: true, value: res.body };
        }
        const text2 = await res.body.text();
        return { ok: true, value: parseBody(text2, res.headers["content-type"]) };
      }
      const text = await res.body.text().catch(() => "");
      const retryAfterMs = res.statusCode === 429 ? retryAfterFromHeaders(res.headers) : void 0;
      const error = errorForStatus({ method, path, status: res.statusCode }, text, retryAfterMs);
      return {
        ok: false,
        error,
        outcome: { status: res.statusCode, retryAfterMs, message: error.serverMessage }
      };
    } catch (err) {
      if (err instanceof DaytonaError) throw err;
      const code = errorCode(err);
      if (deadline.signal.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
        if (opts.signal?.aborted) throw opts.signal.reason;
        return {
          ok: false,
          error: new DeadlineError({ method, path }, timeoutMs),
          outcome: { deadline: true }
        };
      }
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (!code) throw err;
      const error = new ConnectionError({ method, path, code }, errorMessage(err), err);
      return { ok: false, error, outcome: { errorCode: code } };
    } finally {
      clearTimeout(timer);
    }
  }
};
function buildUrl(base, query) {
  if (!query) return base;
  const parts = [];
  const add = (key, value) => parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  for (const [key, value] of Object.entries(query)) {
    if (value === void 0 || value === null) continue;
    if (Array.isArray(value)) for (const v of value) add(key, v);
    else if (typeof value === "object") add(key, JSON.stringify(value));
    else add(key, value);
  }
  if (!parts.length) return base;
  return `${base}${base.includes("?") ? "&" : "?"}${parts.join("&")}`;
}
function isStream(body) {
  return body instanceof import_node_stream.Readable || typeof body === "object" && body !== null && Symbol.asyncIterator in body;
}
function encodeBody(body) {
  if (body === void 0) return { body: void 0 };
  if (Object.prototype.toString.call(body) === "[object FormData]") return { body };
  if (isStream(body)) return { body, contentType: "application/octet-stream" };
  if (body instanceof Uint8Array) return { body, contentType: "application/octet-stream" };
  return { body: JSON.stringify(body), contentType: "application/json" };
}
function parseBody(text, contentType) {
  if (text === "") return void 0;
  const type = String(contentType ?? "");
  if (type && !/json/i.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
function requestAt(dispatcher, url, opts) {
  const { origin, pathname, search } = new URL(url);
  return dispatcher.request({ ...opts, origin, path: pathname + search });
}
function errorCode(err) {
  if (typeof err !== "object" || err === null) return void 0;
  const code = err.code;
  if (typeof code === "string") return code;
  return errorCode(err.cause);
}
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}
function abortableSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/daytona/object-storage.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_aws4 = __toESM(require_aws4(), 1);
var ATTEMPTS = 3;
var RETRY_DELAY_MS = 500;
var TIMEOUT_MS = 12e4;
var ObjectStorage = class {
  #http;
  #apiUrl;
  constructor(http, apiUrl) {
    this.#http = http;
    this.#apiUrl = apiUrl;
  }
  /** Temporary S3 credentials for `{organizationId}/{hash}/context.tar` in `bucket`. */
  pushAccess() {
    return this.#http.request({
      method: "GET",
      url: `${this.#apiUrl}/object-storage/push-access`
    });
  }
  /**
   * Uploads a build context under its hash unless one is there already (the SDK's rule: any object under
   * `{organizationId}/{hash}/`). `writeTar` makes the archive only when it is needed and returns its path.
   */
  async uploadContext(access, hash, writeTar) {
    const prefix = `${access.organizationId}/${hash}/`;
    if (await this.hasPrefix(access, prefix)) return "present";
    await this.putFile(access, `${prefix}context.tar`, await writeTar());
    return "uploaded";
  }
  /** ListObjectsV2 with MaxKeys 1: does anything exist under `prefix`? */
  async hasPrefix(access, prefix) {
    const query = new URLSearchParams({ "list-type": "2", "max-keys": "1", prefix });
    const text = await this.#send(access, "GET", `/${access.bucket}?${query}`, {});
    const keyCount = /<KeyCount>(\d+)<\/KeyCount>/.exec(text);
    return keyCount ? Number(keyCount[1]) > 0 : /<Contents>/.test(text);
  }
  /** One PUT with a signed payload hash and Content-MD5, so the store can reject a corrupted upload. */
  async putFile(access, key, file) {
    const [{ size }, sha256, md5] = await Promise.all([
      (0, import_promises.stat)(file),
      digestFile(file, "sha256", "hex"),
      digestFile(file, "md5", "base64")
    ]);
    await this.#send(
      access,
      "PUT",
      `/${access.bucket}/${key}`,
      {
        "Content-Type": "application/x-tar",
        "Content-Length": String(size),
        "Content-MD5": md5,
        "X-Amz-Content-Sha256": sha256
      },
      () => (0, import_node_fs.createReadStream)(file)
    );
  }
  async #send(access, method, pathAndQuery, headers, body) {
    const base = new URL(access.storageUrl.replace(/\/+$/, ""));
    const path = `${base.pathname.replace(/\/+$/, "")}${pathAndQuery}`;
    const where = { method, path: path.split("?")[0] };
    for (let attempt = 1; ; attempt++) {
      const signed = import_aws4.default.sign(
        {
          host: base.host,
          path,
          method,
          service: "s3",
          region: access.region || "us-east-1",
          headers: { ...headers }
        },
        { accessKeyId: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken }
      );
      let status;
      let text = "";
      try {
        const res = await this.#http.dispatcher.request({
          origin: base.origin,
          path: signed.path ?? path,
          method,
          headers: signed.headers,
          body: body?.(),
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS
        });
        status = res.statusCode;
        text = await res.body.text();
        if (status >= 200 && status < 300) return text;
      } catch (err) {
        if (attempt >= ATTEMPTS)
          throw new ConnectionError({ ...where, code: errorCode(err) ?? "UNKNOWN" }, String(err), err);
      }
      const retryable = status === void 0 || status >= 500 || status === 429;
      if (status !== void 0 && (!retryable || attempt >= ATTEMPTS)) throw s3Error(where, status, text);
      await abortableSleep(RETRY_DELAY_MS * attempt);
    }
  }
};
function s3Error(where, status, body) {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  const detail = [code, message].filter(Boolean).join(": ") || body.slice(0, 200);
  return new DaytonaError(
    { ...where, status, code, serverMessage: message },
    `${where.method} ${where.path} \u2192 ${status}${detail ? ` ${detail}` : ""}`
  );
}
async function digestFile(file, algorithm, encoding) {
  const hash = (0, import_node_crypto.createHash)(algorithm);
  for await (const chunk of (0, import_node_fs.createReadStream)(file)) hash.update(chunk);
  return hash.digest(encoding);
}

// src/daytona/wait.ts
async function pollUntil(spec, opts) {
  const deadline = Date.now() + opts.timeoutMs;
  let delay = spec.minDelayMs ?? 250;
  const maxDelay = spec.maxDelayMs ?? 2e3;
  let last;
  for (; ; ) {
    opts.signal?.throwIfAborted();
    const item = await spec.fetch();
    const state = spec.stateOf(item);
    if (state !== last) {
      last = state;
      opts.onState?.(state);
    }
    if (spec.isDone(state)) return item;
    if (spec.isFailed(state)) throw spec.failure(item, state);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw spec.timeout(item, state);
    await abortableSleep(Math.min(delay, remaining), opts.signal);
    delay = Math.min(maxDelay, delay * 2);
  }
}

// src/daytona/sandboxes.ts
var START_FAILED = /* @__PURE__ */ new Set(["error", "build_failed", "destroyed", "destroying"]);
var Sandboxes = class {
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
    return this.#http.request({ method: "POST", url: this.#base, body, idempotent: false, ...opts });
  }
  get(idOrName, opts = {}) {
    return this.#http.request({ method: "GET", url: this.#url(idOrName), ...opts });
  }
  /** Every sandbox matching the filter, following `nextCursor`. Listing is eventually consistent. */
  async *list(filter = {}) {
    let cursor;
    do {
      const page = await this.#http.request({
        method: "GET",
        url: this.#base,
        query: {
          labels: filter.labels,
          name: filter.name,
          states: filter.states,
          snapshots: filter.snapshots,
          limit: filter.limit,
          cursor
        }
      });
      yield* page.items;
      cursor = page.nextCursor ?? void 0;
    } while (cursor);
  }
  /** Retries 409 "state change in progress"; a 404 is thrown as NotFoundError (the caller decides). */
  async delete(idOrName, opts = {}) {
    await this.#http.request({ method: "DELETE", url: this.#url(idOrName), retry409: true, ...opts });
  }
  /** Polls until `started`; throws StateError on error/build_failed (with errorReason), DeadlineError on timeout. */
  waitUntilStarted(id, opts) {
    const ctx = { method: "GET", path: new URL(this.#url(id)).pathname };
    return pollUntil(
      {
        fetch: () => this.get(id, { signal: opts.signal }),
        stateOf: (s) => s.state ?? "unknown",
        isDone: (state) => state === "started",
        isFailed: (state) => START_FAILED.has(state),
        failure: (s, state) => new StateError(ctx, { resource: "sandbox", id, state, errorReason: s.errorReason }),
        timeout: (_s, state) => new DeadlineError(
          ctx,
          opts.timeoutMs,
          `sandbox ${id} not started after ${opts.timeoutMs} ms (${state})`
        )
      },
      opts
    );
  }
  setAutostop(id, minutes) {
    return this.#interval(id, "autostop", minutes);
  }
  /** Re-anchors the wall-clock TTL from now. */
  setTtl(id, minutes) {
    return this.#interval(id, "ttl", minutes);
  }
  async #interval(id, kind, minutes) {
    if (!Number.isInteger(minutes))
      throw new RangeError(`${kind} must be a whole number of minutes, got ${minutes}`);
    await this.#http.request({ method: "POST", url: `${this.#url(id)}/${kind}/${minutes}`, idempotent: true });
  }
  #url(idOrName) {
    return `${this.#base}/${encodeURIComponent(idOrName)}`;
  }
};

// src/daytona/build-logs.ts
async function followLogUrl(http, url, onLine, owner, opts = {}) {
  const isTerminal = () => owner.state().then(
    (state) => owner.terminal.has(state ?? ""),
    (err) => {
      if (err instanceof NotFoundError) return true;
      throw err;
    }
  );
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const body = await http.request({
    method: "GET",
    url,
    query: { follow: true },
    raw: true,
    idleTimeoutMs: 0,
    signal
  });
  const lines = new LineSplitter(onLine);
  const reader = body[Symbol.asyncIterator]();
  let terminalChecks = 0;
  let next = reader.next();
  try {
    for (; ; ) {
      const tick = new AbortController();
      const idle = abortableSleep(opts.idleCheckMs ?? 2e3, tick.signal).then(
        () => "idle",
        () => "read"
      );
      const winner = await Promise.race([next.then(() => "read"), idle]);
      tick.abort();
      if (winner === "idle") {
        terminalChecks = await isTerminal() ? terminalChecks + 1 : 0;
        if (terminalChecks >= 2) break;
        continue;
      }
      const { done, value } = await next;
      if (done) break;
      terminalChecks = 0;
      lines.push(value);
      next = reader.next();
    }
    lines.end();
  } catch (err) {
    opts.signal?.throwIfAborted();
    throw err;
  } finally {
    next.catch(() => {
    });
    stop.abort();
    body.destroy();
  }
}
var LineSplitter = class {
  #onLine;
  #decoder = new TextDecoder("utf-8");
  #partial = "";
  constructor(onLine) {
    this.#onLine = onLine;
  }
  push(bytes) {
    this.#split(this.#partial + this.#decoder.decode(bytes, { stream: true }));
  }
  end() {
    const rest = this.#partial + this.#decoder.decode();
    this.#partial = "";
    if (rest) this.#onLine(rest.replace(/\r$/, ""));
  }
  #split(text) {
    const parts = text.split("\n");
    this.#partial = parts.pop() ?? "";
    for (const line of parts) this.#onLine(line.replace(/\r$/, ""));
  }
};

// src/daytona/snapshots.ts
var ACTIVATION_FAILED = /* @__PURE__ */ new Set(["error", "build_failed", "removing"]);
var BUILD_LOG_TERMINAL = /* @__PURE__ */ new Set(["active", "error", "build_failed"]);
var PAGE_LIMIT = 200;
var Snapshots = class {
  #http;
  #base;
  constructor(http, apiUrl) {
    this.#http = http;
    this.#base = `${apiUrl}/snapshots`;
  }
  create(body, opts = {}) {
    return this.#http.request({ method: "POST", url: this.#base, body, idempotent: false, ...opts });
  }
  get(idOrName, opts = {}) {
    return this.#http.request({ method: "GET", url: this.#url(idOrName), ...opts });
  }
  /** The snapshot with this name (or id), or undefined if there is none. */
  async find(name, opts = {}) {
    try {
      return await this.get(name, opts);
    } catch (err) {
      if (err instanceof NotFoundError) return void 0;
      throw err;
    }
  }
  /** Every snapshot whose name contains `name` (the server matches case-insensitively), page after page. */
  async *list(name, opts = {}) {
    for (let page = 1; ; page++) {
      const res = await this.#http.request({
        method: "GET",
        url: this.#base,
        query: { name, page, limit: PAGE_LIMIT },
        ...opts
      });
      yield* res.items;
      if (page >= res.totalPages || res.items.length === 0) return;
    }
  }
  /** How many snapshots the organization may hold, and how many count now. */
  async quota(organizationId) {
    const base = this.#base.slice(0, -"/snapshots".length);
    const usage = await this.#http.request({
      method: "GET",
      url: `${base}/organizations/${encodeURIComponent(organizationId)}/usage`
    });
    return { total: usage.totalSnapshotQuota, used: usage.currentSnapshotUsage };
  }
  /** Re-activates an `inactive` snapshot (they go inactive after 14 unused days). */
  activate(id) {
    return this.#http.request({ method: "POST", url: `${this.#url(id)}/activate` });
  }
  /** Needs the UUID: the server rejects names here. */
  async delete(id) {
    await this.#http.request({ method: "DELETE", url: this.#url(id) });
  }
  waitUntilActive(idOrName, opts) {
    const ctx = { method: "GET", path: new URL(this.#url(idOrName)).pathname };
    return pollUntil(
      {
        fetch: () => this.get(idOrName, { signal: opts.signal }),
        stateOf: (s) => s.state,
        isDone: (state) => state === "active",
        isFailed: (state) => ACTIVATION_FAILED.has(state),
        failure: (s, state) => new StateError(ctx, {
          resource: "snapshot",
          id: idOrName,
          state,
          errorReason: s.errorReason ?? void 0
        }),
        timeout: (_s, state) => new DeadlineError(
          ctx,
          opts.timeoutMs,
          `snapshot ${idOrName} not active after ${opts.timeoutMs} ms (${state})`
        )
      },
      opts
    );
  }
  /** The server waits up to 30 s for a build runner, then answers 404 (see followBuildLogs). */
  async buildLogsUrl(id, opts = {}) {
    const res = await this.#http.request({
      method: "GET",
      url: `${this.#url(id)}/build-logs-url`,
      ...opts
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
    if (!url) return;
    opts.onFollowing?.();
    const owner = { state: async () => (await this.get(id)).state, terminal: BUILD_LOG_TERMINAL };
    await followLogUrl(this.#http, url, onLine, owner, opts);
  }
  async #buildLogsUrlOnceAssigned(id, signal) {
    for (; ; ) {
      try {
        return await this.buildLogsUrl(id, { signal });
      } catch (err) {
        if (!(err instanceof NotFoundError) || !/waiting for build runner/i.test(err.message)) throw err;
        const state = (await this.get(id, { signal })).state;
        if (BUILD_LOG_TERMINAL.has(state)) return void 0;
        await abortableSleep(1e3, signal);
      }
    }
  }
  /** The whole build log so far, without following. */
  async buildLogs(id) {
    const url = await this.buildLogsUrl(id);
    const body = await this.#http.request({ method: "GET", url, raw: true });
    return body.text();
  }
  #url(idOrName) {
    return `${this.#base}/${encodeURIComponent(idOrName)}`;
  }
};

// src/daytona/toolbox/files.ts
var import_node_fs2 = __toESM(require_fs(), 1);
var import_promises2 = __toESM(require_promises2(), 1);
var import_undici2 = __toESM(require_undici_entry(), 1);
var TRANSFER_DEADLINE_MS = 10 * 6e4;
var FilesApi = class {
  #http;
  #base;
  constructor(http, toolboxBase) {
    this.#http = http;
    this.#base = `${toolboxBase}files`;
  }
  /** One multipart request for all files; existing files are overwritten. */
  async upload(files, opts = {}) {
    const form = new import_undici2.FormData();
    for (const [i, file] of files.entries()) {
      form.append(`files[${i}].path`, file.destination);
      const blob = typeof file.source === "string" ? await (0, import_node_fs2.openAsBlob)(file.source) : new Blob([file.source]);
      form.append(`files[${i}].file`, blob, file.destination);
    }
    const res = await this.#http.request({
      method: "POST",
      url: `${this.#base}/bulk-upload`,
      body: form,
      // re-sending overwrites the same files: safe to retry a reset connection
      idempotent: true,
      timeoutMs: TRANSFER_DEADLINE_MS,
      signal: opts.signal
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
    await (0, import_promises2.pipeline)(body, (0, import_node_fs2.createWriteStream)(localPath));
  }
  /**
   * `depth` > 1 lists recursively [C205+]; the daemon walks without following symlinked directories, and
   * each entry's `path` is the requested path joined with the entry's place under it.
   */
  list(path, opts = {}) {
    return this.#http.request({
      method: "GET",
      url: this.#base,
      query: { path, depth: opts.depth },
      timeoutMs: opts.depth && opts.depth > 1 ? TRANSFER_DEADLINE_MS : void 0
    });
  }
  /** The body of one sandbox file, to be streamed by the caller (who must consume or cancel it). */
  downloadBody(path, opts = {}) {
    return this.#downloadBody(path, opts.signal);
  }
  info(path) {
    return this.#http.request({ method: "GET", url: `${this.#base}/info`, query: { path } });
  }
  /** `mode` is octal text, as the daemon expects. */
  async createFolder(path, mode = "755") {
    await this.#http.request({
      method: "POST",
      url: `${this.#base}/folder`,
      query: { path, mode },
      idempotent: true
    });
  }
  /** A directory needs `recursive`, else the daemon answers 400. */
  async delete(path, opts = {}) {
    await this.#http.request({
      method: "DELETE",
      url: this.#base,
      query: { path, recursive: opts.recursive ? true : void 0 }
    });
  }
  #downloadBody(path, signal) {
    return this.#http.request({
      method: "GET",
      url: `${this.#base}/download`,
      query: { path },
      raw: true,
      // for raw bodies the deadline covers the headers; the body may take long but must keep moving
      idleTimeoutMs: 6e4,
      signal
    });
  }
};

// src/daytona/toolbox/git.ts
var CLONE_DEADLINE_MS = 15 * 6e4;
var GitApi = class {
  #http;
  #base;
  constructor(http, toolboxBase) {
    this.#http = http;
    this.#base = `${toolboxBase}git`;
  }
  async clone(opts) {
    const body = { url: opts.url, path: opts.path };
    if (opts.branch) body.branch = opts.branch;
    if (opts.commitId) body.commit_id = opts.commitId;
    if (opts.username !== void 0) body.username = opts.username;
    if (opts.password !== void 0) body.password = opts.password;
    if (opts.depth !== void 0) body.depth = opts.depth;
    await this.#http.request({
      method: "POST",
      url: `${this.#base}/clone`,
      body,
      timeoutMs: opts.timeoutMs ?? CLONE_DEADLINE_MS,
      signal: opts.signal
    });
  }
  /** The commits reachable from HEAD of the repository at `path`, newest first (no `git` program needed). */
  history(path, opts = {}) {
    return this.#http.request({
      method: "GET",
      url: `${this.#base}/history`,
      query: { path },
      signal: opts.signal
    });
  }
};

// src/daytona/toolbox/demux.ts
var STDOUT_BYTE = 1;
var STDERR_BYTE = 2;
function isMarkerByte(b) {
  return b === STDOUT_BYTE || b === STDERR_BYTE;
}
var Demuxer = class {
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
    let nextOut = -1;
    let nextErr = -1;
    let i = 0;
    while (i < end) {
      if (nextOut !== Infinity && nextOut < i) nextOut = indexOrInfinity(data, STDOUT_BYTE, i, end);
      if (nextErr !== Infinity && nextErr < i) nextErr = indexOrInfinity(data, STDERR_BYTE, i, end);
      const at = Math.min(nextOut, nextErr);
      if (at === Infinity) break;
      const b = data[at];
      if (at + 2 < end && data[at + 1] === b && data[at + 2] === b) {
        if (this.#current) {
          out.set(data.subarray(start, at), written);
          written += at - start;
        }
        const stream = b === STDOUT_BYTE ? "stdout" : "stderr";
        if (stream !== this.#current) {
          this.#emit(out, runStart, written);
          runStart = written;
          this.#current = stream;
        }
        start = at + 3;
        i = start;
      } else {
        i = at + 1;
      }
    }
    let hold = 0;
    const last = end - 1;
    if (last >= start && isMarkerByte(data[last])) {
      hold = 1;
      if (last - 1 >= start && data[last - 1] === data[last]) hold = 2;
    }
    if (this.#current && end - hold > start) {
      out.set(data.subarray(start, end - hold), written);
      written += end - hold - start;
    }
    this.#emit(out, runStart, written);
    if (hold) this.#held = data.slice(end - hold);
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
    if (to <= from || !this.#current) return;
    const full = this.#sink(this.#current, data.subarray(from, to));
    if (full) this.#pending.push(full);
  }
  #backlog() {
    const pending = this.#pending;
    if (pending.length === 0) return void 0;
    this.#pending = [];
    return pending.length === 1 ? pending[0] : Promise.all(pending).then(() => {
    });
  }
};
var StreamDecoder = class {
  #decoders = { stdout: new TextDecoder("utf-8"), stderr: new TextDecoder("utf-8") };
  decode(stream, bytes) {
    return this.#decoders[stream].decode(bytes, { stream: true });
  }
  /** Whatever incomplete character is left (as U+FFFD), per stream. */
  flush(stream) {
    return this.#decoders[stream].decode();
  }
};
var TextDemuxer = class {
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
    this.#deliver("stdout", this.#decoder.flush("stdout"));
    this.#deliver("stderr", this.#decoder.flush("stderr"));
  }
  #deliver(stream, text) {
    if (!text) return;
    if (stream === "stdout") this.#handlers.onStdout?.(text);
    else this.#handlers.onStderr?.(text);
  }
};
function demuxAll(log) {
  const out = { stdout: "", stderr: "" };
  const demuxer = new TextDemuxer({ onStdout: (t) => out.stdout += t, onStderr: (t) => out.stderr += t });
  demuxer.feed(typeof log === "string" ? new TextEncoder().encode(log) : log);
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

// src/daytona/toolbox/follow.ts
var DAEMON_EOF_GRACE_MS = 900;
var HELD_BACK_BLUR_MS = 3e3;
function deliveredWholeLog(end, sawTheEnd = false) {
  if (end.byServer !== true || end.closeCode !== 1e3 || (end.openMs ?? 0) < DAEMON_EOF_GRACE_MS) return false;
  if (sawTheEnd || (end.silenceMs ?? 0) >= DAEMON_EOF_GRACE_MS) return true;
  return end.heldBackMsAgo !== void 0 && end.heldBackMsAgo < HELD_BACK_BLUR_MS;
}
var PING_EVERY_MS = 25e3;
var HANDSHAKE_TIMEOUT_MS = 3e4;
var webSocketModule;
function loadWebSocket() {
  webSocketModule ??= import("./wrapper-KYZ22TFG.js");
  return webSocketModule;
}
async function followSocket(url, headers, onFrame, signal) {
  if (signal?.aborted) return { opened: false, closeCode: 1006, byServer: false, silenceMs: 0, openMs: 0 };
  const { WebSocket } = await loadWebSocket();
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      headers,
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS
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
    signal?.addEventListener("abort", onAbort, { once: true });
    const pinger = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping();
    }, PING_EVERY_MS);
    ws.on("open", () => {
      opened = true;
      openedAt = lastActivity = performance.now();
    });
    let batch = [];
    const flush = () => {
      const frames = batch;
      batch = [];
      const full = onFrame(frames.length === 1 ? frames[0] : Buffer.concat(frames));
      if (!full) return;
      if (waiting++ === 0) ws.pause();
      const release = () => {
        heldBackAt = performance.now();
        if (--waiting === 0 && ws.readyState === ws.OPEN) ws.resume();
      };
      full.then(release, release);
    };
    ws.on("message", (data) => {
      lastActivity = performance.now();
      if (batch.push(data) === 1) queueMicrotask(flush);
    });
    ws.on("close", (code) => {
      if (batch.length) flush();
      clearInterval(pinger);
      signal?.removeEventListener("abort", onAbort);
      const now = performance.now();
      resolve({
        opened,
        closeCode: code,
        byServer: !aborted,
        silenceMs: now - lastActivity,
        openMs: openedAt === void 0 ? 0 : now - openedAt,
        heldBackMsAgo: waiting > 0 ? 0 : heldBackAt === void 0 ? void 0 : now - heldBackAt
      });
    });
    ws.on("error", () => {
    });
  });
}

// src/daytona/toolbox/stream.ts
var STREAMS = ["stdout", "stderr"];
var SMALL_LOG_BYTES = 64 * 1024;
var RECONNECT_PAUSE_CAP_MS = 1e4;
async function streamCommand(src, handlers) {
  const { signal } = handlers;
  const pollMs = handlers.pollMs ?? 3e4;
  const firstPollMs = Math.min(handlers.firstPollMs ?? 25, pollMs);
  const quickPollsMs = handlers.quickPollsMs ?? 800;
  const nextPoll = (wait) => wait * 2 <= quickPollsMs ? Math.min(wait * 2, pollMs) : pollMs;
  const graceMs = handlers.graceMs ?? 3e3;
  const shown = { stdout: 0, stderr: 0 };
  const decoder = new StreamDecoder();
  const emitText = (stream, text) => {
    if (!text) return void 0;
    return (stream === "stdout" ? handlers.onStdout?.(text) : handlers.onStderr?.(text)) ?? void 0;
  };
  const { onOutput } = handlers;
  const emit = (stream, bytes) => onOutput ? onOutput(stream, bytes) ?? void 0 : emitText(stream, decoder.decode(stream, bytes));
  const freshBytesOnly = () => {
    const seen = { stdout: 0, stderr: 0 };
    return (stream, bytes) => {
      const start = seen[stream];
      seen[stream] += bytes.length;
      const skip = shown[stream] - start;
      if (skip >= bytes.length) return void 0;
      const fresh = skip > 0 ? bytes.subarray(skip) : bytes;
      shown[stream] += fresh.length;
      return emit(stream, fresh);
    };
  };
  const total = () => shown.stdout + shown.stderr;
  const finish = async (exitCode) => {
    if (!onOutput) for (const stream of STREAMS) await emitText(stream, decoder.flush(stream));
    return { exitCode };
  };
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
      if (endedInOutput) return void 0;
      lastBytesAt = performance.now();
      const full = sink(stream, bytes);
      if (full) {
        waitingForRoom++;
        const done = () => {
          waitingForRoom--;
          lastBytesAt = performance.now();
        };
        full.then(done, done);
      }
      const ended = handlers.endedWith?.();
      if (ended !== void 0 && exitCode === void 0) {
        exitCode = ended;
        endedInOutput = true;
        stopSocket.abort();
      }
      return full;
    };
    let endKnownAtClose = false;
    const socket = src.follow(watched, socketSignal).finally(() => {
      endKnownAtClose = exitCode !== void 0;
      stopPoll.abort();
    });
    const poll = (async () => {
      try {
        for (let wait = firstPollMs; ; wait = nextPoll(wait)) {
          await abortableSleep(wait, stopPoll.signal);
          const cmd = await src.status(stopPoll.signal).catch(() => void 0);
          if (cmd?.exitCode === void 0 || cmd.exitCode === null) continue;
          exitCode ??= cmd.exitCode;
          if (total() >= SMALL_LOG_BYTES)
            while (waitingForRoom > 0 || performance.now() - lastBytesAt < graceMs)
              await abortableSleep(graceMs / 6, stopPoll.signal);
          stopSocket.abort();
          return;
        }
      } catch {
      }
    })();
    const end = await socket ?? {};
    stopPoll.abort();
    await poll;
    if (endedInOutput) return { exitCode, complete: true };
    return { exitCode, complete: deliveredWholeLog(end, endKnownAtClose) };
  };
  let pause = 250;
  for (; ; ) {
    signal?.throwIfAborted();
    const before = total();
    const connection = await followOnce();
    let exitCode = connection.exitCode;
    signal?.throwIfAborted();
    if (exitCode === void 0) {
      const cmd = await src.status(signal);
      if (cmd.exitCode !== void 0 && cmd.exitCode !== null) exitCode = cmd.exitCode;
    }
    if (exitCode !== void 0) {
      if (!connection.complete) await src.replay(freshBytesOnly(), signal);
      return finish(exitCode);
    }
    if (total() > before) pause = 250;
    else {
      await abortableSleep(pause, signal);
      pause = Math.min(pause * 2, RECONNECT_PAUSE_CAP_MS);
    }
  }
}

// src/daytona/toolbox/process.ts
var PLAIN_LOGS_SDK_VERSION = "0.166.0";
var EXECUTE_DEFAULT_DEADLINE_MS = 60 * 6e4;
var ProcessApi = class {
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
    const timeoutMs = opts.timeoutMs ?? (req.timeout ? req.timeout * 1e3 + 5e3 : EXECUTE_DEFAULT_DEADLINE_MS);
    return this.#http.request({
      method: "POST",
      url: `${this.#base}process/execute`,
      body: req,
      timeoutMs,
      signal: opts.signal
    });
  }
  async createSession(sessionId) {
    await this.#http.request({ method: "POST", url: `${this.#base}process/session`, body: { sessionId } });
    loadWebSocket().catch(() => {
    });
  }
  getSession(sessionId) {
    return this.#http.request({ method: "GET", url: this.#session(sessionId) });
  }
  /** Kills the session's whole process group (there is no way to kill a single command). */
  async deleteSession(sessionId, opts = {}) {
    await this.#http.request({ method: "DELETE", url: this.#session(sessionId), ...opts });
  }
  /** Runs a command in the session; with `runAsync` the answer (202) carries only `cmdId`. */
  exec(sessionId, command, opts = {}) {
    return this.#http.request({
      method: "POST",
      url: `${this.#session(sessionId)}/exec`,
      body: { command, runAsync: opts.runAsync ?? false },
      // a sync exec holds the request open until the command ends
      timeoutMs: opts.timeoutMs ?? (opts.runAsync ? void 0 : EXECUTE_DEFAULT_DEADLINE_MS),
      signal: opts.signal
    });
  }
  /** `exitCode` is absent while the command runs. */
  getCommand(sessionId, cmdId, opts = {}) {
    return this.#http.request({
      method: "GET",
      url: this.#command(sessionId, cmdId),
      ...opts
    });
  }
  /** The whole log so far, split by stream (whatever format the daemon answered in). */
  async getLogs(sessionId, cmdId, opts = {}) {
    const res = await this.#http.request({
      method: "GET",
      url: `${this.#command(sessionId, cmdId)}/logs`,
      ...opts
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
      method: "GET",
      url: `${this.#command(sessionId, cmdId)}/logs`,
      headers: { "x-daytona-sdk-version": PLAIN_LOGS_SDK_VERSION },
      raw: true,
      ...opts
    });
    const demuxer = new Demuxer(onBytes);
    let json;
    let first2 = true;
    for await (const chunk of body) {
      if (first2 && chunk.length > 0) {
        first2 = false;
        if (chunk[0] === 123) json = [];
      }
      if (json) json.push(chunk);
      else {
        const full = demuxer.feed(chunk);
        if (full) await full;
      }
    }
    await demuxer.end();
    if (!json) return;
    const logs = parseLogs(JSON.parse(Buffer.concat(json).toString("utf8")));
    const encoder = new TextEncoder();
    await onBytes("stdout", encoder.encode(logs.stdout));
    await onBytes("stderr", encoder.encode(logs.stderr));
  }
  /**
   * Follows the command's log over a WebSocket (binary frames, markers included, replayed from the start).
   * Resolves when the socket closes, normally or not; the caller reconciles with getCommand/getLogs.
   */
  async followLogs(sessionId, cmdId, handlers) {
    const demuxer = new TextDemuxer(handlers);
    const result = await this.followLogBytes(
      sessionId,
      cmdId,
      (chunk) => demuxer.feed(chunk),
      handlers.signal
    );
    demuxer.end();
    return result;
  }
  /** Same as followLogs, raw frames (markers included); the socket pauses while `onFrame` has no room. */
  followLogBytes(sessionId, cmdId, onFrame, signal) {
    const url = `${this.#command(sessionId, cmdId)}/logs?follow=true`.replace(/^http/, "ws");
    return followSocket(url, this.#http.commonHeaders(), onFrame, signal);
  }
  /**
   * Live output of a running command until it ends, never duplicated nor lost: follows over WebSocket as
   * best effort, reconnects (skipping what was shown) if the socket closes early, polls the status slowly
   * as a safety net, and reconciles once with the plain logs at the end. Resolves with the exit code.
   */
  streamCommand(sessionId, cmdId, handlers) {
    return streamCommand(
      {
        follow: (onBytes, signal) => {
          const demuxer = new Demuxer(onBytes);
          return this.followLogBytes(sessionId, cmdId, (chunk) => demuxer.feed(chunk), signal);
        },
        status: (signal) => this.getCommand(sessionId, cmdId, { signal }),
        replay: (onBytes, signal) => this.replayLogs(sessionId, cmdId, onBytes, { signal })
      },
      handlers
    );
  }
  #session(sessionId) {
    return `${this.#base}process/session/${encodeURIComponent(sessionId)}`;
  }
  #command(sessionId, cmdId) {
    return `${this.#session(sessionId)}/command/${encodeURIComponent(cmdId)}`;
  }
};
function parseLogs(res) {
  if (res === void 0) return { output: "", stdout: "", stderr: "" };
  if (typeof res === "string") return { output: res, ...demuxAll(res) };
  const body = res;
  const output = body.output ?? "";
  if (typeof body.stdout === "string" || typeof body.stderr === "string") {
    return { output, stdout: body.stdout ?? "", stderr: body.stderr ?? "" };
  }
  return { output, ...demuxAll(output) };
}

// src/daytona/toolbox/index.ts
var Toolbox = class {
  /** ends with '/' */
  baseUrl;
  process;
  files;
  git;
  #http;
  /** Needs the sandbox's ID: the proxy does not resolve names. */
  constructor(http, sandbox) {
    const proxy = sandbox.toolboxProxyUrl.endsWith("/") ? sandbox.toolboxProxyUrl : `${sandbox.toolboxProxyUrl}/`;
    this.baseUrl = `${proxy}${encodeURIComponent(sandbox.id)}/`;
    this.#http = http;
    this.process = new ProcessApi(http, this.baseUrl);
    this.files = new FilesApi(http, this.baseUrl);
    this.git = new GitApi(http, this.baseUrl);
  }
  async userHomeDir() {
    return this.#directory("user-home-dir", "home directory");
  }
  /** The image's WORKDIR, else the home directory; relative toolbox paths resolve against it. */
  async workDir() {
    return this.#directory("work-dir", "work directory");
  }
  /** The image decides these, and they are printed and put into commands: a plain absolute path, or an error. */
  async #directory(route, what) {
    const { dir } = await this.#http.request({ method: "GET", url: `${this.baseUrl}${route}` });
    if (typeof dir === "string" && dir.startsWith("/") && isPrintable(dir)) return dir;
    throw new DaytonaError(
      { method: "GET", path: `/${route}` },
      `The sandbox's ${what} is not a plain absolute path (${JSON.stringify(String(dir).slice(0, 200))}): give the image's WORKDIR and home directory as plain absolute paths.`
    );
  }
  async version() {
    return (await this.#http.request({ method: "GET", url: `${this.baseUrl}version` })).version;
  }
};

// src/daytona/client.ts
var Daytona = class {
  http;
  sandboxes;
  snapshots;
  objectStorage;
  constructor(opts) {
    const apiUrl = opts.apiUrl.replace(/\/+$/, "");
    this.http = new HttpClient({
      apiKey: opts.apiKey,
      userAgent: opts.userAgent,
      onRetry: opts.onRetry,
      timeoutMs: opts.timeoutMs,
      retryPolicy: opts.retryPolicy
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
};

// src/report/format.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function byteLength(text) {
  return Buffer.byteLength(text, "utf8");
}
function truncateChars(text, maxChars) {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars).join("")}\u2026`;
}
function commandLabel(command, maxChars = 200) {
  const lines = command.trim().split(/\r?\n/).filter((line) => line.trim() !== "");
  const first2 = truncateChars((lines[0] ?? "").trim(), maxChars);
  return lines.length > 1 ? `${first2} \u2026` : first2;
}
var ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;
var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
function cleanOutput(text) {
  return text.replace(ANSI, "").replace(/\r\n/g, "\n").split("\n").map((line) => {
    const states = line.split("\r").filter((state) => state !== "");
    return (states.at(-1) ?? "").replace(CONTROL, "");
  }).join("\n");
}
function lastBytes(text, maxBytes) {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let start = bytes.length - maxBytes;
  while (start < bytes.length && (bytes[start] & 192) === 128) start++;
  return bytes.subarray(start).toString("utf8");
}
function tailLines(text, maxLines, maxBytes) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const kept = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && kept.length < maxLines; i--) {
    const line = lines[i];
    const cost = byteLength(line) + (kept.length > 0 ? 1 : 0);
    if (bytes + cost > maxBytes) {
      if (kept.length === 0 && maxBytes > 0) kept.push(lastBytes(line, maxBytes));
      break;
    }
    kept.push(line);
    bytes += cost;
  }
  return kept.reverse().join("\n");
}
function plural(count, singular, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

// src/github-api.ts
var import_undici3 = __toESM(require_undici_entry(), 1);
var GITHUB_TIMEOUT_MS = 15e3;
async function githubGet(path, accept, token, env = process.env) {
  const api = (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  const res = await requestAt((0, import_undici3.getGlobalDispatcher)(), `${api}${path}`, {
    method: "GET",
    headers: {
      accept,
      "x-github-api-version": "2022-11-28",
      "user-agent": "daytona-action",
      ...token ? { authorization: `Bearer ${token}` } : {}
    },
    headersTimeout: GITHUB_TIMEOUT_MS,
    bodyTimeout: GITHUB_TIMEOUT_MS
  });
  return {
    status: res.statusCode,
    contentType: String(res.headers["content-type"]),
    text: await res.body.text()
  };
}
async function commitOf(repository, ref, token, env = process.env) {
  let status;
  try {
    const res = await githubGet(`/repos/${repository}/commits/${encodeURIComponent(ref)}`, SHA, token, env);
    const text = res.text.trim();
    if (res.status === 200 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text)) return text;
    status = `HTTP ${res.status}`;
  } catch (err) {
    status = errorCode(err) ?? err.message;
  }
  throw new Error(
    `Could not find which commit ${ref} of ${repository} is (GitHub API: ${status}). Check that the tag exists and that 'token' can read the repository.`
  );
}
async function runStatus(repository, runId, token, env = process.env) {
  if (!/^\d+$/.test(runId)) return void 0;
  try {
    const res = await githubGet(`/repos/${repository}/actions/runs/${runId}`, JSON_TYPE, token, env);
    if (res.status !== 200) return void 0;
    const status = JSON.parse(res.text).status;
    return typeof status === "string" ? status : void 0;
  } catch {
    return void 0;
  }
}
var SHA = "application/vnd.github.sha";
var JSON_TYPE = "application/vnd.github+json";

// src/github-context.ts
var import_node_crypto2 = __toESM(require_crypto(), 1);
var import_node_fs3 = __toESM(require_fs(), 1);
var LABEL_PREFIX = "daytona-action/";
var UntrustedForkError = class extends Error {
  name = "UntrustedForkError";
};
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment"
]);
var UNPRIVILEGED_FROM_FORK = /* @__PURE__ */ new Set(["pull_request", "pull_request_review", "pull_request_review_comment"]);
var FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
function fromEnvironment(env = process.env) {
  const payload = readEventPayload(env);
  const payloadRepo = record(payload.repository)?.full_name ?? "";
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    payload,
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    repository: env.GITHUB_REPOSITORY || payloadRepo,
    serverUrl: env.GITHUB_SERVER_URL || "https://github.com",
    runId: env.GITHUB_RUN_ID ?? "",
    runAttempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? "1", 10) || 1,
    job: env.GITHUB_JOB ?? "",
    workflow: env.GITHUB_WORKFLOW
  };
}
function readEventPayload(env = process.env) {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return record(JSON.parse((0, import_node_fs3.readFileSync)(path, "utf8"))) ?? {};
  } catch {
    return {};
  }
}
function forkOfPullRequest(payload, baseRepository = "") {
  const head = headRepository(payload);
  const base = baseRepository || record(record(record(payload.pull_request)?.base)?.repo)?.full_name;
  return head && typeof base === "string" && !sameRepository(head, base) ? head : void 0;
}
function resolveSource(event, overrides) {
  const serverUrl = event.serverUrl.replace(/\/+$/, "");
  const baseRepository = event.repository;
  let source = fromEvent(event, baseRepository);
  const eventFork = source.isFork ? source.repository : void 0;
  if (overrides.repository && !sameRepository(overrides.repository, source.repository)) {
    source = { repository: overrides.repository, sha: "", isFork: false };
  }
  if (overrides.ref) source = { ...source, ...refOverride(overrides.ref, event, source) };
  return {
    eventName: event.eventName,
    baseRepository,
    serverUrl,
    cloneUrl: `${serverUrl}/${source.repository}.git`,
    ...source,
    // trust follows what is cloned, not what the inputs call it
    isFork: !sameRepository(source.repository, baseRepository),
    ...eventFork && { eventFork },
    privileged: !(eventFork && UNPRIVILEGED_FROM_FORK.has(event.eventName))
  };
}
function refOverride(ref, event, source) {
  if (FULL_SHA.test(ref)) return { sha: ref.toLowerCase(), ref: source.ref, refType: source.refType };
  const named = refName(ref);
  if (!named) {
    throw new Error(
      `Input 'ref' is ${JSON.stringify(ref)}, which cannot be cloned: use a branch, a tag (refs/tags/<tag>) or a commit SHA.`
    );
  }
  const ownTag = named.refType === "tag" && ref === event.ref && sameRepository(source.repository, event.repository);
  return { ...named, sha: ownTag ? event.sha : "" };
}
function fromEvent(event, baseRepository) {
  const { payload } = event;
  if (PULL_REQUEST_EVENTS.has(event.eventName)) {
    const pr = record(payload.pull_request);
    const head = record(pr?.head);
    const repository = headRepository(payload);
    if (!pr || !head || typeof head.sha !== "string") {
      throw new Error(
        `The ${event.eventName} event payload has no pull_request.head; cannot tell what to clone.`
      );
    }
    if (!repository) {
      throw new Error(
        `The head repository of pull request #${pr.number} no longer exists (the fork was deleted); nothing to clone.`
      );
    }
    return {
      repository,
      sha: head.sha,
      ...typeof head.ref === "string" && { ref: head.ref, refType: "branch" },
      prNumber: typeof pr.number === "number" ? pr.number : void 0,
      isFork: !sameRepository(repository, baseRepository)
    };
  }
  if (event.eventName === "workflow_run") {
    const run = record(payload.workflow_run);
    const repository = record(run?.head_repository)?.full_name;
    if (run && typeof repository === "string" && typeof run.head_sha === "string") {
      const prs = Array.isArray(run.pull_requests) ? run.pull_requests : [];
      const prNumber = record(prs[0])?.number;
      return {
        repository,
        sha: run.head_sha,
        ...typeof run.head_branch === "string" && { ref: run.head_branch, refType: "branch" },
        prNumber: typeof prNumber === "number" ? prNumber : void 0,
        isFork: !sameRepository(repository, baseRepository)
      };
    }
  }
  return { repository: baseRepository, sha: event.sha, ...refName(event.ref), isFork: false };
}
function assertWorkflowRun(event) {
  if (event.repository) return;
  throw new WorkflowContextError(
    "Input 'repository' has nothing to default to: GITHUB_REPOSITORY is not set and there is no event payload (GITHUB_EVENT_PATH), so this is not a GitHub Actions workflow run. Run the action as a step of a workflow job."
  );
}
var WorkflowContextError = class extends Error {
  name = "WorkflowContextError";
};
function assertTrusted(source, allowFork) {
  if (!source.isFork || allowFork || !source.privileged) return;
  const what = (
    // Stryker disable next-line StringLiteral: no repository is named like any stand-in for a missing fork
    source.prNumber && sameRepository(source.repository, source.eventFork ?? "") ? `pull request #${source.prNumber} from fork ${source.repository}` : source.repository
  );
  throw new UntrustedForkError(`Refusing to run code from ${what} under ${source.eventName}: ${risk(source)}`);
}
function assertWorkspaceTrusted(source, allowFork, what) {
  if (!source.eventFork || allowFork || !source.privileged) return;
  throw new UntrustedForkError(
    `Refusing to build ${what} from the workspace under ${source.eventName} for ${source.eventFork}: the workspace may hold the fork's checkout, and a snapshot built from it would be reused by trusted runs; ${risk(source)}`
  );
}
function risk(source) {
  return `this event runs with ${source.baseRepository}'s secrets and a write token, so running a fork's code is a "pwn request" risk. Review the change first and set 'allow-fork: true' (ideally behind an environment with required reviewers), or use the pull_request event, which runs fork code without secrets.`;
}
function sandboxLabels(source, run) {
  const labels = {
    [`${LABEL_PREFIX}repository`]: source.baseRepository,
    [`${LABEL_PREFIX}run-id`]: String(run.runId),
    [`${LABEL_PREFIX}run-attempt`]: String(run.runAttempt),
    [`${LABEL_PREFIX}job`]: run.job
  };
  if (source.sha) labels[`${LABEL_PREFIX}sha`] = source.sha;
  if (source.prNumber !== void 0) labels[`${LABEL_PREFIX}pr`] = String(source.prNumber);
  if (run.matrix) labels[`${LABEL_PREFIX}matrix`] = `${slug(run.matrix, 56)}-${shortHash(run.matrix)}`;
  return labels;
}
var NAME_MAX = 63;
function sandboxName(source, run, matrixHint = run.matrix, suffix = randomSuffix()) {
  const repoName = source.baseRepository.split("/").pop() ?? "";
  const tail = [
    ...matrixHint ? [slug(matrixHint, 10), shortHash(matrixHint)] : [],
    slug(suffix, 6) || randomSuffix()
  ].filter(Boolean).join("-");
  const head = [
    slug(repoName, 14) || "run",
    slug(String(run.runId), 20),
    slug(String(run.runAttempt), 3),
    slug(run.job, 12)
  ].filter(Boolean).join("-");
  return `${head.slice(0, NAME_MAX - tail.length - 1).replace(/-+$/, "")}-${tail}`;
}
function randomSuffix() {
  return (0, import_node_crypto2.randomBytes)(6).readUIntBE(0, 6).toString(36).padStart(6, "0").slice(-6);
}
function shortHash(text) {
  return (0, import_node_crypto2.createHash)("sha256").update(text).digest("hex").slice(0, 4);
}
function slug(text, max) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, max).replace(/^-+|-+$/g, "");
}
function refName(ref) {
  if (!ref) return {};
  const match = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (match) return { ref: match[2], refType: match[1] === "tags" ? "tag" : "branch" };
  return ref.startsWith("refs/") ? void 0 : { ref, refType: "branch" };
}
function headRepository(payload) {
  const name = record(record(record(payload.pull_request)?.head)?.repo)?.full_name;
  return typeof name === "string" ? name : void 0;
}
function sameRepository(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}
function record(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}

export {
  parseDuration,
  formatDuration,
  DaytonaError,
  BadRequestError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  ServerError,
  ConnectionError,
  DeadlineError,
  StateError,
  errorCode,
  Daytona,
  escapeHtml,
  byteLength,
  truncateChars,
  commandLabel,
  cleanOutput,
  tailLines,
  plural,
  githubGet,
  commitOf,
  runStatus,
  LABEL_PREFIX,
  fromEnvironment,
  readEventPayload,
  forkOfPullRequest,
  resolveSource,
  assertWorkflowRun,
  assertTrusted,
  assertWorkspaceTrusted,
  sandboxLabels,
  sandboxName
};
