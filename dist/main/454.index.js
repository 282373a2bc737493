export const id = 454;
export const ids = [454];
export const modules = {

/***/ 6454:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   packScript: () => (/* binding */ packScript),
/* harmony export */   restoreSandboxCache: () => (/* binding */ restoreSandboxCache),
/* harmony export */   saveSandboxCache: () => (/* binding */ saveSandboxCache)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(973);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3838);
/* harmony import */ var _sandbox_tar_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(286);
/* harmony import */ var _shell_exec_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(983);
// The dependency cache, loaded only when `cache-paths` is set: restored from GitHub's cache into the sandbox
// before the commands, saved from the sandbox after them. The sandbox packs `~/…` paths relative to its home
// (resolved by its shell: the next sandbox's home may be elsewhere) and absolute ones relative to /, one tar.gz
// each. On the runner those archives are what @actions/cache stores, in a RUNNER_TEMP directory named after
// the paths: the library's version is a hash of the directory's path, so it changes when cache-paths does
// (and stays put while RUNNER_TEMP does, as on GitHub's runners). Nothing here fails the run: a cache that
// cannot be restored or saved is a warning, as it is with actions/cache.








/** The archives' names, in the sandbox's work dir and in the runner directory @actions/cache stores. */
const HOME_ARCHIVE = '.daytona-action-cache-home.tar.gz';
const ROOT_ARCHIVE = '.daytona-action-cache-root.tar.gz';
const ARCHIVES = [HOME_ARCHIVE, ROOT_ARCHIVE];
/** Restores into the sandbox and sets the `cache-hit` output. */
async function restoreSandboxCache(toolbox, config) {
    const restored = await restore(toolbox, config);
    _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH('cache-hit', String(restored.hit));
    return restored;
}
async function restore(toolbox, config) {
    const dir = await freshDirectory(config);
    try {
        if (!_actions_cache__WEBPACK_IMPORTED_MODULE_4__/* .isFeatureAvailable */ .w3()) {
            _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e('The GitHub cache service is not available to this job, so the cache is not restored.', {
                title: 'No dependency cache',
            });
            return { hit: false };
        }
        const matchedKey = await _actions_cache__WEBPACK_IMPORTED_MODULE_4__/* .restoreCache */ .P3([dir], config.cacheKey, [...config.cacheRestoreKeys]);
        if (!matchedKey) {
            _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`No cache for key ${config.cacheKey}${restoreKeysNote(config)}.`);
            return { hit: false };
        }
        const archives = await present(dir);
        const size = (await Promise.all(archives.map((name) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name))))).reduce((n, s) => n + s.size, 0);
        _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`Unpacking the cache ${matchedKey} (${size} bytes) into the sandbox…`);
        await toolbox.files.upload(archives.map((name) => ({ source: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name), destination: name })));
        await (0,_sandbox_tar_js__WEBPACK_IMPORTED_MODULE_6__/* .runTarScript */ .w)(toolbox, unpackScript(archives), 'unpack the cache');
        return { matchedKey, hit: matchedKey === config.cacheKey };
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`Could not restore the cache: ${message(error)}`, { title: 'Cache not restored' });
        return { hit: false };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
    }
}
/** After commands that all succeeded, when the key was not an exact hit. */
async function saveSandboxCache(toolbox, config) {
    const dir = await freshDirectory(config);
    try {
        const made = (await (0,_sandbox_tar_js__WEBPACK_IMPORTED_MODULE_6__/* .runTarScript */ .w)(toolbox, packScript(config.cachePaths), 'pack the cache'))
            .split('\n')
            .filter((line) => ARCHIVES.includes(line));
        if (made.length === 0) {
            _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`None of the cache paths exist in the sandbox: ${config.cachePaths.join(', ')}. Nothing saved.`, {
                title: 'Cache not saved',
            });
            return;
        }
        const workDir = await toolbox.workDir();
        let size = 0;
        for (const name of made) {
            const remote = node_path__WEBPACK_IMPORTED_MODULE_3__.posix.join(workDir, name);
            await toolbox.files.downloadTo(remote, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name));
            await toolbox.files.delete(remote).catch(() => undefined);
            size += (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name))).size;
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`Saving the cache ${config.cacheKey} (${size} bytes)…`);
        const id = await _actions_cache__WEBPACK_IMPORTED_MODULE_4__/* .saveCache */ .Io([dir], config.cacheKey);
        if (id === -1)
            _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`The cache ${config.cacheKey} was not saved (see the messages above).`);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`Could not save the cache: ${message(error)}`, { title: 'Cache not saved' });
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
    }
}
/**
 * Packs the paths that exist: `~/…` ones relative to the sandbox home (the next sandbox's home may be elsewhere),
 * absolute ones relative to /, into one archive each. Prints the archives made: nothing when no path exists.
 */
function packScript(paths) {
    const home = paths
        .filter((path) => path === '~' || path.startsWith('~/'))
        .map((path) => path.slice(2) || '.');
    const root = paths.filter((path) => path.startsWith('/')).map((path) => path.slice(1));
    const pack = (archive, base, relative) => relative.length === 0
        ? ''
        : [
            `cd ${base}`,
            'set --',
            `for p in ${relative.map(_shell_exec_text_js__WEBPACK_IMPORTED_MODULE_7__/* .shellQuote */ .ZL).join(' ')}; do if [ -e "$p" ] || [ -L "$p" ]; then set -- "$@" "$p"; fi; done`,
            `if [ "$#" -gt 0 ]; then tar -czf "$w/${archive}" -- "$@"; echo ${archive}; fi`,
        ].join('\n');
    return ['set -e', 'w="$PWD"', pack(HOME_ARCHIVE, '"$HOME"', home), pack(ROOT_ARCHIVE, '/', root)]
        .filter(Boolean)
        .join('\n');
}
/** Unpacks what was uploaded to the work dir, each archive where it was packed from, and removes it. */
function unpackScript(archives) {
    return [
        'set -e',
        'w="$PWD"',
        ...archives.map((archive) => `tar -xzf "$w/${archive}" -C ${archive === HOME_ARCHIVE ? '"$HOME"' : '/'}; rm -f -- "$w/${archive}"`),
    ].join('\n');
}
/** A runner directory named after the paths: the library's cache version is a hash of it. */
async function freshDirectory(config) {
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(JSON.stringify(config.cachePaths)).digest('hex').slice(0, 16);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), `daytona-cache-${digest}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
    return dir;
}
/** The archives a restored entry holds (an entry with neither is not ours: nothing to unpack). */
async function present(dir) {
    const found = await Promise.all(ARCHIVES.map((name) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name)).then(() => name, () => undefined)));
    const archives = found.filter((name) => name !== undefined);
    if (archives.length === 0)
        throw new Error('the cache entry holds no sandbox archive');
    return archives;
}
function restoreKeysNote(config) {
    return config.cacheRestoreKeys.length ? ` or restore keys ${config.cacheRestoreKeys.join(', ')}` : '';
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ })

};
