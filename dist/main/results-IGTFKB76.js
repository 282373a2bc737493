import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  require_picomatch
} from "./chunk-Q63ZJSNE.js";
import {
  require_promises as require_promises2
} from "./chunk-DQEOZGSC.js";
import {
  info,
  warning
} from "./chunk-IHAY7U6S.js";
import {
  require_fs,
  require_promises,
  require_stream
} from "./chunk-IO2VXFRS.js";
import {
  require_path
} from "./chunk-3NDCYET4.js";
import {
  __toESM
} from "./chunk-QLYWY7VR.js";

// src/results/index.ts
var import_node_path3 = __toESM(require_path(), 1);

// src/results/download.ts
var import_node_fs = __toESM(require_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_stream = __toESM(require_stream(), 1);
var import_promises2 = __toESM(require_promises2(), 1);
var PARALLEL_DOWNLOADS = 4;
function localPathFor(root, relativePath) {
  const target = (0, import_node_path.resolve)(root, ...relativePath.split("/"));
  const back = (0, import_node_path.relative)(root, target);
  if (!back || back.startsWith(`..${import_node_path.sep}`) || back === ".." || (0, import_node_path.resolve)(back) === back) {
    throw new Error(`refusing to write outside the download folder: ${relativePath}`);
  }
  return target;
}
function atMost(limit) {
  let seen = 0;
  return new import_node_stream.Transform({
    transform(chunk, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new Error(`the sandbox sent more than the ${limit} bytes it listed`));
      else done(null, chunk);
    }
  });
}
async function downloadOne(files, root, file) {
  const target = localPathFor(root, file.relative);
  await (0, import_promises.mkdir)((0, import_node_path.dirname)(target), { recursive: true });
  const handle = await (0, import_promises.open)(
    target,
    import_node_fs.constants.O_WRONLY | import_node_fs.constants.O_CREAT | import_node_fs.constants.O_EXCL | import_node_fs.constants.O_NOFOLLOW,
    420
  );
  let bytes = 0;
  try {
    const body = await files.downloadBody(file.path);
    const counter = atMost(file.size);
    counter.on("data", (chunk) => {
      bytes += chunk.length;
    });
    await (0, import_promises2.pipeline)(body, counter, handle.createWriteStream());
  } catch (error) {
    await handle.close().catch(() => {
    });
    await (0, import_promises.rm)(target, { force: true });
    throw error;
  }
  return bytes;
}
async function downloadFiles(files, root, wanted) {
  await (0, import_promises.mkdir)(root, { recursive: true });
  const result = { files: [], failed: [] };
  const queue = [...wanted];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        result.files.push({ relative: file.relative, bytes: await downloadOne(files, root, file) });
      } catch (error) {
        result.failed.push({
          relative: file.relative,
          reason: error instanceof Error ? error.message : String(error)
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, wanted.length) }, worker));
  result.files.sort((a, b) => a.relative.localeCompare(b.relative));
  return result;
}
async function readSmallFile(files, path, maxBytes) {
  const body = await files.downloadBody(path);
  const chunks = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new Error(`larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// src/results/listing.ts
var import_node_path2 = __toESM(require_path(), 1);
var import_picomatch = __toESM(require_picomatch(), 1);
var MAX_LIST_DEPTH = 64;
var MAX_LISTED_ENTRIES = 2e5;
var ListingError = class extends Error {
  name = "ListingError";
};
function safeRelative(clone, sandboxPath) {
  if (typeof sandboxPath !== "string" || /[\p{Cc}\\]/u.test(sandboxPath)) return void 0;
  if (!sandboxPath.startsWith(`${clone}/`)) return void 0;
  const relative2 = sandboxPath.slice(clone.length + 1);
  const segments = relative2.split("/");
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) return void 0;
  if (segments.some((segment) => Buffer.byteLength(segment) > 255)) return void 0;
  return relative2;
}
function filesOf(clone, entries) {
  if (!Array.isArray(entries)) throw new ListingError("the sandbox answered the file listing with no list");
  if (entries.length > MAX_LISTED_ENTRIES) {
    throw new ListingError(
      `the clone holds more than ${MAX_LISTED_ENTRIES} entries; name the files to download more narrowly`
    );
  }
  const files = [];
  const refused = [];
  for (const entry of entries) {
    if (typeof entry?.path !== "string") {
      throw new ListingError(
        "the sandbox's daemon does not list files recursively (no `path` in its answer); it is too old for download and test-results"
      );
    }
    if (entry.isDir) continue;
    const relative2 = safeRelative(clone, entry.path);
    if (relative2 === void 0) {
      refused.push(entry.path);
      continue;
    }
    files.push({ path: import_node_path2.posix.join(clone, relative2), relative: relative2, size: Number(entry.size) || 0 });
  }
  return { files, refused };
}
function matchFiles(listing, patterns) {
  if (patterns.length === 0) return [];
  const isMatch = (0, import_picomatch.default)(
    patterns.flatMap((pattern) => [pattern, `${pattern}/**`]),
    { dot: false }
  );
  return listing.filter((file) => isMatch(file.relative));
}

// src/results/index.ts
var MAX_DOWNLOAD_FILES = 1e4;
var MAX_REPORT_BYTES = 50 * 1024 * 1024;
function message(error) {
  return error instanceof Error ? error.message : String(error);
}
async function fetchResults(toolbox, config, clonePath) {
  const back = {};
  let listing;
  let clone;
  try {
    clone = import_node_path3.posix.isAbsolute(clonePath) ? clonePath : import_node_path3.posix.join(await toolbox.workDir(), clonePath);
    listing = filesOf(clone, await toolbox.files.list(clone, { depth: MAX_LIST_DEPTH }));
  } catch (error) {
    warning(`Could not list the clone to fetch results: ${message(error)}`, { title: "No results back" });
    if (config.download.length) back.download = { path: config.downloadPath, files: [], failed: [] };
    return back;
  }
  for (const path of listing.refused.slice(0, 5)) {
    warning(
      `Skipped ${JSON.stringify(path)}: the sandbox listed it outside the clone or unsafely named.`
    );
  }
  if (config.download.length > 0) {
    back.download = await downloads(toolbox, config, listing.files).catch((error) => {
      warning(`Could not download: ${message(error)}`, { title: "Download failed" });
      return { path: config.downloadPath, files: [], failed: [] };
    });
  }
  if (config.testResults.length > 0) {
    back.tests = await testReports(toolbox, config, listing.files, clone).catch((error) => {
      warning(`Could not read the test reports: ${message(error)}`, { title: "No test reports" });
      return void 0;
    });
  }
  return back;
}
async function downloads(toolbox, config, listed) {
  let wanted = matchFiles(listed, config.download);
  if (wanted.length > MAX_DOWNLOAD_FILES) {
    warning(
      `download matches ${wanted.length} files; only the first ${MAX_DOWNLOAD_FILES} are fetched. Name the files more narrowly.`,
      { title: "Too many files to download" }
    );
    wanted = wanted.slice(0, MAX_DOWNLOAD_FILES);
  }
  if (wanted.length === 0) {
    warning(`No file in the clone matches download: ${config.download.join(", ")}`, {
      title: "Nothing to download"
    });
  }
  const result = await downloadFiles(toolbox.files, config.downloadPath, wanted);
  const bytes = result.files.reduce((sum, file) => sum + file.bytes, 0);
  info(`Downloaded ${result.files.length} file(s), ${bytes} bytes, to ${config.downloadPath}`);
  for (const failure of result.failed.slice(0, 10)) {
    warning(`Could not download ${failure.relative}: ${failure.reason}`, { title: "Download failed" });
  }
  return { ...result, path: config.downloadPath };
}
async function testReports(toolbox, config, listed, clone) {
  const { addJUnit, emptyReport } = await import("./junit-CLXBJZ7W.js");
  const report = emptyReport();
  const reports = matchFiles(listed, config.testResults);
  if (reports.length === 0) {
    warning(`No file in the clone matches test-results: ${config.testResults.join(", ")}`, {
      title: "No test reports"
    });
  }
  for (const file of reports) {
    try {
      if (file.size > MAX_REPORT_BYTES) throw new Error(`larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB`);
      const xml = await readSmallFile(toolbox.files, file.path, MAX_REPORT_BYTES);
      addJUnit(report, xml.toString("utf8"), clone);
    } catch (error) {
      report.unreadable.push({ path: file.relative, reason: message(error) });
      warning(`Could not read the test report ${file.relative}: ${message(error)}`, {
        title: "Unreadable test report"
      });
    }
  }
  info(
    `Tests: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${reports.length} report(s))`
  );
  return report;
}
export {
  fetchResults
};
