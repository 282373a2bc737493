export const id = 178;
export const ids = [178];
export const modules = {

/***/ 7178:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildContext: () => (/* binding */ buildContext),
  copySources: () => (/* binding */ copySources),
  uploadContext: () => (/* binding */ uploadContext)
});

// UNUSED EXPORTS: packContextEntry, sdkHashOf

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(8390);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/index.min.js
var index_min = __webpack_require__(8697);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./lib/printable.js
var printable = __webpack_require__(6072);
// EXTERNAL MODULE: ./lib/environment/context-files.js
var context_files = __webpack_require__(5596);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/environment/context-hash.js
// Two digests of one build-context entry:
//  - `key`, what snapshot names are made from: SHA-256 over a length-prefixed encoding of the archive path,
//    then of every entry's type, mode, path, link target and content, so that different contexts never
//    share a key. Every run computes it: it decides whether a snapshot exists;
//  - the SDK's MD5 (daytona-api.md §3.3), which names the tar in object storage and lets the server's build
//    dedupe recognise contexts uploaded by the SDK: MD5 over the archive path, then the file's bytes, or for
//    a directory each file's path relative to it + its bytes, and each empty directory's path; links are
//    skipped. It is ambiguous (paths and bytes run together, links are not in it), so it names nothing we
//    trust, and it is computed only by a job that builds (a second read of the files, against minutes of build).



const KIND_CODE = { file: 'f', directory: 'd', symlink: 'l' };
/** one read buffer for every file: fewer, larger reads than a stream's 64 KiB chunks */
const READ_BYTES = 1024 * 1024;
async function contextKey(contextRoot, archivePath, nodes) {
    const key = (0,external_node_crypto_.createHash)('sha256');
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    field(key, archivePath);
    for (const node of nodes) {
        field(key, KIND_CODE[node.kind]);
        field(key, node.mode.toString(8));
        field(key, node.relative);
        field(key, node.linkTarget ?? '');
        if (node.kind !== 'file')
            continue;
        key.update(context_hash_length(node.size));
        await hashFile((0,external_node_path_.join)(contextRoot, node.source), node.size, key, buffer);
    }
    return key.digest('hex');
}
async function sdkContextHash(contextRoot, archivePath, nodes) {
    const sdk = (0,external_node_crypto_.createHash)('md5').update(archivePath);
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const entryIsFile = nodes.length === 1 && nodes[0].kind === 'file';
    for (const node of nodes) {
        if (node.kind === 'directory' && node.empty)
            sdk.update(node.relative);
        if (node.kind !== 'file')
            continue;
        if (!entryIsFile)
            sdk.update(node.relative);
        await hashFile((0,external_node_path_.join)(contextRoot, node.source), node.size, sdk, buffer);
    }
    return sdk.digest('hex');
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
async function hashFile(path, size, hash, buffer) {
    let read = 0;
    const file = await (0,promises_.open)(path, 'r');
    try {
        for (;;) {
            const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            read += bytesRead;
            hash.update(buffer.subarray(0, bytesRead));
        }
    }
    finally {
        await file.close();
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
//  - key (ours, for snapshot names) on every run; the SDK's hash (for the server) only when uploading:
//    context-hash.ts;
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
    const contextRoot = await (0,context_files/* realPathOf */.dN)(contextDir);
    if (!contextRoot || !(await (0,promises_.stat)(contextRoot)).isDirectory()) {
        throw new Error(`${where(sources[0])}: the build context ${contextDir} is not a directory.`);
    }
    const workspaceRoot = opts.workspace ? await (0,context_files/* realPathOf */.dN)(opts.workspace) : contextRoot;
    if (!workspaceRoot || !(0,context_files/* isInside */.FK)(workspaceRoot, contextRoot)) {
        throw new context_files/* ContextEscapeError */.J3(`The build context ${contextDir} leads outside the workspace through a symbolic link: refusing to upload it.`);
    }
    const excluded = await (0,context_files/* loadExclusions */.iw)(contextRoot, opts.dockerfilePath, workspaceRoot);
    const entries = [];
    for (const source of sources) {
        for (const found of await expand(contextDir, contextRoot, source, where(source), excluded)) {
            if (entries.some((e) => e.archivePath === found.archivePath))
                continue;
            const nodes = await (0,context_files/* listSource */.Kq)(contextRoot, found.source, excluded);
            entries.push({ ...found, key: await contextKey(contextRoot, found.archivePath, nodes), nodes });
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
        if ((0,context_files/* hasGitDir */.Co)(archivePath)) {
            throw new context_files/* ContextEscapeError */.J3(`${where}: .git is never uploaded (after a checkout it holds the token).`);
        }
        const real = await (0,context_files/* realPathOf */.dN)((0,external_node_path_.join)(contextRoot, archivePath));
        if (!real)
            throw new Error(`${where}: no such file in the build context (${contextDir}).`);
        if (!(0,context_files/* isInside */.FK)(contextRoot, real)) {
            throw new context_files/* ContextEscapeError */.J3(`${where}: the source leads outside the build context through a symbolic link: refusing to upload it.`);
        }
        const resolved = (0,context_files/* toContextPath */.U7)(contextRoot, real);
        if ((0,context_files/* hasGitDir */.Co)(resolved)) {
            throw new context_files/* ContextEscapeError */.J3(`${where}: .git is never uploaded (after a checkout it holds the token).`);
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
    const cwd = (await (0,context_files/* realPathOf */.dN)(contextDir)) ?? contextDir;
    await (0,index_min.create)({
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
/** The SDK's hash of an entry (context-hash.ts): it names the entry's tar in object storage. */
async function sdkHashOf(contextDir, entry) {
    return sdkContextHash((await (0,context_files/* realPathOf */.dN)(contextDir)) ?? contextDir, entry.archivePath, entry.nodes);
}
/**
 * Puts every entry in Daytona's object storage, skipping those already there (by the SDK's hash, like the
 * SDK), and answers those hashes: the build's `contextHashes`.
 */
async function uploadContext(client, contextDir, entries) {
    const access = await client.objectStorage.pushAccess();
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'daytona-context-'));
    const hashes = [];
    try {
        for (const entry of entries) {
            // a COPY source is the pull request's text (JSON form allows any character)
            const label = (0,printable/* printable */.g)(entry.archivePath || '.');
            const hash = await sdkHashOf(contextDir, entry);
            const tarFile = (0,external_node_path_.join)(scratch, `${hash}.tar`);
            const done = await client.objectStorage.uploadContext(access, hash, async () => {
                await packContextEntry(contextDir, entry, tarFile);
                return tarFile;
            });
            if (done === 'present')
                core/* info */.pq(`${label}: already in object storage (${hash})`);
            else
                core/* info */.pq(`${label}: uploaded ${formatBytes((await (0,promises_.stat)(tarFile)).size)} (${hash})`);
            hashes.push(hash);
        }
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
    return hashes;
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
