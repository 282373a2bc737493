export const id = 79;
export const ids = [79];
export const modules = {

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
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8114);
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
    // the Dockerfile parser, tar and glob load only when there is a Dockerfile: not before the first request
    const { buildContext, copySources, uploadContext } = await Promise.all(/* import() */[__webpack_require__.e(56), __webpack_require__.e(158)]).then(__webpack_require__.bind(__webpack_require__, 6158));
    const sources = copySources(dockerfile.text);
    if (dockerfile.from === 'github' && sources.length > 0) {
        const first = sources[0];
        throw new Error(`${dockerfile.path} copies files from the build context (line ${first.line}: ${first.keyword} ${first.source}), ` +
            'and this job has no copy of the repository: add actions/checkout before this step.');
    }
    const contextDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, config.context ?? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(config.dockerfile));
    const entries = await buildContext(contextDir, dockerfile.text, dockerfile.path);
    const contextHashes = entries.map((entry) => entry.hash);
    const name = (0,_key_js__WEBPACK_IMPORTED_MODULE_5__/* .snapshotName */ .a)((0,_key_js__WEBPACK_IMPORTED_MODULE_5__/* .prefixOf */ .M)(config, source), {
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
            ? () => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .group */ .Os('Uploading the build context', () => uploadContext(client, contextDir, entries))
            : undefined,
    };
}


/***/ })

};
