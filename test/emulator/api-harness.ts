// Shared setup of the main-API emulator tests: one emulator per test file, and polling a sandbox until the
// emulator's background transitions have got it where a test needs it.
import { afterAll, beforeAll } from 'vitest'
import type { EmulatorOptions } from '../../emulator/server.ts'
import { type EmulatorHarness, type RawResponse, withEmulator } from '../helpers/emulator.ts'

/** Starts an emulator before the file's tests and stops it after; the harness is filled in by beforeAll. */
export function useEmulator(opts: Partial<EmulatorOptions> = {}): EmulatorHarness {
  const h = {} as EmulatorHarness
  beforeAll(async () => {
    // the harness is a plain object of closures, so copying its members keeps them working
    Object.assign(h, await withEmulator(opts))
  })
  afterAll(() => h.close?.())
  return h
}

/** Polls GET /sandbox/{id} until `done` accepts an answer (10 s at most) and returns that answer. */
export async function pollSandbox(
  h: EmulatorHarness,
  id: string,
  done: (res: RawResponse) => boolean,
  what = 'the awaited condition',
): Promise<RawResponse> {
  for (let i = 0; i < 400; i++) {
    const res = await h.api('GET', `/sandbox/${id}`)
    if (done(res)) return res
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`sandbox ${id} never reached ${what}`)
}

/** The sandbox's body once it is in one of `states`. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary response shapes
export async function waitForSandbox(h: EmulatorHarness, id: string, ...states: string[]): Promise<any> {
  const res = await pollSandbox(h, id, (r) => states.includes(r.body?.state), states.join('|'))
  return res.body
}

/** Resolves once GET /sandbox/{id} answers 404: the sandbox has been destroyed. */
export async function waitForSandboxGone(h: EmulatorHarness, id: string): Promise<void> {
  await pollSandbox(h, id, (res) => res.status === 404, 'destruction')
}
