export const id = 290;
export const ids = [290];
export const modules = {

/***/ 9290:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   addJUnit: () => (/* binding */ addJUnit),
/* harmony export */   emptyReport: () => (/* binding */ emptyReport)
/* harmony export */ });
/* unused harmony export repoRelative */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1143);
// JUnit XML, as the common tools write it (jest-junit, vitest, pytest, go-junit-report, Maven surefire):
// <testsuites>/<testsuite> (nested or not) holding <testcase>s, each passed unless it has a <failure> or
// <error> (failed) or <skipped> (skipped) child. The suite totals are not trusted: the cases are counted.
// The report comes from the pull request: it is parsed with entity limits and every string is capped.


/** Kept per report; the summary and annotations show far fewer. */
const MAX_FAILURES_KEPT = 200;
const MAX_NAME_CHARS = 300;
const MAX_MESSAGE_CHARS = 4000;
const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__/* ["default"] */ .A({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // the dialects' structural elements, always arrays so one case and many read alike
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
    processEntities: { enabled: true, maxEntityCount: 20, maxTotalExpansions: 10_000 },
});
function emptyReport() {
    return { passed: 0, failed: 0, skipped: 0, total: 0, failures: [], unreadable: [] };
}
function text(value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value))
        return value.map(text).filter(Boolean).join('\n');
    if (typeof value === 'object')
        return text(value['#text']);
    return '';
}
function cap(value, max) {
    return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
function children(node, name) {
    const value = node[name];
    if (!Array.isArray(value))
        return [];
    return value.map((child) => (child && typeof child === 'object' ? child : { '#text': child }));
}
function* casesOf(node, suite) {
    for (const testcase of children(node, 'testcase'))
        yield { testcase, suite };
    for (const child of children(node, 'testsuite')) {
        yield* casesOf(child, {
            file: text(child.file) || text(child.filepath) || suite.file,
            zeroBasedLines: suite.zeroBasedLines || text(child.name) === 'pytest',
        });
    }
}
// `path/to/file.ext:12` in a message or stack, for reports without file/line attributes
const FILE_LINE = /(?:^|[\s("'])(\/?(?:[\w.@-]+\/)*[\w.@-]+\.[A-Za-z]{1,6}):(\d+)(?::\d+)?/gm;
/** A report's path as one relative to the clone, or undefined when it points elsewhere. */
function repoRelative(clone, file) {
    let path = file.trim().replace(/^file:\/\//, '');
    if (!path || /\p{Cc}/u.test(path))
        return undefined;
    if (path.startsWith('/')) {
        if (!path.startsWith(`${clone}/`))
            return undefined;
        path = path.slice(clone.length + 1);
    }
    const normal = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(path);
    if (normal === '.' || normal === '..' || normal.startsWith('../') || normal.startsWith('/'))
        return undefined;
    return normal;
}
function location(clone, testcase, suite, details) {
    const file = text(testcase.file) || suite.file;
    const lineAttr = Number.parseInt(text(testcase.line), 10) + (suite.zeroBasedLines ? 1 : 0);
    const fromAttrs = file ? repoRelative(clone, file) : undefined;
    if (fromAttrs && lineAttr > 0)
        return { file: fromAttrs, line: lineAttr };
    // Look for file:line in the message; prefer a mention of the case's own file.
    const mentions = [...details.matchAll(FILE_LINE)]
        .map((match) => ({ file: repoRelative(clone, match[1]), line: Number(match[2]) }))
        .filter((mention) => !!mention.file && mention.line > 0);
    const own = fromAttrs && mentions.find((mention) => mention.file === fromAttrs);
    const picked = own || (fromAttrs ? undefined : mentions.find((m) => !m.file.includes('node_modules/')));
    if (picked)
        return picked;
    return fromAttrs ? { file: fromAttrs } : {};
}
/** Adds one report's cases to `into`. Throws when the text is not XML. */
function addJUnit(into, xml, clone) {
    const root = parser.parse(xml, true);
    const top = {
        testsuite: [
            ...children(root, 'testsuite'),
            ...(root.testsuites && typeof root.testsuites === 'object' ? [root.testsuites] : []),
        ],
    };
    for (const { testcase, suite } of casesOf(top, { zeroBasedLines: false })) {
        into.total++;
        const problems = [...children(testcase, 'failure'), ...children(testcase, 'error')];
        if (problems.length > 0) {
            into.failed++;
            if (into.failures.length >= MAX_FAILURES_KEPT)
                continue;
            const first = problems[0];
            const message = text(first.message).trim();
            const body = text(first).trim();
            const details = [message, body].filter(Boolean).join('\n');
            const classname = text(testcase.classname).trim();
            const name = text(testcase.name).trim() || '(unnamed test)';
            into.failures.push({
                name: cap(classname && classname !== name ? `${classname} › ${name}` : name, MAX_NAME_CHARS),
                message: cap(details || text(first.type) || 'failed', MAX_MESSAGE_CHARS),
                ...location(clone, testcase, suite, details),
            });
        }
        else if (children(testcase, 'skipped').length > 0)
            into.skipped++;
        else
            into.passed++;
    }
}


/***/ })

};
