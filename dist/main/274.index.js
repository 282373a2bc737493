export const id = 274;
export const ids = [274];
export const modules = {

/***/ 274:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findDockerfile: () => (/* binding */ findDockerfile),
  noticeWholeContextCopy: () => (/* reexport */ noticeWholeContextCopy),
  prepareDockerfile: () => (/* binding */ prepareDockerfile)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(5792);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./lib/daytona/http.js + 2 modules
var http = __webpack_require__(5974);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(8390);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/index.min.js
var index_min = __webpack_require__(8697);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
;// CONCATENATED MODULE: ./lib/environment/context.js
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
    for (const instruction of main.DockerfileParser.parse(dockerfileText).getInstructions()) {
        if (!(instruction instanceof main.Copy || instruction instanceof main.Add))
            continue;
        if (instruction.getFlags().some((flag) => flag.getName().toLowerCase() === 'from'))
            continue;
        const keyword = instruction instanceof main.Copy ? 'COPY' : 'ADD';
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
    if (!(await (0,promises_.stat)(contextDir).catch(() => undefined))?.isDirectory()) {
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
    const path = external_node_path_.posix.normalize(source.source.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (path === '..' || path.startsWith('../')) {
        throw new Error(`${where}: the source is outside the build context (${contextDir}).`);
    }
    if (GLOB.test(path)) {
        const matches = await (0,dist/* glob */.TI)([path], {
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
    if (!(await (0,promises_.lstat)((0,external_node_path_.join)(contextDir, archivePath)).catch(() => undefined))) {
        throw new Error(`${where}: no such file in the build context (${contextDir}).`);
    }
    return [archivePath];
}
async function hashContextEntry(contextDir, archivePath) {
    const md5 = (0,external_node_crypto_.createHash)('md5');
    md5.update(archivePath);
    const absolute = (0,external_node_path_.join)(contextDir, archivePath);
    // like the SDK: the entry itself is followed if it is a symlink; links inside directories are skipped
    if ((await (0,promises_.stat)(absolute)).isFile())
        await hashFile(absolute, md5);
    else
        await hashDirectory(absolute, absolute, md5);
    return md5.digest('hex');
}
async function hashDirectory(dir, base, md5) {
    // fs.readdir returns names sorted (libuv's scandir), as the SDK's readdirSync does
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    if (!entries.some((e) => e.isDirectory() || e.isFile()))
        md5.update((0,external_node_path_.relative)(base, dir));
    for (const entry of entries) {
        const path = (0,external_node_path_.join)(dir, entry.name);
        if (entry.isDirectory())
            await hashDirectory(path, base, md5);
        else if (entry.isFile()) {
            md5.update((0,external_node_path_.relative)(base, path));
            await hashFile(path, md5);
        }
    }
}
async function hashFile(path, md5) {
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        md5.update(chunk);
}
/** Writes the entry's tar (uncompressed, portable, entry names starting at archivePath) to `file`. */
async function packContextEntry(contextDir, archivePath, file) {
    const paths = archivePath === '' ? await (0,promises_.readdir)(contextDir) : [archivePath];
    // an empty archive is two zero blocks; tar refuses an empty path list
    if (paths.length === 0)
        return (0,promises_.writeFile)(file, Buffer.alloc(1024));
    await (0,index_min/* create */.vt)({ cwd: contextDir, file, portable: true, gzip: false }, paths);
}
/** Puts every entry in Daytona's object storage, skipping those already there (by hash, like the SDK). */
async function uploadContext(client, contextDir, entries) {
    const access = await client.objectStorage.pushAccess();
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'daytona-context-'));
    try {
        for (const entry of entries) {
            const label = entry.archivePath || '.';
            const tarFile = (0,external_node_path_.join)(scratch, `${entry.hash}.tar`);
            const done = await client.objectStorage.uploadContext(access, entry.hash, async () => {
                await packContextEntry(contextDir, entry.archivePath, tarFile);
                return tarFile;
            });
            if (done === 'present')
                core/* info */.pq(`${label}: already in object storage (${entry.hash})`);
            else
                core/* info */.pq(`${label}: uploaded ${formatBytes((await (0,promises_.stat)(tarFile)).size)} (${entry.hash})`);
        }
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// EXTERNAL MODULE: ./lib/environment/key.js
var key = __webpack_require__(8114);
;// CONCATENATED MODULE: ./lib/environment/whole-context.js
// A Dockerfile that copies its whole build context (`COPY . .`, `ADD . /app`) makes every commit a new
// environment: the snapshot is named by what it copies, so each commit (and each size of a matrix) builds
// and stores a snapshot of its own. Worth a notice with what to do instead.



/** The first COPY/ADD that takes the whole context (`.`, `./`, `/`, `*`), if any. */
function wholeContextCopy(dockerfileText) {
    return copySources(dockerfileText).find((source) => {
        const path = external_node_path_.posix.normalize(source.source.replace(/^\/+/, '') || '.').replace(/\/+$/, '');
        return path === '.' || path === '*';
    });
}
function noticeWholeContextCopy(path, dockerfileText) {
    const copy = wholeContextCopy(dockerfileText);
    if (!copy)
        return;
    core/* notice */.lm(`${path} line ${copy.line} copies the whole build context into the image (${copy.keyword} ${copy.source}), ` +
        'so every commit is a new environment: a snapshot is built for every commit and every size. ' +
        'Copy only what installing the dependencies needs (e.g. COPY package.json package-lock.json ./ then ' +
        'RUN npm ci) and let the clone bring the code: the snapshot is then reused until the dependencies change.', { title: 'A snapshot per commit', file: path, startLine: copy.line });
}

;// CONCATENATED MODULE: ./lib/environment/dockerfile.js
// The repository's Dockerfile as a snapshot. The snapshot is named by everything that makes the
// environment: the Dockerfile's exact text, the content of every file its COPY/ADD take (hashed as
// Daytona's SDK does), the size and the region. The context is uploaded only when the snapshot is built.
// The Dockerfile comes from the workspace (after actions/checkout) or, without a checkout, from the
// commit under test through the GitHub REST API — which cannot supply a build context.







// One lazily loaded chunk for everything a Dockerfile needs (the parser, the context, this notice).

const GITHUB_TIMEOUT_MS = 15_000;
/**
 * The Dockerfile to build, or undefined for "none": the default `Dockerfile` that neither the workspace
 * nor the repository has. An explicit `dockerfile` input that exists nowhere is an error.
 */
async function findDockerfile(config, source, workspace, env = process.env) {
    const path = config.dockerfile;
    const local = await (0,promises_.readFile)((0,external_node_path_.resolve)(workspace, path), 'utf8').catch((err) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
            return undefined;
        throw new Error(`Could not read ${path} from the workspace: ${err.message}`);
    });
    if (local !== undefined)
        return { path, text: local, from: 'workspace' };
    const at = `${source.repository}${source.sha || source.ref ? `@${(source.sha || source.ref).slice(0, 12)}` : ''}`;
    const remote = await fetchFromGitHub(path, source, config.token, env);
    if (remote.found) {
        core/* info */.pq(`${path} is not in the workspace: using the one in ${at} (from the GitHub API).`);
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
    core/* warning */.$e(`No ${path} in the workspace, and ${why}: using Daytona's default snapshot. ` +
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
        const res = await (0,undici/* request */.Em)(url, {
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
        return { found: false, detail: (0,http/* errorCode */.CA)(err) ?? err.message };
    }
}
/** The snapshot spec for this Dockerfile: its content-derived name, buildInfo, and the context upload. */
async function prepareDockerfile(client, config, source, workspace, dockerfile) {
    const sources = copySources(dockerfile.text);
    if (dockerfile.from === 'github' && sources.length > 0) {
        const first = sources[0];
        throw new Error(`${dockerfile.path} copies files from the build context (line ${first.line}: ${first.keyword} ${first.source}), ` +
            'and this job has no copy of the repository: add actions/checkout before this step.');
    }
    const contextDir = (0,external_node_path_.resolve)(workspace, config.context ?? (0,external_node_path_.dirname)(config.dockerfile));
    const entries = await buildContext(contextDir, dockerfile.text, dockerfile.path);
    const contextHashes = entries.map((entry) => entry.hash);
    const name = (0,key/* snapshotName */.a)((0,key/* prefixOf */.M)(config, source), {
        dockerfile: dockerfile.text,
        contextHashes,
        resources: config.resources,
        region: config.target,
    });
    if (entries.length > 0) {
        const list = entries.map((e) => e.archivePath || '.').join(', ');
        core/* info */.pq(`${dockerfile.path}: build context ${list} → snapshot ${name}`);
    }
    return {
        name,
        buildInfo: { dockerfileContent: dockerfile.text, contextHashes },
        upload: entries.length > 0
            ? () => core/* group */.Os('Uploading the build context', () => uploadContext(client, contextDir, entries))
            : undefined,
    };
}


/***/ })

};
