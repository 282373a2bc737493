export const id = 64;
export const ids = [64];
export const modules = {

/***/ 2064:
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
// EXTERNAL MODULE: ./lib/github-context.js
var github_context = __webpack_require__(5786);
// EXTERNAL MODULE: ./lib/printable.js
var printable = __webpack_require__(6072);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(8390);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/index.min.js
var index_min = __webpack_require__(8697);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(4158);
;// CONCATENATED MODULE: ./lib/environment/context-files.js
// Which files of the workspace a build context may take. Everything here is the pull request's: a symlink
// may point anywhere on the runner, a .dockerignore may say anything. So:
//  - every source, the context directory, the Dockerfile and the .dockerignore are resolved with realpath
//    and must stay inside the context (the workspace, for the first three); a refusal names the Dockerfile's
//    own words, never where a link leads;
//  - below a source nothing is followed: a link is listed (and packed) as a link;
//  - `.git` never goes, at any depth: after actions/checkout its config holds the workflow's token;
//  - .dockerignore (or <Dockerfile>.dockerignore beside the Dockerfile, as BuildKit reads it) is honoured
//    with Docker's own matching rules, `!` exceptions included.



// CommonJS whose module.exports is the factory, though its types declare an ES default export
const dockerignore = ignore;
/** A path the pull request controls escapes where it must stay. Its message never says where it leads. */
class ContextEscapeError extends Error {
    name = 'ContextEscapeError';
}
/** The real path of `path`, or undefined when it does not exist. */
async function realPathOf(path) {
    return (0,promises_.realpath)(path).catch((err) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP')
            return undefined;
        throw err;
    });
}
/** Whether `path` (real) is `root` (real) or below it. */
function isInside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!rel.startsWith(`..${external_node_path_.sep}`) && rel !== '..' && !rel.startsWith(external_node_path_.sep));
}
/** `path` relative to `root` with '/', '' for the root itself. */
function toContextPath(root, path) {
    return (0,external_node_path_.relative)(root, path).split(external_node_path_.sep).join('/');
}
function hasGitDir(contextPath) {
    return contextPath.split('/').includes('.git');
}
/**
 * What the context leaves out: `.git` anywhere, and whatever the ignore file excludes. The ignore file is
 * `<dockerfile>.dockerignore` beside the Dockerfile when there is one (it must stay in the workspace, like the
 * Dockerfile), else the context's `.dockerignore` (which must stay in the context).
 */
async function loadExclusions(contextRoot, dockerfilePath, workspaceRoot = contextRoot) {
    const candidates = [
        { path: (0,external_node_path_.join)(contextRoot, '.dockerignore'), root: contextRoot, where: 'build context' },
    ];
    if (dockerfilePath) {
        const beside = (0,external_node_path_.join)(dockerfilePath, '..', `${(0,external_node_path_.basename)(dockerfilePath)}.dockerignore`);
        candidates.unshift({ path: beside, root: workspaceRoot, where: 'workspace' });
    }
    for (const { path: candidate, root, where } of candidates) {
        const real = await realPathOf(candidate);
        if (!real)
            continue;
        if (!isInside(root, real)) {
            throw new ContextEscapeError(`${(0,external_node_path_.basename)(candidate)} is a symbolic link that leads outside the ${where}: refusing to read it.`);
        }
        const rules = dockerignore({ ignorecase: false }).add(await (0,promises_.readFile)(real, 'utf8'));
        return (path) => hasGitDir(path) || (path !== '' && rules.ignores(path));
    }
    return hasGitDir;
}
/**
 * Lists the source at `source` (relative to the real context root, itself real) and everything below it,
 * without following any link, leaving out what `excluded` says.
 */
async function listSource(contextRoot, source, excluded) {
    const nodes = [];
    const top = await describe(contextRoot, source, '');
    if (!top)
        return nodes;
    if (top.kind === 'directory')
        await listDirectory(contextRoot, top, excluded, nodes);
    else
        nodes.push(top);
    return nodes;
}
async function listDirectory(contextRoot, dir, excluded, nodes) {
    // readdir returns names in byte order (libuv's scandir), as the SDK's readdirSync does
    const children = [];
    for (const name of await (0,promises_.readdir)((0,external_node_path_.join)(contextRoot, dir.source))) {
        const source = dir.source ? `${dir.source}/${name}` : name;
        if (excluded(source))
            continue;
        const child = await describe(contextRoot, source, dir.relative ? `${dir.relative}/${name}` : name);
        if (child)
            children.push(child);
    }
    nodes.push({ ...dir, empty: !children.some((c) => c.kind !== 'symlink') });
    for (const child of children) {
        if (child.kind === 'directory')
            await listDirectory(contextRoot, child, excluded, nodes);
        else
            nodes.push(child);
    }
}
/** The node at `source`, or undefined for what a build context cannot hold (sockets, devices). */
async function describe(contextRoot, source, rel) {
    const absolute = (0,external_node_path_.join)(contextRoot, source);
    const stats = await (0,promises_.lstat)(absolute);
    const base = { source, relative: rel, mode: stats.mode & 0o7777, size: stats.size };
    if (stats.isSymbolicLink())
        return { ...base, kind: 'symlink', linkTarget: await (0,promises_.readlink)(absolute) };
    if (stats.isDirectory())
        return { ...base, kind: 'directory', size: 0 };
    if (stats.isFile())
        return { ...base, kind: 'file' };
    return undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./lib/environment/context-hash.js
// Two digests of one build-context entry, computed in one read of its files:
//  - `hash`, the SDK's MD5 (daytona-api.md §3.3), which names the tar in object storage and lets the server's
//    build dedupe recognise contexts uploaded by the SDK: MD5 over the archive path, then the file's bytes,
//    or for a directory each file's path relative to it + its bytes, and each empty directory's path; links
//    are skipped. It is ambiguous (paths and bytes run together, links are not in it), so it names nothing
//    we trust;
//  - `key`, what snapshot names are made from: SHA-256 over a length-prefixed encoding of the archive path,
//    then of every entry's type, mode, path, link target and content, so that different contexts never
//    share a key.



const KIND_CODE = { file: 'f', directory: 'd', symlink: 'l' };
async function hashNodes(contextRoot, archivePath, nodes) {
    const sdk = (0,external_node_crypto_.createHash)('md5').update(archivePath);
    const key = (0,external_node_crypto_.createHash)('sha256');
    field(key, archivePath);
    const entryIsFile = nodes.length === 1 && nodes[0].kind === 'file';
    for (const node of nodes) {
        field(key, KIND_CODE[node.kind]);
        field(key, node.mode.toString(8));
        field(key, node.relative);
        field(key, node.linkTarget ?? '');
        if (node.kind === 'directory' && node.empty)
            sdk.update(node.relative);
        if (node.kind !== 'file')
            continue;
        if (!entryIsFile)
            sdk.update(node.relative);
        key.update(context_hash_length(node.size));
        await hashFile((0,external_node_path_.join)(contextRoot, node.source), node.size, sdk, key);
    }
    return { hash: sdk.digest('hex'), key: key.digest('hex') };
}
function field(hash, text) {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(context_hash_length(bytes.length)).update(bytes);
}
function context_hash_length(n) {
    const prefix = Buffer.alloc(8);
    prefix.writeBigUInt64BE(BigInt(n));
    return prefix;
}
async function hashFile(path, size, ...hashes) {
    let read = 0;
    for await (const chunk of (0,external_node_fs_.createReadStream)(path)) {
        read += chunk.length;
        for (const hash of hashes)
            hash.update(chunk);
    }
    // the length went into the key before the bytes: a file that changed since must not slip through
    if (read !== size)
        throw new Error(`${path} changed while the build context was read; run again.`);
}

;// CONCATENATED MODULE: ./lib/environment/context.js
// The build context of a Dockerfile: only what its COPY/ADD instructions take (within the context, without
// .git, minus what .dockerignore excludes: context-files.ts), hashed and packed the way Daytona's SDK does
// (daytona-api.md §3.3), so the server's build dedupe recognises contexts uploaded by anyone using the SDK.
//  - one entry per source (globs expanded); its archivePath is the source relative to the context dir;
//  - hash (the SDK's, for the server) and key (ours, for snapshot names): context-hash.ts;
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
async function buildContext(contextDir, dockerfileText, opts = {}) {
    const sources = copySources(dockerfileText);
    if (sources.length === 0)
        return [];
    const where = (s) => `${opts.dockerfileName ?? 'Dockerfile'} line ${s.line} (${s.keyword} ${s.source})`;
    const contextRoot = await realPathOf(contextDir);
    if (!contextRoot || !(await (0,promises_.stat)(contextRoot)).isDirectory()) {
        throw new Error(`${where(sources[0])}: the build context ${contextDir} is not a directory.`);
    }
    const workspaceRoot = opts.workspace ? await realPathOf(opts.workspace) : contextRoot;
    if (!workspaceRoot || !isInside(workspaceRoot, contextRoot)) {
        throw new ContextEscapeError(`The build context ${contextDir} leads outside the workspace through a symbolic link: refusing to upload it.`);
    }
    const excluded = await loadExclusions(contextRoot, opts.dockerfilePath, workspaceRoot);
    const entries = [];
    for (const source of sources) {
        for (const found of await expand(contextDir, contextRoot, source, where(source), excluded)) {
            if (entries.some((e) => e.archivePath === found.archivePath))
                continue;
            const nodes = await listSource(contextRoot, found.source, excluded);
            entries.push({ ...found, ...(await hashNodes(contextRoot, found.archivePath, nodes)), nodes });
        }
    }
    return entries;
}
/** A COPY source's entries: where each is really (inside the context), and the name the Dockerfile uses. */
async function expand(contextDir, contextRoot, source, where, excluded) {
    if (source.source.includes('$')) {
        throw new Error(`${where}: sources with variables cannot be resolved before the build; name the path.`);
    }
    // Docker reads an absolute source relative to the context root, and never leaves the context
    const path = external_node_path_.posix.normalize(source.source.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (path === '..' || path.startsWith('../')) {
        throw new Error(`${where}: the source is outside the build context (${contextDir}).`);
    }
    const named = GLOB.test(path)
        ? (await (0,dist/* glob */.TI)([path], {
            cwd: contextRoot,
            dot: true,
            onlyFiles: false,
            expandDirectories: false,
            // a link is then not matched at all (Docker would match it and follow it if it stays inside)
            followSymbolicLinks: false,
        }))
            .map((m) => m.replace(/\/+$/, ''))
            .filter((m) => !excluded(m))
            .sort()
        : [path === '.' ? '' : path];
    if (named.length === 0)
        throw new Error(`${where}: no file in the build context (${contextDir}) matches.`);
    const found = [];
    for (const archivePath of named) {
        if (hasGitDir(archivePath)) {
            throw new ContextEscapeError(`${where}: .git is never uploaded (after a checkout it holds the token).`);
        }
        const real = await realPathOf((0,external_node_path_.join)(contextRoot, archivePath));
        if (!real)
            throw new Error(`${where}: no such file in the build context (${contextDir}).`);
        if (!isInside(contextRoot, real)) {
            throw new ContextEscapeError(`${where}: the source leads outside the build context through a symbolic link: refusing to upload it.`);
        }
        const resolved = toContextPath(contextRoot, real);
        if (hasGitDir(resolved)) {
            throw new ContextEscapeError(`${where}: .git is never uploaded (after a checkout it holds the token).`);
        }
        if (excluded(archivePath) || excluded(resolved)) {
            throw new Error(`${where}: the source is excluded by .dockerignore, so a build cannot use it.`);
        }
        found.push({ archivePath, source: resolved });
    }
    return found;
}
/**
 * Writes the entry's tar (uncompressed, portable) to `file`: exactly the listed nodes, links as links, each
 * named by the archive path the Dockerfile uses followed by its path below it.
 */
async function packContextEntry(contextDir, entry, file) {
    const names = new Map();
    for (const node of entry.nodes) {
        if (node.relative === '' && entry.archivePath === '')
            continue; // COPY .: the root's children, not the root
        const name = external_node_path_.posix.join(entry.archivePath, node.relative);
        names.set(node.source || '.', node.kind === 'directory' ? `${name}/` : name);
    }
    // an empty archive is two zero blocks; tar refuses an empty path list
    if (names.size === 0)
        return (0,promises_.writeFile)(file, Buffer.alloc(1024));
    const cwd = (await realPathOf(contextDir)) ?? contextDir;
    await (0,index_min/* create */.vt)({
        cwd,
        file,
        portable: true,
        gzip: false,
        noDirRecurse: true,
        onWriteEntry: (written) => {
            const name = names.get(written.path.replace(/\/+$/, ''));
            if (name === undefined)
                throw new Error(`${written.path} is not part of the build context.`);
            written.path = name;
        },
    }, [...names.keys()]);
}
/** Puts every entry in Daytona's object storage, skipping those already there (by hash, like the SDK). */
async function uploadContext(client, contextDir, entries) {
    const access = await client.objectStorage.pushAccess();
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'daytona-context-'));
    try {
        for (const entry of entries) {
            // a COPY source is the pull request's text (JSON form allows any character)
            const label = (0,printable/* printable */.g)(entry.archivePath || '.');
            const tarFile = (0,external_node_path_.join)(scratch, `${entry.hash}.tar`);
            const done = await client.objectStorage.uploadContext(access, entry.hash, async () => {
                await packContextEntry(contextDir, entry, tarFile);
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
    const local = await readLocal(workspace, path);
    if (local !== undefined) {
        (0,github_context/* assertWorkspaceTrusted */.bq)(source, config.allowFork, path);
        return { path, text: local, from: 'workspace' };
    }
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
/**
 * The workspace's Dockerfile, read through its real path, which must stay in the workspace: a link to a runner
 * file would otherwise come back in the build log. Undefined when there is none.
 */
async function readLocal(workspace, path) {
    const real = await realPathOf((0,external_node_path_.resolve)(workspace, path));
    if (!real)
        return undefined;
    const root = (await realPathOf(workspace)) ?? workspace;
    if (!isInside(root, real)) {
        throw new ContextEscapeError(`${path} leads outside the workspace through a symbolic link: refusing to read it as the Dockerfile.`);
    }
    return (0,promises_.readFile)(real, 'utf8').catch((err) => {
        if (err.code === 'EISDIR')
            throw new Error(`Input 'dockerfile' names ${path}, which is a directory.`);
        throw new Error(`Could not read ${path} from the workspace (${err.code ?? 'error'}).`);
    });
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
    const entries = await buildContext(contextDir, dockerfile.text, {
        dockerfileName: dockerfile.path,
        dockerfilePath: (0,external_node_path_.resolve)(workspace, dockerfile.path),
        workspace,
    });
    const contextHashes = entries.map((entry) => entry.hash);
    const name = (0,key/* snapshotName */.aN)((0,key/* prefixOf */.MT)(config, source), {
        dockerfile: dockerfile.text,
        contextKeys: entries.map((entry) => entry.key),
        resources: config.resources,
        region: config.target,
        trust: (0,key/* trustOf */.An)(source),
    });
    if (entries.length > 0) {
        const list = entries.map((e) => e.archivePath || '.').join(', ');
        core/* info */.pq((0,printable/* printable */.g)(`${dockerfile.path}: build context ${list} → snapshot ${name}`));
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
