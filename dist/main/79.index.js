export const id = 79;
export const ids = [79];
export const modules = {

/***/ 2079:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   prepareDockerfile: () => (/* binding */ prepareDockerfile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8390);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7956);
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8114);
// The repository's Dockerfile as a snapshot: its exact text (and, later, its build context) names it.





async function prepareDockerfile(_client, config, source, workspace) {
    const dockerfileContent = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, config.dockerfile), 'utf8');
    const copies = dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__.DockerfileParser.parse(dockerfileContent)
        .getInstructions()
        .filter((instruction) => ['COPY', 'ADD'].includes(instruction.getKeyword()));
    if (copies.length > 0)
        throw new Error(`${config.dockerfile}: COPY and ADD need a build context upload (not yet supported).`);
    const name = (0,_key_js__WEBPACK_IMPORTED_MODULE_4__/* .snapshotName */ .a)((0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .prefixOf */ .MT)(config, source), {
        dockerfile: dockerfileContent,
        resources: config.resources,
        region: config.target,
    });
    return { name, buildInfo: { dockerfileContent } };
}


/***/ })

};
