import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  Daytona,
  LABEL_PREFIX,
  NotFoundError,
  assertWorkflowRun,
  escapeHtml,
  formatDuration,
  plural,
  runStatus
} from "./chunk-T6BXRN5F.js";
import "./chunk-DW7GAU4X.js";
import "./chunk-DQEOZGSC.js";
import {
  debug,
  info,
  notice,
  setFailed,
  setOutput,
  summary
} from "./chunk-IHAY7U6S.js";
import "./chunk-IO2VXFRS.js";
import "./chunk-3NDCYET4.js";
import "./chunk-QLYWY7VR.js";

// src/sweep.ts
var GOING = /* @__PURE__ */ new Set(["destroyed", "destroying"]);
async function sweep(config, event, now = Date.now()) {
  assertWorkflowRun(event);
  const client = new Daytona({ apiUrl: config.apiUrl, apiKey: config.apiKey, onRetry: debug });
  try {
    const orphans = await findOrphans(client, config, event, now);
    const failed = [];
    if (!config.dryRun) {
      for (const orphan of orphans) {
        try {
          await client.sandboxes.delete(orphan.sandbox.id);
        } catch (err) {
          if (!(err instanceof NotFoundError)) failed.push(errorText(orphan, err));
          continue;
        }
        info(`Deleted ${orphan.sandbox.name} (${orphan.reason}).`);
      }
    } else {
      for (const orphan of orphans) info(`Would delete ${orphan.sandbox.name} (${orphan.reason}).`);
    }
    const count = orphans.length - failed.length;
    const line = config.dryRun ? `Dry run: ${plural(orphans.length, "sandbox", "sandboxes")} of ${event.repository} would be deleted; set 'dry-run: false' to delete them.` : `Deleted ${plural(count, "sandbox", "sandboxes")} of ${event.repository}.`;
    notice(line, { title: "Sandbox sweep" });
    setOutput("swept", String(config.dryRun ? 0 : count));
    if (config.summary) await writeSweepSummary(orphans, line, config.dryRun);
    if (failed.length > 0) setFailed(`Could not delete ${failed.join("; ")}`);
  } finally {
    await client.close();
  }
}
async function findOrphans(client, config, event, now) {
  const labels = { [`${LABEL_PREFIX}repository`]: event.repository };
  const runs = /* @__PURE__ */ new Map();
  const orphans = [];
  for await (const sandbox of client.sandboxes.list({ labels })) {
    if (GOING.has(sandbox.state ?? "") || sandbox.desiredState === "destroyed") continue;
    const runId = sandbox.labels[`${LABEL_PREFIX}run-id`] ?? "";
    if (runId && runId === String(event.runId)) continue;
    const created = Date.parse(sandbox.createdAt ?? "");
    const ageMs = Number.isNaN(created) ? Number.POSITIVE_INFINITY : now - created;
    if (!runs.has(runId)) runs.set(runId, runStatus(event.repository, runId, config.token));
    const status = await runs.get(runId);
    if (status === "completed") {
      orphans.push({ sandbox, ageMs, reason: `run ${runId} has ended` });
    } else if (ageMs > config.olderThanMs) {
      const run = status ? `run ${runId} is ${status.replace(/_/g, " ")}` : `run ${runId || "?"} unknown to GitHub`;
      orphans.push({ sandbox, ageMs, reason: `older than ${formatDuration(config.olderThanMs)}; ${run}` });
    }
  }
  return orphans;
}
async function writeSweepSummary(orphans, line, dryRun) {
  const rows = orphans.map(({ sandbox, ageMs, reason }) => {
    const age = Number.isFinite(ageMs) ? formatDuration(Math.max(0, Math.round(ageMs / 1e3) * 1e3)) : "?";
    const cells = [sandbox.name, sandbox.state ?? "", age, reason].map(
      (cell) => escapeHtml(cell).replace(/\|/g, "\\|")
    );
    return `| ${cells.join(" | ")} |`;
  });
  const table = rows.length ? [
    "",
    `| sandbox | state | age | ${dryRun ? "would go because" : "deleted because"} |`,
    "| --- | --- | --- | --- |",
    ...rows
  ] : [];
  await summary.addRaw(["## Sandbox sweep", "", escapeHtml(line), ...table, ""].join("\n")).write();
}
function errorText(orphan, err) {
  return `${orphan.sandbox.name}: ${err instanceof Error ? err.message : String(err)}`;
}
export {
  findOrphans,
  sweep
};
