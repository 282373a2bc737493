import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  XMLParser
} from "./chunk-TICJX7WI.js";
import {
  require_path
} from "./chunk-3NDCYET4.js";
import {
  __toESM
} from "./chunk-QLYWY7VR.js";

// src/results/junit.ts
var import_node_path = __toESM(require_path(), 1);
var MAX_FAILURES_KEPT = 200;
var MAX_NAME_CHARS = 300;
var MAX_MESSAGE_CHARS = 4e3;
var parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // the dialects' structural elements, always arrays so one case and many read alike
  isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
  processEntities: { enabled: true, maxEntityCount: 20, maxTotalExpansions: 1e4 }
});
function emptyReport() {
  return { passed: 0, failed: 0, skipped: 0, total: 0, failures: [], unreadable: [] };
}
function text(value) {
  if (value === void 0 || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join("\n");
  if (typeof value === "object") return text(value["#text"]);
  return "";
}
function cap(value, max) {
  return value.length > max ? `${value.slice(0, max - 1)}\u2026` : value;
}
function children(node, name) {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  return value.map((child) => child && typeof child === "object" ? child : { "#text": child });
}
function* casesOf(node, suite) {
  for (const testcase of children(node, "testcase")) yield { testcase, suite };
  for (const child of children(node, "testsuite")) {
    yield* casesOf(child, {
      file: text(child.file) || text(child.filepath) || suite.file,
      zeroBasedLines: suite.zeroBasedLines || text(child.name) === "pytest"
    });
  }
}
var FILE_LINE = /(?:^|[\s("'])(\/?(?:[\w.@-]+\/)*[\w.@-]+\.[A-Za-z]{1,6}):(\d+)(?::\d+)?/gm;
function repoRelative(clone, file) {
  let path = file.trim().replace(/^file:\/\//, "");
  if (!path || new RegExp("\\p{Cc}", "u").test(path)) return void 0;
  if (path.startsWith("/")) {
    if (!path.startsWith(`${clone}/`)) return void 0;
    path = path.slice(clone.length + 1);
  }
  const normal = import_node_path.posix.normalize(path);
  if (normal === "." || normal === ".." || normal.startsWith("../") || normal.startsWith("/"))
    return void 0;
  return normal;
}
function location(clone, testcase, suite, details) {
  const file = text(testcase.file) || suite.file;
  const lineAttr = Number.parseInt(text(testcase.line), 10) + (suite.zeroBasedLines ? 1 : 0);
  const fromAttrs = file ? repoRelative(clone, file) : void 0;
  if (fromAttrs && lineAttr > 0) return { file: fromAttrs, line: lineAttr };
  const mentions = [...details.matchAll(FILE_LINE)].map((match) => ({ file: repoRelative(clone, match[1]), line: Number(match[2]) })).filter((mention) => !!mention.file && mention.line > 0);
  const own = fromAttrs && mentions.find((mention) => mention.file === fromAttrs);
  const picked = own || (fromAttrs ? void 0 : mentions.find((m) => !m.file.includes("node_modules/")));
  if (picked) return picked;
  return fromAttrs ? { file: fromAttrs } : {};
}
function addJUnit(into, xml, clone) {
  const root = parser.parse(xml, true);
  const top = {
    testsuite: [
      ...children(root, "testsuite"),
      ...root.testsuites && typeof root.testsuites === "object" ? [root.testsuites] : []
    ]
  };
  for (const { testcase, suite } of casesOf(top, { zeroBasedLines: false })) {
    into.total++;
    const problems = [...children(testcase, "failure"), ...children(testcase, "error")];
    if (problems.length > 0) {
      into.failed++;
      if (into.failures.length >= MAX_FAILURES_KEPT) continue;
      const first = problems[0];
      const message = text(first.message).trim();
      const body = text(first).trim();
      const details = [message, body].filter(Boolean).join("\n");
      const classname = text(testcase.classname).trim();
      const name = text(testcase.name).trim() || "(unnamed test)";
      into.failures.push({
        name: cap(classname && classname !== name ? `${classname} \u203A ${name}` : name, MAX_NAME_CHARS),
        message: cap(details || text(first.type) || "failed", MAX_MESSAGE_CHARS),
        ...location(clone, testcase, suite, details)
      });
    } else if (children(testcase, "skipped").length > 0) into.skipped++;
    else into.passed++;
  }
}
export {
  addJUnit,
  emptyReport,
  repoRelative
};
