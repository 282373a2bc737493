import { createRequire as __createRequire } from 'node:module';
import { dirname as __pathDirname } from 'node:path';
import { fileURLToPath as __fileURLToPath } from 'node:url';
const require = __createRequire(import.meta.url);
const __bundleFilename = __fileURLToPath(import.meta.url);
const __bundleDirname = __pathDirname(__bundleFilename);

// src/printable.ts
var UNPRINTABLE = /(?!\t)[\p{Cc}\u2028\u2029]/gu;
var NAMED = { "\n": "\\n", "\r": "\\r" };
function printable(value) {
  return String(value).replace(
    UNPRINTABLE,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function isPrintable(text) {
  return !new RegExp(UNPRINTABLE.source, "u").test(text);
}

export {
  printable,
  isPrintable
};
