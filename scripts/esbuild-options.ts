// How everything here is bundled for the runner's Node (the action in scripts/build.ts, the bench's SDK
// baseline in bench/sdk.ts): ES modules for Node 24, lazily imported modules as chunks beside the entry point.
import type { BuildOptions } from 'esbuild-wasm'

// CommonJS dependencies call require() and read __dirname, which an ES module does not have. The paths get
// names of their own (see `define`): some bundled ES modules declare a top-level __filename themselves.
const banner = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { dirname as __pathDirname } from 'node:path';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __bundleFilename = __fileURLToPath(import.meta.url);',
  'const __bundleDirname = __pathDirname(__bundleFilename);',
].join('\n')

export const NODE_BUNDLE: BuildOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  banner: { js: banner },
  // only free references: a module's own __filename stays its own
  define: { __filename: '__bundleFilename', __dirname: '__bundleDirname' },
  // ws's optional native add-ons: it works without them
  external: ['bufferutil', 'utf-8-validate'],
  legalComments: 'none',
}

/** Beside each bundle: Node reads `.js` there as ES modules. */
export const MODULE_PACKAGE_JSON = '{ "type": "module" }\n'
