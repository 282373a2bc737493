import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);

// src/saved-state.ts
var STATE_KEYS = {
  apiUrl: "api-url",
  name: "sandbox-name",
  id: "sandbox-id",
  /** 'deleted', 'kept' or 'none': main settled the sandbox's fate, post has nothing to do */
  settled: "sandbox-settled"
};
var state = (key) => process.env[`STATE_${key}`] ?? "";
var savedState = {
  apiUrl: () => state(STATE_KEYS.apiUrl),
  sandbox: () => ({
    id: state(STATE_KEYS.id) || void 0,
    name: state(STATE_KEYS.name) || void 0
  }),
  settled: () => state(STATE_KEYS.settled),
  /** a sandbox main did not settle: post must delete it */
  leftover() {
    const sandbox = this.sandbox();
    return this.settled() || !sandbox.id && !sandbox.name ? void 0 : sandbox;
  }
};

export {
  STATE_KEYS,
  savedState
};
