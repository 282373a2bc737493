export const id = 158;
export const ids = [158];
export const modules = {

/***/ 6158:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildContext: () => (/* binding */ buildContext),
/* harmony export */   copySources: () => (/* binding */ copySources),
/* harmony export */   uploadContext: () => (/* binding */ uploadContext)
/* harmony export */ });
/* unused harmony exports hashContextEntry, packContextEntry */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5792);
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8390);
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8697);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3382);
// The build context of a Dockerfile: only what its COPY/ADD instructions take, hashed and packed the way
// Daytona's SDK does (daytona-api.md §3.3), so our snapshot names follow the files' content and the
// server's build dedupe recognises contexts uploaded by anyone else using the SDK.
//  - one entry per source (globs expanded); its archivePath is the source relative to the context dir;
//  - hash = MD5 over archivePath, then the file's bytes, or for a directory (recursively, in readdir order)
//    each file's path relative to the directory + its bytes, and each empty directory's relative path;
//  - the upload is an uncompressed portable tar whose entry names start at archivePath.









const GLOB = /[*?[]/;
const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/;
/** Local sources of COPY/ADD (no `--from` stage or image, no URLs, no heredocs), in Dockerfile order. */
function copySources(dockerfileText) {
    const sources = [];
    for (const instruction of dockerfile_ast__WEBPACK_IMPORTED_MODULE_6__.DockerfileParser.parse(dockerfileText).getInstructions()) {
        if (!(instruction instanceof dockerfile_ast__WEBPACK_IMPORTED_MODULE_6__.Copy || instruction instanceof dockerfile_ast__WEBPACK_IMPORTED_MODULE_6__.Add))
            continue;
        if (instruction.getFlags().some((flag) => flag.getName().toLowerCase() === 'from'))
            continue;
        const keyword = instruction instanceof dockerfile_ast__WEBPACK_IMPORTED_MODULE_6__.Copy ? 'COPY' : 'ADD';
        const line = instruction.getRange().start.line + 1;
        for (const source of argumentsOf(instruction).slice(0, -1)) {
            if (source.startsWith('<<') || (keyword === 'ADD' && REMOTE.test(source)))
                continue;
            sources.push({ source, line, keyword });
        }
    }
    return sources;
}
/** `COPY a b /dst/`, `COPY ["a", "b", "/dst/"]`, and heredocs (`COPY <<EOF /dst` + body lines). */
function argumentsOf(instruction) {
    const content = instruction.getArgumentsContent() ?? '';
    const firstLine = content.split('\n')[0].trim();
    if (firstLine.startsWith('[')) {
        try {
            const parsed = JSON.parse(firstLine);
            if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string'))
                return parsed;
        }
        catch {
            // not valid JSON: Docker then reads it in shell form too
        }
    }
    const args = instruction.getArguments().map((arg) => arg.getValue());
    // a heredoc's body lines come back as arguments: only the instruction's own line counts
    return content.includes('\n') && /<</.test(firstLine) ? args.slice(0, firstLine.split(/\s+/).length) : args;
}
/** The context entries a Dockerfile needs, hashed. Fails with the Dockerfile line when a source is unusable. */
async function buildContext(contextDir, dockerfileText, dockerfileName = 'Dockerfile') {
    const sources = copySources(dockerfileText);
    if (sources.length === 0)
        return [];
    const where = (s) => `${dockerfileName} line ${s.line} (${s.keyword} ${s.source})`;
    if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(contextDir).catch(() => undefined))?.isDirectory()) {
        throw new Error(`${where(sources[0])}: the build context ${contextDir} is not a directory.`);
    }
    const archivePaths = [];
    for (const source of sources) {
        for (const path of await expand(contextDir, source, where(source))) {
            if (!archivePaths.includes(path))
                archivePaths.push(path);
        }
    }
    const entries = [];
    for (const archivePath of archivePaths) {
        entries.push({ archivePath, hash: await hashContextEntry(contextDir, archivePath) });
    }
    return entries;
}
async function expand(contextDir, source, where) {
    if (source.source.includes('$')) {
        throw new Error(`${where}: sources with variables cannot be resolved before the build; name the path.`);
    }
    // Docker reads an absolute source relative to the context root, and never leaves the context
    const path = node_path__WEBPACK_IMPORTED_MODULE_4__.posix.normalize(source.source.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (path === '..' || path.startsWith('../')) {
        throw new Error(`${where}: the source is outside the build context (${contextDir}).`);
    }
    if (GLOB.test(path)) {
        const matches = await (0,tinyglobby__WEBPACK_IMPORTED_MODULE_8__/* .glob */ .TI)([path], {
            cwd: contextDir,
            dot: true,
            onlyFiles: false,
            expandDirectories: false,
            followSymbolicLinks: false,
        });
        if (matches.length === 0)
            throw new Error(`${where}: no file in the build context (${contextDir}) matches.`);
        return matches.map((m) => m.replace(/\/+$/, '')).sort();
    }
    const archivePath = path === '.' ? '' : path;
    if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(contextDir, archivePath)).catch(() => undefined))) {
        throw new Error(`${where}: no such file in the build context (${contextDir}).`);
    }
    return [archivePath];
}
async function hashContextEntry(contextDir, archivePath) {
    const md5 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
    md5.update(archivePath);
    const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(contextDir, archivePath);
    // like the SDK: the entry itself is followed if it is a symlink; links inside directories are skipped
    if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(absolute)).isFile())
        await hashFile(absolute, md5);
    else
        await hashDirectory(absolute, absolute, md5);
    return md5.digest('hex');
}
async function hashDirectory(dir, base, md5) {
    // fs.readdir returns names sorted (libuv's scandir), as the SDK's readdirSync does
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir, { withFileTypes: true });
    if (!entries.some((e) => e.isDirectory() || e.isFile()))
        md5.update((0,node_path__WEBPACK_IMPORTED_MODULE_4__.relative)(base, dir));
    for (const entry of entries) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, entry.name);
        if (entry.isDirectory())
            await hashDirectory(path, base, md5);
        else if (entry.isFile()) {
            md5.update((0,node_path__WEBPACK_IMPORTED_MODULE_4__.relative)(base, path));
            await hashFile(path, md5);
        }
    }
}
async function hashFile(path, md5) {
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path))
        md5.update(chunk);
}
/** Writes the entry's tar (uncompressed, portable, entry names starting at archivePath) to `file`. */
async function packContextEntry(contextDir, archivePath, file) {
    const paths = archivePath === '' ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(contextDir) : [archivePath];
    // an empty archive is two zero blocks; tar refuses an empty path list
    if (paths.length === 0)
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(file, Buffer.alloc(1024));
    await (0,tar__WEBPACK_IMPORTED_MODULE_7__/* .create */ .vt)({ cwd: contextDir, file, portable: true, gzip: false }, paths);
}
/** Puts every entry in Daytona's object storage, skipping those already there (by hash, like the SDK). */
async function uploadContext(client, contextDir, entries) {
    const access = await client.objectStorage.pushAccess();
    const scratch = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), 'daytona-context-'));
    try {
        for (const entry of entries) {
            const label = entry.archivePath || '.';
            const tarFile = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(scratch, `${entry.hash}.tar`);
            const done = await client.objectStorage.uploadContext(access, entry.hash, async () => {
                await packContextEntry(contextDir, entry.archivePath, tarFile);
                return tarFile;
            });
            if (done === 'present')
                _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`${label}: already in object storage (${entry.hash})`);
            else
                _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`${label}: uploaded ${formatBytes((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(tarFile)).size)} (${entry.hash})`);
        }
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(scratch, { recursive: true, force: true });
    }
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}


/***/ })

};
