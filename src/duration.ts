// Durations as users write them in workflow inputs ("90s", "10m", "1h30m", "600") and as we print them.

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

const PLAIN_SECONDS = /^\d+$/
const UNITS = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/i

/**
 * Milliseconds for `90s`, `10m`, `1h`, `1h30m`, `1h 30m 5s` or plain seconds (`600`);
 * undefined when the text is not one of those forms. Zero is returned as 0: range checks are the caller's.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim()
  if (PLAIN_SECONDS.test(value)) return Number(value) * SECOND
  const match = UNITS.exec(value)
  if (!match || value === '') return undefined
  const [, hours, minutes, seconds] = match
  if (hours === undefined && minutes === undefined && seconds === undefined) return undefined
  const ms = Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE + Number(seconds ?? 0) * SECOND
  return Number.isSafeInteger(ms) ? ms : undefined
}

/** Short human form: `850ms`, `4.2s`, `45s`, `1m 30s`, `2h 5m`. Precision drops as the value grows. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0ms'
  if (ms < SECOND) return `${Math.round(ms)}ms`
  if (ms < 10 * SECOND) {
    const tenths = Math.floor(ms / 100) / 10
    return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}s`
  }
  const totalSeconds = Math.floor(ms / SECOND)
  if (ms < MINUTE) return `${totalSeconds}s`
  if (ms < HOUR) {
    const minutes = Math.floor(totalSeconds / 60)
    const seconds = totalSeconds % 60
    return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`
  }
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`
}
