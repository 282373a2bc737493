// What `node dist/<step>/index.js` reads before it runs: a run that asks for no cache, results or uploads must
// not pay for them, nor for the parts of undici it never calls. esbuild names each bundled module in a comment
// (`// node_modules/undici/lib/…`), which is what these checks read.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { staticClosure } from '../../bench/bundle.ts'
import { PROJECT_ROOT } from '../../runner/job.ts'

const built = ['main', 'post'].every((step) => existsSync(join(PROJECT_ROOT, 'dist', step, 'index.js')))

/** The text of `dist/<step>/index.js` and of every chunk it imports statically. */
async function textAtStart(step: string): Promise<string> {
  const dir = join(PROJECT_ROOT, 'dist', step)
  const files = [...(await staticClosure(dir, 'index.js'))]
  return files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n')
}

async function modulesAtStart(step: string): Promise<string[]> {
  return [...(await textAtStart(step)).matchAll(/^\/\/ (node_modules\/\S+|src\/\S+)$/gm)].map((m) => m[1]!)
}

describe.runIf(built)('the bundles (needs dist/)', () => {
  it("main starts with undici's agent and request API, not its index, fetch, WebSocket or mocks", async () => {
    const modules = await modulesAtStart('main')
    expect(modules).toContain('node_modules/undici/lib/dispatcher/agent.js')
    expect(modules).toContain('node_modules/undici/lib/api/api-request.js')
    expect(modules).toContain('src/main.ts')
    // (fetch's body and FormData come along for multipart uploads: bundled, but run only when one is sent)
    const unwanted =
      /undici\/index\.js|undici\/lib\/(mock|cache|interceptor)\/|undici\/lib\/web\/(fetch\/index|websocket|eventsource|cookies)/
    expect(modules.filter((m) => unwanted.test(m))).toEqual([])
  })

  it('main loads the cache, results, tar, globbing, XML, the Dockerfile parser and ws only when asked', async () => {
    const lazy =
      /@actions\/cache|@azure|src\/(cache\/sandbox-cache|results\/(?!inputs))|node_modules\/(tar|tinyglobby|fast-xml-parser|dockerfile-ast|ws)\//
    expect((await modulesAtStart('main')).filter((m) => lazy.test(m))).toEqual([])
  })

  it("requires Node's modules rather than importing them (an ES import of node:http loads Node's own undici)", async () => {
    for (const step of ['main', 'post']) {
      const text = await textAtStart(step)
      const imported = new Set(
        [...text.matchAll(/^import\s[^;]*?\sfrom\s*["']([^./][^"']*)["']/gm)].map((m) => m[1]),
      )
      // what the banner needs to make require() and __dirname
      expect([...imported].sort()).toEqual(['node:module', 'node:path', 'node:url'])
    }
  })

  it('post starts without any HTTP client: it loads one only for a leftover sandbox', async () => {
    const modules = await modulesAtStart('post')
    expect(modules).toContain('src/post.ts')
    expect(modules.filter((m) => /undici|src\/daytona\//.test(m))).toEqual([])
  })
})
