import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
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

// node_modules/@balena/dockerignore/ignore.js
var require_ignore = __commonJS({
  "node_modules/@balena/dockerignore/ignore.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var factory = (options) => new IgnoreBase(options);
    factory.default = factory;
    module.exports = factory;
    function make_array(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var REGEX_TRAILING_SLASH = /(?<=.)\/$/;
    var REGEX_TRAILING_BACKSLASH = /(?<=.)\\$/;
    var REGEX_TRAILING_PATH_SEP = path.sep === "\\" ? REGEX_TRAILING_BACKSLASH : REGEX_TRAILING_SLASH;
    var KEY_IGNORE = typeof Symbol !== "undefined" ? /* @__PURE__ */ Symbol.for("dockerignore") : "dockerignore";
    function cleanPath(file) {
      return path.normalize(file).replace(REGEX_TRAILING_PATH_SEP, "");
    }
    function toSlash(file) {
      if (path.sep === "/") {
        return file;
      }
      return file.replace(/\\/g, "/");
    }
    function fromSlash(file) {
      if (path.sep === "/") {
        return file;
      }
      return file.replace(/\//g, path.sep);
    }
    var IgnoreBase = class {
      constructor({
        // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L372
        ignorecase = true
      } = {}) {
        this._rules = [];
        this._ignorecase = ignorecase;
        this[KEY_IGNORE] = true;
        this._initCache();
      }
      _initCache() {
        this._cache = {};
      }
      // @param {Array.<string>|string|Ignore} pattern
      add(pattern) {
        this._added = false;
        if (typeof pattern === "string") {
          pattern = pattern.split(/\r?\n/g);
        }
        make_array(pattern).forEach(this._addPattern, this);
        if (this._added) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      _addPattern(pattern) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules);
          this._added = true;
          return;
        }
        if (this._checkPattern(pattern)) {
          const rule = this._createRule(pattern.trim());
          if (rule !== null) {
            this._added = true;
            this._rules.push(rule);
          }
        }
      }
      _checkPattern(pattern) {
        return pattern && typeof pattern === "string" && pattern.indexOf("#") !== 0 && pattern.trim() !== "";
      }
      filter(paths) {
        return make_array(paths).filter((path2) => this._filter(path2));
      }
      createFilter() {
        return (path2) => this._filter(path2);
      }
      ignores(path2) {
        return !this._filter(path2);
      }
      // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L41-L53
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L29-L55
      _createRule(pattern) {
        const origin = pattern;
        let negative = false;
        if (pattern[0] === "!") {
          negative = true;
          pattern = pattern.substring(1).trim();
        }
        if (pattern.length > 0) {
          pattern = cleanPath(pattern);
          pattern = toSlash(pattern);
          if (pattern.length > 1 && pattern[0] === "/") {
            pattern = pattern.slice(1);
          }
        }
        if (negative) {
          pattern = "!" + pattern;
        }
        pattern = pattern.trim();
        if (pattern === "") {
          return null;
        }
        pattern = cleanPath(pattern);
        if (pattern[0] === "!") {
          if (pattern.length === 1) {
            return null;
          }
          negative = true;
          pattern = pattern.substring(1);
        } else {
          negative = false;
        }
        return {
          origin,
          pattern,
          // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L54
          dirs: pattern.split(path.sep),
          negative
        };
      }
      // @returns `Boolean` true if the `path` is NOT ignored
      _filter(path2) {
        if (!path2) {
          return false;
        }
        if (path2 in this._cache) {
          return this._cache[path2];
        }
        return this._cache[path2] = this._test(path2);
      }
      // @returns {Boolean} true if a file is NOT ignored
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L62
      _test(file) {
        file = fromSlash(file);
        const parentPath = cleanPath(path.dirname(file));
        const parentPathDirs = parentPath.split(path.sep);
        let matched = false;
        this._rules.forEach((rule) => {
          let match = this._match(file, rule);
          if (!match && parentPath !== ".") {
            if (rule.dirs.includes("**")) {
              for (let i = rule.dirs.filter((x) => x !== "**").length; i <= parentPathDirs.length; i++) {
                match = match || this._match(parentPathDirs.slice(0, i).join(path.sep), rule);
              }
            } else if (rule.dirs.length <= parentPathDirs.length) {
              match = this._match(parentPathDirs.slice(0, rule.dirs.length).join(path.sep), rule);
            }
          }
          if (match) {
            matched = !rule.negative;
          }
        });
        return !matched;
      }
      // @returns {Boolean} true if a file is matched by a rule
      _match(file, rule) {
        return this._compile(rule).regexp.test(file);
      }
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L139
      _compile(rule) {
        if (rule.regexp) {
          return rule;
        }
        let regStr = "^";
        let escapedSlash = path.sep === "\\" ? "\\\\" : path.sep;
        for (let i = 0; i < rule.pattern.length; i++) {
          const ch = rule.pattern[i];
          if (ch === "*") {
            if (rule.pattern[i + 1] === "*") {
              i++;
              if (rule.pattern[i + 1] === path.sep) {
                i++;
              }
              if (rule.pattern[i + 1] === void 0) {
                regStr += ".*";
              } else {
                regStr += `(.*${escapedSlash})?`;
              }
            } else {
              regStr += `[^${escapedSlash}]*`;
            }
          } else if (ch === "?") {
            regStr += `[^${escapedSlash}]`;
          } else if (ch === "." || ch === "$") {
            regStr += `\\${ch}`;
          } else if (ch === "\\") {
            if (path.sep === "\\") {
              regStr += escapedSlash;
              continue;
            }
            if (rule.pattern[i + 1] !== void 0) {
              regStr += "\\" + rule.pattern[i + 1];
              i++;
            } else {
              regStr += "\\";
            }
          } else {
            regStr += ch;
          }
        }
        regStr += "$";
        rule.regexp = new RegExp(regStr, this._ignorecase ? "i" : "");
        return rule;
      }
    };
  }
});

// src/environment/context-files.ts
var import_promises = __toESM(require_promises(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_dockerignore = __toESM(require_ignore(), 1);
var dockerignore = import_dockerignore.default;
var ContextEscapeError = class extends Error {
  name = "ContextEscapeError";
};
async function realPathOf(path) {
  return (0, import_promises.realpath)(path).catch((err) => {
    if (err.code === "ENOENT" || err.code === "ENOTDIR" || err.code === "ELOOP") return void 0;
    throw err;
  });
}
function isInside(root, path) {
  const rel = (0, import_node_path.relative)(root, path);
  return rel === "" || !rel.startsWith(`..${import_node_path.sep}`) && rel !== ".." && !rel.startsWith(import_node_path.sep);
}
function toContextPath(root, path) {
  return (0, import_node_path.relative)(root, path).split(import_node_path.sep).join("/");
}
function hasGitDir(contextPath) {
  return contextPath.split("/").includes(".git");
}
async function loadExclusions(contextRoot, dockerfilePath, workspaceRoot = contextRoot) {
  const candidates = [
    { path: (0, import_node_path.join)(contextRoot, ".dockerignore"), root: contextRoot, where: "build context" }
  ];
  if (dockerfilePath) {
    const beside = (0, import_node_path.join)(dockerfilePath, "..", `${(0, import_node_path.basename)(dockerfilePath)}.dockerignore`);
    candidates.unshift({ path: beside, root: workspaceRoot, where: "workspace" });
  }
  for (const { path: candidate, root, where } of candidates) {
    const real = await realPathOf(candidate);
    if (!real) continue;
    if (!isInside(root, real)) {
      throw new ContextEscapeError(
        `${(0, import_node_path.basename)(candidate)} is a symbolic link that leads outside the ${where}: refusing to read it.`
      );
    }
    const rules = dockerignore({ ignorecase: false }).add(await (0, import_promises.readFile)(real, "utf8"));
    return (path) => hasGitDir(path) || path !== "" && rules.ignores(path);
  }
  return hasGitDir;
}
async function listSource(contextRoot, source, excluded) {
  const nodes = [];
  const top = await describe(contextRoot, source, "");
  if (!top) return nodes;
  if (top.kind === "directory") await listDirectory(contextRoot, top, excluded, nodes);
  else nodes.push(top);
  return nodes;
}
async function listDirectory(contextRoot, dir, excluded, nodes) {
  const children = [];
  for (const name of await (0, import_promises.readdir)((0, import_node_path.join)(contextRoot, dir.source))) {
    const source = dir.source ? `${dir.source}/${name}` : name;
    if (excluded(source)) continue;
    const child = await describe(contextRoot, source, dir.relative ? `${dir.relative}/${name}` : name);
    if (child) children.push(child);
  }
  nodes.push({ ...dir, empty: !children.some((c) => c.kind !== "symlink") });
  for (const child of children) {
    if (child.kind === "directory") await listDirectory(contextRoot, child, excluded, nodes);
    else nodes.push(child);
  }
}
async function describe(contextRoot, source, rel) {
  const absolute = (0, import_node_path.join)(contextRoot, source);
  const stats = await (0, import_promises.lstat)(absolute);
  const base = { source, relative: rel, mode: stats.mode & 4095, size: stats.size };
  if (stats.isSymbolicLink()) return { ...base, kind: "symlink", linkTarget: await (0, import_promises.readlink)(absolute) };
  if (stats.isDirectory()) return { ...base, kind: "directory", size: 0 };
  if (stats.isFile()) return { ...base, kind: "file" };
  return void 0;
}

export {
  ContextEscapeError,
  realPathOf,
  isInside,
  toContextPath,
  hasGitDir,
  loadExclusions,
  listSource
};
