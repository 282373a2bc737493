// Masking at its edges: what reaches the runner's setSecret (the live log masks only what it is told), which
// env values count as secrets, and the redaction of the report, where a shorter secret inside a longer one
// must not leave the longer one's rest readable.
import { describe, expect, it } from 'vitest'
import { InputError, readInputs, redactConfig, secretEnvValues } from '../../src/inputs.ts'
import { redactor } from '../../src/report/outcome.ts'

function read(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}, secrets: string[] = []) {
  const all: Record<string, string> = { run: 'npm test', ...inputs }
  // core.getInput trims, as the runner's inputs are read
  return readInputs(
    (name) => (all[name] ?? '').trim(),
    env,
    (secret) => secrets.push(secret),
  )
}

describe('what the live log is told to mask', () => {
  it('takes DAYTONA_API_KEY without the spaces and line break a pasted secret brings, and masks it', () => {
    const secrets: string[] = []
    expect(read({}, { DAYTONA_API_KEY: ' dtn_from_env\n' }, secrets).apiKey).toBe('dtn_from_env')
    expect(secrets).toEqual(['dtn_from_env'])
  })

  it('masks each line of a pasted secret, trimmed, and never an empty one', () => {
    const secrets: string[] = []
    expect(() => read({ 'api-key': 'dtn_key', token: 'ghp_a \n \nghp_b' }, {}, secrets)).toThrow(InputError)
    expect(secrets).toEqual(['dtn_key', 'ghp_a \n \nghp_b', 'ghp_a', 'ghp_b'])
  })
})

describe('secretEnvValues', () => {
  it('counts a secret-looking name from 4 characters on, and never an empty value mask-env names', () => {
    expect(secretEnvValues({ API_KEY: 'abcd', API_TOKEN: 'abc' })).toEqual(['abcd'])
    expect(secretEnvValues({ DB_URL: '', DB_HOST: 'db' }, ['DB_URL', 'DB_HOST'])).toEqual(['db'])
  })
})

describe('redaction', () => {
  it('hides the key and every env value in the config it logs, and shows an empty token as empty', () => {
    const config = read({ 'api-key': 'dtn_key', env: 'MODE=test' })
    expect(redactConfig(config)).toMatchObject({ apiKey: '***', token: '', env: { MODE: '***' } })
  })

  it('replaces the longest secret first, whichever of the key and the env it comes from', () => {
    const keyInside = redactor(read({ 'api-key': 'dtn_k', env: 'API_TOKEN=dtn_k-longer' }))
    expect(keyInside('dtn_k-longer and dtn_k')).toBe('*** and ***')
    const envInside = redactor(read({ 'api-key': 'dtn_key-longer', env: 'API_TOKEN=dtn_key' }))
    expect(envInside('dtn_key-longer and dtn_key')).toBe('*** and ***')
  })
})
