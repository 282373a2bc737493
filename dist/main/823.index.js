export const id = 823;
export const ids = [823];
export const modules = {

/***/ 3823:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sweep: () => (/* binding */ sweep)
/* harmony export */ });
/* unused harmony export findOrphans */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _daytona_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5535);
/* harmony import */ var _daytona_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7679);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1999);
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2237);
/* harmony import */ var _github_context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5786);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7703);
// `mode: cleanup`, for a scheduled workflow: the orphan sweep. Cleanup has one owner per job (cleanup.ts), but a
// runner that vanished takes its post step with it, and the server-side backstop only stops an idle sandbox.
// This finds the repository's sandboxes by the labels this action puts on them and deletes those whose run
// has ended (GitHub says so) or that are older than `older-than`. Dry-run by default: it lists, in the log
// and the step summary, what it would delete.







/** Already on their way out: nothing to do. */
const GOING = new Set(['destroyed', 'destroying']);
async function sweep(config, event, now = Date.now()) {
    (0,_github_context_js__WEBPACK_IMPORTED_MODULE_5__/* .assertWorkflowRun */ .Rn)(event);
    const client = new _daytona_client_js__WEBPACK_IMPORTED_MODULE_1__/* .Daytona */ .d({ apiUrl: config.apiUrl, apiKey: config.apiKey, onRetry: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz });
    try {
        const orphans = await findOrphans(client, config, event, now);
        const failed = [];
        if (!config.dryRun) {
            for (const orphan of orphans) {
                try {
                    await client.sandboxes.delete(orphan.sandbox.id);
                }
                catch (err) {
                    // 404: it went by itself meanwhile, which is what we wanted.
                    if (!(err instanceof _daytona_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .NotFoundError */ .m_))
                        failed.push(errorText(orphan, err));
                    continue;
                }
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Deleted ${orphan.sandbox.name} (${orphan.reason}).`);
            }
        }
        else {
            for (const orphan of orphans)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Would delete ${orphan.sandbox.name} (${orphan.reason}).`);
        }
        const count = orphans.length - failed.length;
        const line = config.dryRun
            ? `Dry run: ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .LS)(orphans.length, 'sandbox', 'sandboxes')} of ${event.repository} would be deleted; set 'dry-run: false' to delete them.`
            : `Deleted ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .LS)(count, 'sandbox', 'sandboxes')} of ${event.repository}.`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(line, { title: 'Sandbox sweep' });
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('swept', String(config.dryRun ? 0 : count));
        if (config.summary)
            await writeSweepSummary(orphans, line, config.dryRun);
        if (failed.length > 0)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Could not delete ${failed.join('; ')}`);
        // Stryker disable next-line BlockStatement: open connections only delay the process's exit until they idle out, seen only as time
    }
    finally {
        await client.close();
    }
}
/** This repository's sandboxes made by this action whose run has ended or that are older than older-than. */
async function findOrphans(client, config, event, now) {
    const labels = { [`${_github_context_js__WEBPACK_IMPORTED_MODULE_5__/* .LABEL_PREFIX */ .Ag}repository`]: event.repository };
    const runs = new Map();
    const orphans = [];
    for await (const sandbox of client.sandboxes.list({ labels })) {
        // Stryker disable next-line StringLiteral: a list item always has a state; no stand-in is one of GOING
        if (GOING.has(sandbox.state ?? '') || sandbox.desiredState === 'destroyed')
            continue;
        const runId = sandbox.labels[`${_github_context_js__WEBPACK_IMPORTED_MODULE_5__/* .LABEL_PREFIX */ .Ag}run-id`] ?? '';
        // The sweep's own run holds no sandbox of its own, but a job of the same run might: never touch it.
        if (runId && runId === String(event.runId))
            continue;
        // Stryker disable next-line StringLiteral: any stand-in for a missing createdAt parses as NaN too
        const created = Date.parse(sandbox.createdAt ?? '');
        const ageMs = Number.isNaN(created) ? Number.POSITIVE_INFINITY : now - created;
        if (!runs.has(runId))
            runs.set(runId, (0,_github_api_js__WEBPACK_IMPORTED_MODULE_4__/* .runStatus */ .em)(event.repository, runId, config.token));
        const status = await runs.get(runId);
        if (status === 'completed') {
            orphans.push({ sandbox, ageMs, reason: `run ${runId} has ended` });
        }
        else if (ageMs > config.olderThanMs) {
            const run = status
                ? `run ${runId} is ${status.replace(/_/g, ' ')}`
                : `run ${runId || '?'} unknown to GitHub`;
            orphans.push({ sandbox, ageMs, reason: `older than ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a)(config.olderThanMs)}; ${run}` });
        }
    }
    return orphans;
}
async function writeSweepSummary(orphans, line, dryRun) {
    const rows = orphans.map(({ sandbox, ageMs, reason }) => {
        // Stryker disable next-line StringLiteral: the API always gives createdAt; '?' is for a record without one
        const age = Number.isFinite(ageMs) ? (0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a)(Math.max(0, Math.round(ageMs / 1000) * 1000)) : '?';
        // Stryker disable next-line StringLiteral: a list item always has a state
        const cells = [sandbox.name, sandbox.state ?? '', age, reason].map((cell) => (0,_report_format_js__WEBPACK_IMPORTED_MODULE_6__/* .escapeHtml */ .ZD)(cell).replace(/\|/g, '\\|'));
        return `| ${cells.join(' | ')} |`;
    });
    const table = rows.length
        ? [
            '',
            `| sandbox | state | age | ${dryRun ? 'would go because' : 'deleted because'} |`,
            '| --- | --- | --- | --- |',
            ...rows,
        ]
        : [];
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(['## Sandbox sweep', '', (0,_report_format_js__WEBPACK_IMPORTED_MODULE_6__/* .escapeHtml */ .ZD)(line), ...table, ''].join('\n')).write();
}
function errorText(orphan, err) {
    return `${orphan.sandbox.name}: ${err instanceof Error ? err.message : String(err)}`;
}


/***/ })

};
