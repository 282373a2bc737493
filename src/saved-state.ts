// What main hands to post: the runner passes each `saveState` of main to post as a STATE_<key> variable.
// Reading it needs nothing loaded, so a post step whose main settled everything (the usual case) exits after a
// bare Node start-up instead of loading the client to find that out.

export const STATE_KEYS = {
  apiUrl: 'api-url',
  name: 'sandbox-name',
  id: 'sandbox-id',
  /** 'deleted', 'kept' or 'none': main settled the sandbox's fate, post has nothing to do */
  settled: 'sandbox-settled',
} as const

export interface SandboxRef {
  id?: string
  name?: string
}

// what @actions/core's getState reads, without loading @actions/core (and the HTTP client it imports)
const state = (key: string): string => process.env[`STATE_${key}`] ?? ''

export const savedState = {
  apiUrl: () => state(STATE_KEYS.apiUrl),
  sandbox: (): SandboxRef => ({
    id: state(STATE_KEYS.id) || undefined,
    name: state(STATE_KEYS.name) || undefined,
  }),
  settled: () => state(STATE_KEYS.settled),
  /** a sandbox main did not settle: post must delete it */
  leftover(): SandboxRef | undefined {
    const sandbox = this.sandbox()
    return this.settled() || (!sandbox.id && !sandbox.name) ? undefined : sandbox
  },
}
