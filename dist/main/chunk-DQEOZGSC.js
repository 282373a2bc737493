import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  __commonJS,
  __require
} from "./chunk-QLYWY7VR.js";

// builtin:stream/promises
var require_promises = __commonJS({
  "builtin:stream/promises"(exports, module) {
    module.exports = __require("node:stream/promises");
  }
});

export {
  require_promises
};
