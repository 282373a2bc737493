// Builds dist/: esbuild bundles each entry point (src/main.ts, src/post.ts) into dist/<entry>/index.js, with the
// modules a run loads only when it needs them (the sweep, the cache, results back…) as chunks beside it, plus the
// licenses of everything bundled. Type checking is tsc's job (`npm run typecheck`), not the build's. Run from
// anywhere: paths are relative to the repository.
import { execFileSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Metafile, type Plugin } from 'esbuild-wasm'
import { MODULE_PACKAGE_JSON, NODE_BUNDLE } from './esbuild-options.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** `undici` (ours and @actions/http-client's) is the part of its entry point that a run uses. */
const leanUndici: Plugin = {
  name: 'lean-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: join(root, 'scripts/undici-entry.cjs') }))
  },
}

/**
 * Node's modules imported by ES modules (`import * as http from 'http'` in @actions/http-client) are required
 * instead: an ES import of `node:http` makes Node build its module namespace, whose lazy WebSocket getters
 * load Node's own copy of undici (~10 ms of start-up); require() leaves them unread.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(b) {
    const builtins = new Set(builtinModules)
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '')
      if (args.kind !== 'import-statement' || !builtins.has(name)) return undefined
      return { path: name, namespace: 'builtin' }
    })
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require('node:${args.path}')`,
      loader: 'js',
    }))
  },
}

rmSync(join(root, 'dist'), { recursive: true, force: true })
for (const entry of ['main', 'post']) {
  const outdir = join(root, 'dist', entry)
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: { index: join(root, 'src', `${entry}.ts`) },
    outdir,
    ...NODE_BUNDLE,
    plugins: [leanUndici, builtinsByRequire],
    metafile: true,
    logLevel: 'warning',
  })
  writeFileSync(join(outdir, 'package.json'), MODULE_PACKAGE_JSON)
  writeFileSync(join(outdir, 'licenses.txt'), licenses(metafile))
  // Every file must at least parse, also the chunks only some inputs load (a name the banner declares twice
  // would otherwise surface only in the run that imports that chunk).
  for (const file of Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'))) {
    execFileSync(process.execPath, ['--check', join(root, file)], { stdio: 'inherit' })
  }
}
// The shell parser's WebAssembly and Go's glue for it, loaded from beside the bundle (src/script.ts).
copyFileSync(join(root, 'node_modules/sh-syntax/main.wasm'), join(root, 'dist/main/sh-syntax.wasm'))
copyFileSync(
  join(root, 'node_modules/sh-syntax/vendors/wasm_exec.cjs'),
  join(root, 'dist/main/sh-syntax-wasm_exec.cjs'),
)

/** Each bundled package once, by name: its version, licence and licence text. */
function licenses(metafile: Metafile): string {
  const packages = new Set<string>()
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (m) packages.add(m[1]!)
  }
  return [...packages]
    .map((dir) => {
      const meta = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
      const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f))
      const text = file ? readFileSync(join(root, dir, file), 'utf8').trim() : '(no licence file)'
      return { name: meta.name as string, text: `${meta.name}@${meta.version}\n${meta.license}\n${text}\n` }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => p.text)
    .join('\n')
}
