import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);
import {
  savedState
} from "./chunk-3I3RMMK7.js";
import "./chunk-UCGQUMOC.js";

// src/post.ts
var leftover = savedState.leftover();
if (leftover) {
  const { deleteLeftover } = await import("./cleanup-IJO3CXIC.js");
  await deleteLeftover(leftover, savedState.apiUrl());
}
