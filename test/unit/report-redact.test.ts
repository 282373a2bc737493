// What the report hides: the key, the token and secret-looking env values — not every env value, which would
// turn `npm test` or a job name into *** wherever the value happens to appear.
import { describe, expect, it } from 'vitest'
import { readInputs } from '../../src/inputs.ts'
import { redactor } from '../../src/report/outcome.ts'

function config(inputs: Record<string, string>) {
  const all: Record<string, string> = { 'api-key': 'dtn_key', run: 'npm test', ...inputs }
  return readInputs(
    (name) => all[name] ?? '',
    {},
    () => {},
  )
}

describe('redactor', () => {
  it('hides the key and the token, however short', () => {
    const redact = redactor(config({ 'api-key': 'k1', token: 'ghs' }))
    expect(redact('key k1, token ghs')).toBe('key ***, token ***')
  })

  it('hides env values whose names look secret, and leaves the others readable', () => {
    const env = 'API_TOKEN=tok-abc123\nDB_PASSWORD=hunter2\nNODE_ENV=production\nCI=true\nMODE=test'
    const redact = redactor(config({ env }))
    expect(redact('npm test in production mode (CI=true) with tok-abc123 and hunter2')).toBe(
      'npm test in production mode (CI=true) with *** and ***',
    )
  })

  it('leaves a secret-named value under 4 characters alone (it would blank out common words)', () => {
    expect(redactor(config({ env: 'MY_KEY=abc' }))('abc')).toBe('abc')
  })
})
