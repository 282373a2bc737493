export const id = 79;
export const ids = [79];
export const modules = {

/***/ 6158:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K1: () => (/* binding */ copySources),
/* harmony export */   NX: () => (/* binding */ uploadContext),
/* harmony export */   gC: () => (/* binding */ buildContext)
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


/***/ }),

/***/ 2079:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findDockerfile: () => (/* binding */ findDockerfile),
/* harmony export */   prepareDockerfile: () => (/* binding */ prepareDockerfile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5792);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6752);
/* harmony import */ var _daytona_http_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5974);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6158);
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8114);
// The repository's Dockerfile as a snapshot. The snapshot is named by everything that makes the
// environment: the Dockerfile's exact text, the content of every file its COPY/ADD take (hashed as
// Daytona's SDK does), the size and the region. The context is uploaded only when the snapshot is built.
// The Dockerfile comes from the workspace (after actions/checkout) or, without a checkout, from the
// commit under test through the GitHub REST API — which cannot supply a build context.







const GITHUB_TIMEOUT_MS = 15_000;
/**
 * The Dockerfile to build, or undefined for "none": the default `Dockerfile` that neither the workspace
 * nor the repository has. An explicit `dockerfile` input that exists nowhere is an error.
 */
async function findDockerfile(config, source, workspace, env = process.env) {
    const path = config.dockerfile;
    const local = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, path), 'utf8').catch((err) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
            return undefined;
        throw new Error(`Could not read ${path} from the workspace: ${err.message}`);
    });
    if (local !== undefined)
        return { path, text: local, from: 'workspace' };
    const at = `${source.repository}${source.sha || source.ref ? `@${(source.sha || source.ref).slice(0, 12)}` : ''}`;
    const remote = await fetchFromGitHub(path, source, config.token, env);
    if (remote.found) {
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`${path} is not in the workspace: using the one in ${at} (from the GitHub API).`);
        return { path, text: remote.text, from: 'github' };
    }
    if (remote.status === 404) {
        if (!config.dockerfileExplicit)
            return undefined;
        throw new Error(`Input 'dockerfile' names ${path}, which is neither in the workspace nor in ${at}.`);
    }
    const why = `reading ${path} from ${at} through the GitHub API failed (${remote.detail})`;
    if (config.dockerfileExplicit) {
        throw new Error(`Input 'dockerfile': ${why}. Check out the repository first (actions/checkout).`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(`No ${path} in the workspace, and ${why}: using Daytona's default snapshot. ` +
        `To build the repository's Dockerfile, check out the repository first (actions/checkout).`);
    return undefined;
}
/** GET /repos/{owner}/{repo}/contents/{path}?ref={sha} as raw text. Never puts the token in a message. */
async function fetchFromGitHub(path, source, token, env) {
    const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    const ref = source.sha || source.ref;
    const url = `${api}/repos/${source.repository}/contents/${path.split('/').map(encodeURIComponent).join('/')}` +
        (ref ? `?ref=${encodeURIComponent(ref)}` : '');
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_3__/* .request */ .Em)(url, {
            headers: {
                accept: 'application/vnd.github.raw',
                'x-github-api-version': '2022-11-28',
                'user-agent': 'daytona-action',
                ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            headersTimeout: GITHUB_TIMEOUT_MS,
            bodyTimeout: GITHUB_TIMEOUT_MS,
        });
        const text = await res.body.text();
        if (res.statusCode === 200) {
            // a directory answers with a JSON listing even when raw is asked for
            if (String(res.headers['content-type']).includes('json') && text.trimStart().startsWith('[')) {
                return { found: false, status: 404, detail: `${path} is a directory` };
            }
            return { found: true, text };
        }
        return { found: false, status: res.statusCode, detail: `HTTP ${res.statusCode}` };
    }
    catch (err) {
        return { found: false, detail: (0,_daytona_http_js__WEBPACK_IMPORTED_MODULE_4__/* .errorCode */ .CA)(err) ?? err.message };
    }
}
/** The snapshot spec for this Dockerfile: its content-derived name, buildInfo, and the context upload. */
async function prepareDockerfile(client, config, source, workspace, dockerfile) {
    const sources = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .copySources */ .K1)(dockerfile.text);
    if (dockerfile.from === 'github' && sources.length > 0) {
        const first = sources[0];
        throw new Error(`${dockerfile.path} copies files from the build context (line ${first.line}: ${first.keyword} ${first.source}), ` +
            'and this job has no copy of the repository: add actions/checkout before this step.');
    }
    const contextDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, config.context ?? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(config.dockerfile));
    const entries = await (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .buildContext */ .gC)(contextDir, dockerfile.text, dockerfile.path);
    const contextHashes = entries.map((entry) => entry.hash);
    const name = (0,_key_js__WEBPACK_IMPORTED_MODULE_6__/* .snapshotName */ .a)((0,_key_js__WEBPACK_IMPORTED_MODULE_6__/* .prefixOf */ .M)(config, source), {
        dockerfile: dockerfile.text,
        contextHashes,
        resources: config.resources,
        region: config.target,
    });
    if (entries.length > 0) {
        const list = entries.map((e) => e.archivePath || '.').join(', ');
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`${dockerfile.path}: build context ${list} → snapshot ${name}`);
    }
    return {
        name,
        buildInfo: { dockerfileContent: dockerfile.text, contextHashes },
        upload: entries.length > 0
            ? () => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .group */ .Os('Uploading the build context', () => (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .uploadContext */ .NX)(client, contextDir, entries))
            : undefined,
    };
}


/***/ })

};
