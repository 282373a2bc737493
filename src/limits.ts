// Daytona's per-sandbox maxima are set per organisation and tier (4 vCPU, 8 GiB memory, 10 GiB disk by
// default), so only the API knows them: its refusal is turned into the user's problem, naming the input.
import { DaytonaError } from './daytona/errors.ts'

const PER_SANDBOX =
  /\b(CPU|Memory|Disk) request (\d+)(?:GB)? exceeds maximum allowed per sandbox \((\d+)(?:GB)?\)/

const RESOURCE = {
  CPU: { input: 'cpu', unit: 'vCPU' },
  Memory: { input: 'memory', unit: 'GiB of memory' },
  Disk: { input: 'disk', unit: 'GiB of disk' },
} as const

/** The message for an error of the run: a tier limit said as such, anything else as it is. */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const match = err instanceof DaytonaError ? PER_SANDBOX.exec(message) : null
  if (!match) return message
  const { input, unit } = RESOURCE[match[1] as keyof typeof RESOURCE]
  return (
    `Your Daytona organisation allows at most ${match[3]} ${unit} per sandbox, and '${input}: ${match[2]}' asks ` +
    `for more: ask for at most ${match[3]}, or ask Daytona to raise your organisation's limits (see "Limits, ` +
    'quotas and cost" in the README).'
  )
}
