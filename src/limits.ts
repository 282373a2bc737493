// The run's error as the user's problem, naming the input to change. Daytona's per-sandbox maxima are set per
// organisation and tier (4 vCPU, 8 GiB memory, 10 GiB disk by default), so only the API knows them; a refused
// key and an API that cannot be reached are said as such rather than as the request that met them.
import { AuthenticationError, ConnectionError, DaytonaError } from './daytona/errors.ts'

const PER_SANDBOX =
  /\b(CPU|Memory|Disk) request (\d+)(?:GB)? exceeds maximum allowed per sandbox \((\d+)(?:GB)?\)/

const RESOURCE = {
  CPU: { input: 'cpu', unit: 'vCPU' },
  Memory: { input: 'memory', unit: 'GiB of memory' },
  Disk: { input: 'disk', unit: 'GiB of disk' },
} as const

/** The message for an error of the run: a tier limit, a refused key, an unreachable API; anything else as it is. */
export function describeError(err: unknown, apiUrl?: string): string {
  const message = err instanceof Error ? err.message : String(err)
  // the toolbox's 401s are a git remote's, not Daytona's (GIT_AUTH_FAILED)
  if (err instanceof AuthenticationError && err.path.startsWith('/api/') && !err.path.includes('/toolbox/')) {
    return (
      `Daytona refused the API key (401) at ${apiUrl ?? 'its API'}: check the secret given as 'api-key' (revoked, ` +
      `or of another organisation or 'api-url'). A 401 is never retried: Daytona locks out repeated ones.`
    )
  }
  if (err instanceof ConnectionError) {
    return (
      `Could not reach Daytona at ${apiUrl ?? 'its API'} (${err.code}), after retries: check 'api-url' and that ` +
      `this runner can reach it. (${message})`
    )
  }
  const match = err instanceof DaytonaError ? PER_SANDBOX.exec(message) : null
  if (!match) return message
  const { input, unit } = RESOURCE[match[1] as keyof typeof RESOURCE]
  return (
    `Your Daytona organisation allows at most ${match[3]} ${unit} per sandbox, and '${input}: ${match[2]}' asks ` +
    `for more: ask for at most ${match[3]}, or ask Daytona to raise your organisation's limits (see "Limits, ` +
    'quotas and cost" in the README).'
  )
}
