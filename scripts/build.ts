// Builds dist/: tsc compiles src/ to lib/ (TypeScript 7 has no JS API for ncc's loader), then ncc bundles
// one file per entry point. Run from anywhere: paths are relative to the repository.
import { execFileSync } from 'node:child_process'
import { copyFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name: string) => join(root, 'node_modules', '.bin', name)
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' })

rmSync(join(root, 'lib'), { recursive: true, force: true })
rmSync(join(root, 'dist'), { recursive: true, force: true })
run(bin('tsc'), ['-p', 'tsconfig.build.json'])
for (const entry of ['main', 'post']) {
  run(bin('ncc'), ['build', `lib/${entry}.js`, '-o', `dist/${entry}`, '--license', 'licenses.txt', '-q'])
}
// The shell parser's WebAssembly and Go's glue for it, loaded from beside the bundle (src/script.ts).
copyFileSync(join(root, 'node_modules/sh-syntax/main.wasm'), join(root, 'dist/main/sh-syntax.wasm'))
copyFileSync(
  join(root, 'node_modules/sh-syntax/vendors/wasm_exec.cjs'),
  join(root, 'dist/main/sh-syntax-wasm_exec.cjs'),
)
