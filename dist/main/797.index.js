export const id = 797;
export const ids = [797];
export const modules = {

/***/ 4797:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fetchResults: () => (/* binding */ fetchResults)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./lib/results/download.js
// Sandbox files onto the runner, streamed: each body goes from the socket to disk with backpressure, so a
// large file never sits in memory. What the sandbox sends is hostile: it lands only at the checked relative
// path under the download folder, in a file created new (never through an existing link), and no larger
// than the listing said.





/** Files fetched at once: enough to hide per-request latency, few enough to be polite. */
const PARALLEL_DOWNLOADS = 4;
/** The runner path for a checked relative path; throws if it would still land outside `root`. */
function localPathFor(root, relativePath) {
    const target = (0,external_node_path_.resolve)(root, ...relativePath.split('/'));
    const back = (0,external_node_path_.relative)(root, target);
    if (!back || back.startsWith(`..${external_node_path_.sep}`) || back === '..' || (0,external_node_path_.resolve)(back) === back) {
        throw new Error(`refusing to write outside the download folder: ${relativePath}`);
    }
    return target;
}
/** Stops the stream when the sandbox sends more than it listed: a file cannot grow without bound. */
function atMost(limit) {
    let seen = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            seen += chunk.length;
            if (seen > limit)
                done(new Error(`the sandbox sent more than the ${limit} bytes it listed`));
            else
                done(null, chunk);
        },
    });
}
async function downloadOne(files, root, file) {
    const target = localPathFor(root, file.relative);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
    // O_EXCL|O_NOFOLLOW: a name the listing gave twice (case-folding runner disks) or an existing link fails.
    const handle = await (0,promises_.open)(target, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_NOFOLLOW, 0o644);
    let bytes = 0;
    try {
        const body = await files.downloadBody(file.path);
        const counter = atMost(file.size);
        counter.on('data', (chunk) => {
            bytes += chunk.length;
        });
        await (0,external_node_stream_promises_.pipeline)(body, counter, handle.createWriteStream());
    }
    catch (error) {
        await handle.close().catch(() => { });
        await (0,promises_.rm)(target, { force: true });
        throw error;
    }
    return bytes;
}
async function downloadFiles(files, root, wanted) {
    await (0,promises_.mkdir)(root, { recursive: true });
    const result = { files: [], failed: [] };
    const queue = [...wanted];
    const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
            try {
                result.files.push({ relative: file.relative, bytes: await downloadOne(files, root, file) });
            }
            catch (error) {
                result.failed.push({
                    relative: file.relative,
                    reason: error instanceof Error ? error.message : String(error),
                });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, wanted.length) }, worker));
    result.files.sort((a, b) => a.relative.localeCompare(b.relative));
    return result;
}
/** A small sandbox file read whole (a test report), refused past `maxBytes`. */
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

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
;// CONCATENATED MODULE: ./lib/results/listing.js
// Which sandbox files the patterns name. The clone is listed once through the toolbox files API and matched
// on the runner: the sandbox answers with names only, and every name is checked before it can become a
// path on the runner. The daemon's recursive listing does not descend into symlinked directories, so a link
// to /etc or ../.. shows as a directory with nothing under it, and nothing below it can match.


/**
 * Deep enough for any real project tree. The whole clone is listed from its root, never from a pattern's
 * base: the daemon follows a symlinked root, so listing from `link/` would walk wherever the link points.
 */
const MAX_LIST_DEPTH = 64;
/** More entries than this is a listing we will not match against (a runaway tree, or a hostile answer). */
const MAX_LISTED_ENTRIES = 200_000;
class ListingError extends Error {
    name = 'ListingError';
}
/**
 * A name the sandbox gave, as a path relative to the clone that is safe to create on the runner: plain
 * segments only (no `.`, `..`, empty, control characters or backslashes), and inside the clone.
 */
function safeRelative(clone, sandboxPath) {
    if (typeof sandboxPath !== 'string' || /[\p{Cc}\\]/u.test(sandboxPath))
        return undefined;
    if (!sandboxPath.startsWith(`${clone}/`))
        return undefined;
    const relative = sandboxPath.slice(clone.length + 1);
    const segments = relative.split('/');
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..'))
        return undefined;
    if (segments.some((segment) => Buffer.byteLength(segment) > 255))
        return undefined;
    return relative;
}
/** The regular files of a listing, each with its checked relative path. */
function filesOf(clone, entries) {
    if (!Array.isArray(entries))
        throw new ListingError('the sandbox answered the file listing with no list');
    if (entries.length > MAX_LISTED_ENTRIES) {
        throw new ListingError(`the clone holds more than ${MAX_LISTED_ENTRIES} entries; name the files to download more narrowly`);
    }
    const files = [];
    const refused = [];
    for (const entry of entries) {
        if (typeof entry?.path !== 'string') {
            throw new ListingError("the sandbox's daemon does not list files recursively (no `path` in its answer); it is too old for download and test-results");
        }
        if (entry.isDir)
            continue;
        const relative = safeRelative(clone, entry.path);
        if (relative === undefined) {
            refused.push(entry.path);
            continue;
        }
        files.push({ path: external_node_path_.posix.join(clone, relative), relative, size: Number(entry.size) || 0 });
    }
    return { files, refused };
}
/**
 * The listed files any pattern matches, in listing order. A pattern naming a directory takes everything
 * under it. Hidden files match only when a pattern spells the dot out.
 */
function matchFiles(listing, patterns) {
    if (patterns.length === 0)
        return [];
    const isMatch = picomatch(patterns.flatMap((pattern) => [pattern, `${pattern}/**`]), { dot: false });
    return listing.filter((file) => isMatch(file.relative));
}

;// CONCATENATED MODULE: ./lib/results/index.js
// Step 6 of main: results back from the sandbox, after the commands (whether they passed, failed or timed
// out) and before the sandbox is deleted. The clone is listed once; `download` files are streamed to the
// runner and `test-results` reports are read into counts and failures. Nothing here fails the run: a file
// that cannot be fetched is a warning, and the report says what came back.




/** More files than this is almost surely a pattern that caught node_modules; the first ones are taken. */
const MAX_DOWNLOAD_FILES = 10_000;
/** A JUnit report bigger than this is not read (they are text; 50 MiB is already a huge suite). */
const MAX_REPORT_BYTES = 50 * 1024 * 1024;
function message(error) {
    return error instanceof Error ? error.message : String(error);
}
async function fetchResults(toolbox, config, clonePath) {
    const back = {};
    let listing;
    let clone;
    try {
        clone = external_node_path_.posix.isAbsolute(clonePath) ? clonePath : external_node_path_.posix.join(await toolbox.workDir(), clonePath);
        listing = filesOf(clone, await toolbox.files.list(clone, { depth: MAX_LIST_DEPTH }));
    }
    catch (error) {
        core/* warning */.$e(`Could not list the clone to fetch results: ${message(error)}`, { title: 'No results back' });
        if (config.download.length)
            back.download = { path: config.downloadPath, files: [], failed: [] };
        return back;
    }
    for (const path of listing.refused.slice(0, 5)) {
        core/* warning */.$e(`Skipped ${JSON.stringify(path)}: the sandbox listed it outside the clone or unsafely named.`);
    }
    if (config.download.length > 0) {
        back.download = await downloads(toolbox, config, listing.files).catch((error) => {
            core/* warning */.$e(`Could not download: ${message(error)}`, { title: 'Download failed' });
            return { path: config.downloadPath, files: [], failed: [] };
        });
    }
    if (config.testResults.length > 0) {
        back.tests = await testReports(toolbox, config, listing.files, clone).catch((error) => {
            core/* warning */.$e(`Could not read the test reports: ${message(error)}`, { title: 'No test reports' });
            return undefined;
        });
    }
    return back;
}
async function downloads(toolbox, config, listed) {
    let wanted = matchFiles(listed, config.download);
    if (wanted.length > MAX_DOWNLOAD_FILES) {
        core/* warning */.$e(`download matches ${wanted.length} files; only the first ${MAX_DOWNLOAD_FILES} are fetched. Name the files more narrowly.`, { title: 'Too many files to download' });
        wanted = wanted.slice(0, MAX_DOWNLOAD_FILES);
    }
    if (wanted.length === 0) {
        core/* warning */.$e(`No file in the clone matches download: ${config.download.join(', ')}`, {
            title: 'Nothing to download',
        });
    }
    const result = await downloadFiles(toolbox.files, config.downloadPath, wanted);
    const bytes = result.files.reduce((sum, file) => sum + file.bytes, 0);
    core/* info */.pq(`Downloaded ${result.files.length} file(s), ${bytes} bytes, to ${config.downloadPath}`);
    for (const failure of result.failed.slice(0, 10)) {
        core/* warning */.$e(`Could not download ${failure.relative}: ${failure.reason}`, { title: 'Download failed' });
    }
    return { ...result, path: config.downloadPath };
}
async function testReports(toolbox, config, listed, clone) {
    // The XML parser is loaded only by runs that read reports.
    const { addJUnit, emptyReport } = await Promise.all(/* import() */[__webpack_require__.e(143), __webpack_require__.e(290)]).then(__webpack_require__.bind(__webpack_require__, 9290));
    const report = emptyReport();
    const reports = matchFiles(listed, config.testResults);
    if (reports.length === 0) {
        core/* warning */.$e(`No file in the clone matches test-results: ${config.testResults.join(', ')}`, {
            title: 'No test reports',
        });
    }
    for (const file of reports) {
        try {
            if (file.size > MAX_REPORT_BYTES)
                throw new Error(`larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB`);
            const xml = await readSmallFile(toolbox.files, file.path, MAX_REPORT_BYTES);
            addJUnit(report, xml.toString('utf8'), clone);
        }
        catch (error) {
            report.unreadable.push({ path: file.relative, reason: message(error) });
            core/* warning */.$e(`Could not read the test report ${file.relative}: ${message(error)}`, {
                title: 'Unreadable test report',
            });
        }
    }
    core/* info */.pq(`Tests: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${reports.length} report(s))`);
    return report;
}


/***/ })

};
