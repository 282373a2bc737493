// Shared setup of the HTTP-level client tests: an emulator with a distinctive API key, a client with a
// small but real backoff, request counters reset before each test, and small helpers; for the toolbox tests,
// a plain client and one started sandbox's toolbox.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { EmulatorOptions } from '../../emulator/server.ts'
import { Daytona } from '../../src/daytona/client.ts'
import type { DaytonaError } from '../../src/daytona/errors.ts'
import type { RetryInfo } from '../../src/daytona/http.ts'
import type { Toolbox } from '../../src/daytona/toolbox/index.ts'
import { type EmulatorHarness, withEmulator } from '../helpers/emulator.ts'

/** A key that is easy to spot anywhere it should not be. */
export const API_KEY = `dtn_${randomUUID().replaceAll('-', '')}`
/** Small but real backoff, so retry tests stay quick. */
export const FAST = { baseMs: 20, capMs: 200 }
export const GET_ONE = 'GET /api/sandbox/{idOrName}'
export const CREATE = 'POST /api/sandbox'

export interface ClientFixture {
  h: EmulatorHarness
  client: Daytona
  /** retries reported since the current test began */
  retries: RetryInfo[]
  /** a started sandbox for read-only tests */
  sandboxId: string
  /** requests the emulator counted for a route template since the current test began */
  count(route: string): Promise<number>
}

/** Registers the hooks; the returned object is filled in by beforeAll. */
export function useClientFixture(): ClientFixture {
  const f = { retries: [] as RetryInfo[] } as ClientFixture
  f.count = async (route) => (await f.h.admin.requests()).routes[route] ?? 0
  beforeAll(async () => {
    f.h = await withEmulator({ apiKey: API_KEY })
    f.client = new Daytona({
      apiUrl: f.h.apiUrl,
      apiKey: API_KEY,
      retryPolicy: FAST,
      onRetry: (_m, info) => f.retries.push(info),
    })
    f.sandboxId = (await f.client.sandboxes.create({})).id
  })
  afterAll(async () => {
    await f.client?.close()
    await f.h?.close()
  })
  beforeEach(async () => {
    await f.h.admin.clearFaults()
    await f.h.admin.resetRequests()
    f.retries.length = 0
  })
  return f
}

export interface ToolboxFixture {
  h: EmulatorHarness
  /** a client with the default retry policy */
  client: Daytona
  /** the toolbox of one started sandbox, shared by the file's tests */
  tb: Toolbox
}

/** Registers the hooks of toolbox tests (of a file or a describe); the object is filled in by beforeAll. */
export function useToolboxFixture(emulator: Partial<EmulatorOptions> = {}): ToolboxFixture {
  const f = {} as ToolboxFixture
  beforeAll(async () => {
    f.h = await withEmulator(emulator)
    f.client = new Daytona({ apiUrl: f.h.apiUrl, apiKey: f.h.apiKey })
    f.tb = f.client.toolbox(await f.client.sandboxes.create({}))
  })
  afterAll(async () => {
    await f.client?.close()
    await f.h?.close()
  })
  return f
}

/** The rejection of a promise that must reject. */
export function caught<T>(p: Promise<T>): Promise<DaytonaError> {
  return p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as DaytonaError,
  )
}

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}
