import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type Config,
  formatDuration,
  INPUT_NAMES,
  InputError,
  parseDuration,
  readInputs,
  redactConfig,
  secretEnvValues,
} from '../../src/inputs.ts'

const API_KEY = 'dtn_0123456789abcdef'
const TOKEN = 'ghs_tokenvalue123'
const BASE: Record<string, string> = { 'api-key': API_KEY, run: 'npm test' }

/** Reads inputs like the runner would pass them (trimmed, '' when unset), over a minimal valid set. */
function load(
  inputs: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
  secrets: string[] = [],
): Config {
  const all = { ...BASE, ...inputs }
  return readInputs(
    (name) => (all[name] ?? '').trim(),
    env,
    (secret) => secrets.push(secret),
  )
}

function errorOf(run: () => unknown): InputError {
  try {
    run()
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as InputError
  }
  throw new Error('expected an InputError, got none')
}

describe('defaults', () => {
  it('fills every optional input with its documented default', () => {
    expect(load()).toEqual({
      apiKey: API_KEY,
      apiUrl: 'https://app.daytona.io/api',
      run: 'npm test',
      shell: { kind: 'bash-default' },
      source: 'git',
      workingDirectory: '',
      env: {},
      timeoutMs: 30 * 60_000,
      failFast: true,
      dockerfile: 'Dockerfile',
      dockerfileExplicit: false,
      resources: {},
      token: '',
      cloneDepth: 1,
      keepSandbox: 'never',
      keepMinutes: 60,
      labels: {},
      summary: true,
      rebuildSnapshot: false,
      snapshotTimeoutMs: 30 * 60_000,
      pruneSnapshots: true,
      keepSnapshots: 3,
      pruneAfterMs: 10 * 60_000,
      allowFork: false,
      maskEnv: [],
      capacityTimeoutMs: 10 * 60_000,
      mode: 'run',
      olderThanMs: 2 * 60 * 60_000,
      dryRun: true,
      download: [],
      downloadPath: expect.stringMatching(/\/daytona-artifacts$/),
      testResults: [],
      cachePaths: [],
      cacheKey: '',
      cacheRestoreKeys: [],
    })
  })

  it('names 43 distinct inputs in one place', () => {
    expect(new Set(INPUT_NAMES).size).toBe(43)
    expect(INPUT_NAMES).toContain('working-directory')
  })

  it('reads INPUT_* variables like core.getInput when no reader is given', () => {
    const env = { 'INPUT_API-KEY': ` ${API_KEY} `, INPUT_RUN: 'make\n', 'INPUT_WORKING-DIRECTORY': 'app' }
    const config = readInputs(undefined, env, () => {})
    expect(config).toMatchObject({ apiKey: API_KEY, run: 'make', workingDirectory: 'app' })
  })
})

describe('valid forms', () => {
  it.each<[string, Record<string, string>, Partial<Config>]>([
    [
      'api-url without trailing slash',
      { 'api-url': 'http://127.0.0.1:3000/api/' },
      { apiUrl: 'http://127.0.0.1:3000/api' },
    ],
    ['target', { target: 'eu' }, { target: 'eu' }],
    ['target with dashes', { target: 'us-east-2' }, { target: 'us-east-2' }],
    ['run is kept as written', { run: 'if true; then\n  make\nfi' }, { run: 'if true; then\n  make\nfi' }],
    ['shell bash', { shell: 'bash' }, { shell: { kind: 'bash' } }],
    ['shell sh', { shell: 'sh' }, { shell: { kind: 'sh' } }],
    ['shell python', { shell: 'python' }, { shell: { kind: 'custom', template: 'python {0}' } }],
    ['shell template', { shell: 'perl -w {0}' }, { shell: { kind: 'custom', template: 'perl -w {0}' } }],
    [
      'working-directory normalized',
      { 'working-directory': './packages//api/' },
      { workingDirectory: 'packages/api' },
    ],
    ['working-directory dot', { 'working-directory': '.' }, { workingDirectory: '' }],
    ['working-directory inner ..', { 'working-directory': 'a/../b' }, { workingDirectory: 'b' }],
    ['env', { env: 'A=1\n# note\n\nB = x=y\nC=' }, { env: { A: '1', B: ' x=y', C: '' } }],
    ['timeout seconds', { timeout: '90' }, { timeoutMs: 90_000 }],
    ['timeout 90s', { timeout: '90s' }, { timeoutMs: 90_000 }],
    ['timeout 10m', { timeout: '10m' }, { timeoutMs: 600_000 }],
    ['timeout 1h30m', { timeout: '1h30m' }, { timeoutMs: 5_400_000 }],
    ['timeout 24h', { timeout: '24h' }, { timeoutMs: 86_400_000 }],
    ['fail-fast False', { 'fail-fast': 'False' }, { failFast: false }],
    ['fail-fast TRUE', { 'fail-fast': 'TRUE' }, { failFast: true }],
    ['image tag', { image: 'node:22-bookworm' }, { image: 'node:22-bookworm' }],
    [
      'image registry port',
      { image: 'localhost:5000/team/app:1.2' },
      { image: 'localhost:5000/team/app:1.2' },
    ],
    [
      'image digest',
      { image: `ghcr.io/org/app@sha256:${'a'.repeat(64)}` },
      { image: `ghcr.io/org/app@sha256:${'a'.repeat(64)}` },
    ],
    ['snapshot', { snapshot: 'daytonaio/sandbox:0.4.3' }, { snapshot: 'daytonaio/sandbox:0.4.3' }],
    [
      'dockerfile',
      { dockerfile: 'ci/Dockerfile.test' },
      { dockerfile: 'ci/Dockerfile.test', dockerfileExplicit: true },
    ],
    [
      'dockerfile default spelled out',
      { dockerfile: './Dockerfile' },
      { dockerfile: 'Dockerfile', dockerfileExplicit: false },
    ],
    ['context root', { context: '.' }, { context: '.' }],
    ['context folder', { context: 'ci/' }, { context: 'ci' }],
    ['resources', { cpu: '2', memory: '4', disk: '10' }, { resources: { cpu: 2, memory: 4, disk: 10 } }],
    [
      'resources at limits',
      { cpu: '4', memory: '8', disk: '10' },
      { resources: { cpu: 4, memory: 8, disk: 10 } },
    ],
    ['one resource', { memory: '1' }, { resources: { memory: 1 } }],
    ['repository', { repository: 'octo-org/octo.repo_2' }, { repository: 'octo-org/octo.repo_2' }],
    ['ref branch', { ref: 'feature/x-1' }, { ref: 'feature/x-1' }],
    ['ref full tag', { ref: 'refs/tags/v1.2.3' }, { ref: 'refs/tags/v1.2.3' }],
    ['ref full branch', { ref: 'refs/heads/main' }, { ref: 'refs/heads/main' }],
    ['ref sha', { ref: 'a'.repeat(40) }, { ref: 'a'.repeat(40) }],
    ['token', { token: TOKEN }, { token: TOKEN }],
    ['clone-depth 0', { 'clone-depth': '0' }, { cloneDepth: 0 }],
    ['clone-depth 50', { 'clone-depth': '50' }, { cloneDepth: 50 }],
    [
      'keep-sandbox',
      { 'keep-sandbox': 'on-failure', 'keep-minutes': '1440' },
      { keepSandbox: 'on-failure', keepMinutes: 1440 },
    ],
    [
      'labels',
      { labels: 'team=core\napp.kubernetes.io/name=web' },
      { labels: { team: 'core', 'app.kubernetes.io/name': 'web' } },
    ],
    ['summary', { summary: 'false' }, { summary: false }],
    ['snapshot-prefix', { 'snapshot-prefix': 'My_app.v2-ci' }, { snapshotPrefix: 'My_app.v2-ci' }],
    ['rebuild-snapshot', { 'rebuild-snapshot': 'true' }, { rebuildSnapshot: true }],
    ['snapshot-timeout', { 'snapshot-timeout': '45m' }, { snapshotTimeoutMs: 2_700_000 }],
    ['prune-snapshots', { 'prune-snapshots': 'false' }, { pruneSnapshots: false }],
    ['keep-snapshots', { 'keep-snapshots': '1' }, { keepSnapshots: 1 }],
    ['prune-after', { 'prune-after': '0s' }, { pruneAfterMs: 0 }],
    ['prune-after', { 'prune-after': '2h' }, { pruneAfterMs: 7_200_000 }],
    ['allow-fork', { 'allow-fork': 'true' }, { allowFork: true }],
    ['resources with image', { image: 'node:22', cpu: '2' }, { image: 'node:22', resources: { cpu: 2 } }],
    ['env key __proto__ stays data', { env: '__proto__=x' }, { env: JSON.parse('{"__proto__":"x"}') }],
  ])('%s', (_name, inputs, expected) => {
    expect(load(inputs)).toMatchObject(expected)
  })
})

// [input named in the message, inputs, fragment the message must contain]
const BAD_INPUTS: [string, Record<string, string>, string][] = [
  ['api-key', { 'api-key': 'dtn_abc\ndef' }, 'single token'],
  ['api-key', { 'api-key': 'dtn abc' }, 'single token'],
  ['token', { token: 'ghs_a b' }, 'single token'],
  ['api-url', { 'api-url': 'app.daytona.io/api' }, 'http(s) URL'],
  ['api-url', { 'api-url': 'ftp://example.com/api' }, 'http(s) URL'],
  ['api-url', { 'api-url': 'https://user:pw@example.com/api' }, 'without credentials'],
  ['api-url', { 'api-url': 'https://example.com/api?x=1' }, 'must not contain a query or fragment'],
  ['api-url', { 'api-url': 'https://example.com/api#frag' }, 'must not contain a query or fragment'],
  ['target', { target: 'US' }, 'lowercase letters'],
  ['target', { target: 'us east' }, 'region name'],
  ['run', { run: '' }, 'is required'],
  ['shell', { shell: 'fish' }, 'must be bash, sh, python, pwsh, or a command'],
  ['shell', { shell: 'zsh -c' }, 'that runs the script file named by {0}'],
  ['working-directory', { 'working-directory': '/abs/path' }, 'not an absolute path'],
  ['working-directory', { 'working-directory': '../outside' }, "no '..'"],
  ['working-directory', { 'working-directory': 'a/../../b' }, "no '..'"],
  ['working-directory', { 'working-directory': '~/x' }, 'not an absolute path'],
  ['env', { env: 'NOEQUALS' }, 'line 1 must be KEY=VALUE'],
  ['env', { env: 'A=1\n1BAD=x' }, 'line 2 has an invalid name'],
  ['env', { env: 'MY-VAR=x' }, 'invalid name'],
  ['env', { env: 'A=1\n\nA=2' }, 'sets A twice (lines 1 and 3)'],
  ['timeout', { timeout: '0' }, 'above 0'],
  ['timeout', { timeout: '25h' }, 'at most 24h'],
  ['timeout', { timeout: '10 minutes' }, 'duration such as 90s'],
  ['timeout', { timeout: '-5' }, 'duration'],
  ['timeout', { timeout: '1.5h' }, 'duration'],
  ['fail-fast', { 'fail-fast': 'yes' }, 'true or false'],
  ['fail-fast', { 'fail-fast': '1' }, 'true or false'],
  ['image', { image: 'node' }, 'Daytona rejects :latest and untagged images'],
  ['image', { image: 'node:latest' }, 'Daytona rejects :latest'],
  ['image', { image: 'ghcr.io/org/app' }, 'fixed tag or a digest'],
  ['image', { image: 'Node:22' }, 'image reference'],
  ['image', { image: 'node:22 bookworm' }, 'image reference'],
  ['image', { image: 'node@sha256:xyz' }, 'image reference'],
  ['snapshot', { snapshot: 'bad name' }, 'snapshot name'],
  ['snapshot', { snapshot: 'a//b' }, 'snapshot name'],
  ['dockerfile', { dockerfile: '/etc/Dockerfile' }, 'not an absolute path'],
  ['dockerfile', { dockerfile: '../Dockerfile' }, "no '..'"],
  ['dockerfile', { dockerfile: '.' }, 'must name a file'],
  ['context', { context: '../..' }, "no '..'"],
  ['cpu', { cpu: '0' }, 'from 1 to 16'],
  ['cpu', { cpu: '17' }, 'from 1 to 16'],
  ['cpu', { cpu: '1.5' }, 'whole number'],
  ['cpu', { cpu: 'two' }, 'whole number'],
  ['memory', { memory: '256' }, 'GiB from 1 to 192'],
  ['disk', { disk: '2' }, 'GiB from 3 to 512'],
  ['disk', { disk: '1000' }, 'GiB from 3 to 512'],
  ['repository', { repository: 'just-a-name' }, 'owner/name'],
  ['repository', { repository: 'https://github.com/o/r' }, 'owner/name'],
  ['repository', { repository: 'owner/..' }, 'owner/name'],
  ['ref', { ref: '--upload-pack=evil' }, 'branch, tag or 40-character commit SHA'],
  ['ref', { ref: 'a..b' }, 'branch, tag'],
  ['ref', { ref: 'feature branch' }, 'branch, tag'],
  ['ref', { ref: 'branch.lock' }, 'branch, tag'],
  ['ref', { ref: 'x~1' }, 'branch, tag'],
  ['ref', { ref: 'refs/pull/7/head' }, 'only refs/heads/<branch> and refs/tags/<tag> can be cloned'],
  ['ref', { ref: 'refs/pull/7/merge' }, 'branch, tag or commit SHA'],
  ['ref', { ref: 'refs/remotes/origin/main' }, 'only refs/heads/<branch> and refs/tags/<tag>'],
  ['clone-depth', { 'clone-depth': '-1' }, '0 or more'],
  ['clone-depth', { 'clone-depth': 'full' }, '0 or more'],
  ['keep-sandbox', { 'keep-sandbox': 'sometimes' }, 'one of never, on-failure, always'],
  ['keep-sandbox', { 'keep-sandbox': 'Always' }, 'one of never, on-failure, always'],
  ['keep-minutes', { 'keep-minutes': '0' }, 'minutes from 1 to 1440'],
  ['keep-minutes', { 'keep-minutes': '1441' }, 'minutes from 1 to 1440'],
  ['labels', { labels: 'team' }, 'line 1 must be KEY=VALUE'],
  ['labels', { labels: 'bad key=x' }, 'invalid key'],
  ['labels', { labels: `${'k'.repeat(64)}=x` }, 'invalid key'],
  ['labels', { labels: 'daytona-action/job=x' }, 'belong to the action'],
  ['labels', { labels: 'Daytona-Action/run-id=1' }, 'belong to the action'],
  ['labels', { labels: `k=${'v'.repeat(256)}` }, 'longer than 255'],
  ['labels', { labels: 'a=1\na=2' }, 'sets a twice'],
  ['summary', { summary: 'on' }, 'true or false'],
  ['snapshot-prefix', { 'snapshot-prefix': 'x'.repeat(41) }, 'at most 40'],
  ['snapshot-prefix', { 'snapshot-prefix': '-lead' }, 'starting with a letter or digit'],
  ['snapshot-prefix', { 'snapshot-prefix': 'a/b' }, 'at most 40'],
  ['rebuild-snapshot', { 'rebuild-snapshot': 'maybe' }, 'true or false'],
  ['snapshot-timeout', { 'snapshot-timeout': '2d' }, 'duration'],
  ['prune-snapshots', { 'prune-snapshots': 'sometimes' }, 'true or false'],
  ['keep-snapshots', { 'keep-snapshots': '0' }, 'from 1 to 100'],
  ['prune-after', { 'prune-after': 'soon' }, 'duration'],
  ['prune-after', { 'prune-after': '25h' }, 'at most 24h'],
  ['allow-fork', { 'allow-fork': 'y' }, 'true or false'],
  ['image', { image: 'node:22', snapshot: 'snap' }, "Inputs 'image' and 'snapshot' cannot be used together"],
  ['image', { image: 'node:22', dockerfile: 'ci/Dockerfile' }, "Inputs 'image' and 'dockerfile'"],
  ['snapshot', { snapshot: 'snap', dockerfile: 'ci/Dockerfile' }, "Inputs 'snapshot' and 'dockerfile'"],
  [
    'cpu',
    { snapshot: 'snap', cpu: '2' },
    "Input 'cpu' cannot be used with 'snapshot': resources come from the snapshot",
  ],
  [
    'memory',
    { snapshot: 'snap', memory: '2', disk: '5' },
    "Inputs 'memory', 'disk' cannot be used with 'snapshot'",
  ],
  ['context', { image: 'node:22', context: 'ci' }, 'only applies to a Dockerfile build'],
  ['rebuild-snapshot', { snapshot: 'snap', 'rebuild-snapshot': 'true' }, "cannot be used with 'snapshot'"],
]

describe('bad inputs', () => {
  it('has a large table', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40)
  })

  it.each(BAD_INPUTS)('%s %j', (input, inputs, fragment) => {
    const secrets: string[] = []
    const error = errorOf(() => load({ token: TOKEN, ...inputs }, {}, secrets))
    expect(error.input).toBe(input)
    expect(error.message).toContain(`'${input}'`)
    expect(error.message).toContain(fragment)
    expect(error.message).toMatch(/^Inputs? '.*\.$/)
    expect(error.message).not.toContain('\n')
    expect(error.message).not.toContain(API_KEY)
    expect(error.message).not.toContain(TOKEN)
    // Secrets were registered before the error was thrown.
    expect(secrets).toContain(inputs['api-key'] ?? API_KEY)
    expect(secrets).toContain(inputs.token ?? TOKEN)
  })

  it('says exactly what was wrong', () => {
    expect(errorOf(() => load({ cpu: '20' })).message).toBe(
      `Input 'cpu' must be a whole number of vCPUs from 1 to 16 (your organisation's limit, 4 by default, applies too) (got "20").`,
    )
    expect(errorOf(() => load({ timeout: 'soon' })).message).toBe(
      `Input 'timeout' must be a duration such as 90s, 10m, 1h or 1h30m (or plain seconds), above 0 and at most 24h (got "soon").`,
    )
  })

  it('quotes a long or multi-line value on one capped line', () => {
    const message = errorOf(() => load({ target: `eu\n${'x'.repeat(200)}` })).message
    expect(message).not.toContain('\n')
    expect(message).toContain('"eu\\nxxx')
    expect(message.length).toBeLessThan(250)
  })

  it('never echoes an env line, whose value may be a secret', () => {
    const message = errorOf(() => load({ env: 'PASSWORD hunter2' })).message
    expect(message).toBe(`Input 'env' line 1 must be KEY=VALUE.`)
  })

  it('masks each line of a secret pasted with a line break', () => {
    const secrets: string[] = []
    errorOf(() => load({ 'api-key': 'dtn_first\ndtn_second' }, {}, secrets))
    expect(secrets).toEqual(['dtn_first\ndtn_second', 'dtn_first', 'dtn_second'])
  })
})

describe('environment fallbacks', () => {
  it('takes the API key, URL and region from DAYTONA_* when the inputs are empty', () => {
    const env = {
      DAYTONA_API_KEY: 'dtn_env',
      DAYTONA_API_URL: 'https://eu.example.com/api/',
      DAYTONA_TARGET: 'eu',
    }
    const secrets: string[] = []
    expect(load({ 'api-key': '' }, env, secrets)).toMatchObject({
      apiKey: 'dtn_env',
      apiUrl: 'https://eu.example.com/api',
      target: 'eu',
    })
    expect(secrets).toEqual(['dtn_env'])
  })

  it('prefers the inputs over the environment', () => {
    const env = {
      DAYTONA_API_KEY: 'dtn_env',
      DAYTONA_API_URL: 'https://env.example.com',
      DAYTONA_TARGET: 'eu',
    }
    expect(load({ 'api-url': 'https://input.example.com', target: 'us' }, env)).toMatchObject({
      apiKey: API_KEY,
      apiUrl: 'https://input.example.com',
      target: 'us',
    })
  })

  it('says when a bad URL came from DAYTONA_API_URL', () => {
    const message = errorOf(() => load({}, { DAYTONA_API_URL: 'nope' })).message
    expect(message).toBe(
      `Input 'api-url' (from DAYTONA_API_URL) must be an http(s) URL such as https://app.daytona.io/api.`,
    )
  })

  it('never echoes a bad api-url, which may carry a key', () => {
    const key = 'dtn_0123456789abcdef0123456789abcdef'
    for (const url of [`https://app.daytona.io/api?token=${key}`, `app.daytona.io/api?token=${key}`]) {
      const message = errorOf(() => load({ 'api-url': url })).message
      expect(message).not.toContain(key)
      expect(message).not.toContain('app.daytona.io/api?')
    }
    expect(errorOf(() => load({ 'api-url': `https://app.daytona.io/api?token=${key}` })).message).toBe(
      `Input 'api-url' must be an http(s) URL such as https://app.daytona.io/api; it must not contain a query or fragment.`,
    )
  })
})

describe('a missing API key', () => {
  function eventFile(payload: unknown): string {
    const path = join(mkdtempSync(join(tmpdir(), 'inputs-')), 'event.json')
    writeFileSync(path, JSON.stringify(payload))
    return path
  }
  const pr = (head: string) => ({
    pull_request: {
      number: 7,
      head: { repo: { full_name: head } },
      base: { repo: { full_name: 'acme/app' } },
    },
  })

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    [
      'a plain push',
      { GITHUB_EVENT_NAME: 'push' },
      ["'api-key' is required", 'DAYTONA_API_KEY environment variable'],
    ],
    [
      'a fork pull request',
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_EVENT_PATH: eventFile(pr('someone/app')),
      },
      [
        'does not pass secrets',
        'from forks',
        'someone/app',
        'required reviewers',
        'pull_request_target',
        "'allow-fork: true'",
        'on push',
      ],
    ],
    [
      'a same-repository pull request',
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_EVENT_PATH: eventFile(pr('acme/app')),
      },
      ["'api-key' is required"],
    ],
    [
      'a pull request with an unreadable event file',
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/nonexistent/event.json' },
      ["'api-key' is required"],
    ],
    [
      'a Dependabot run',
      { GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'dependabot[bot]' },
      ['Dependabot secrets'],
    ],
  ])('on %s explains what to do', (_name, env, fragments) => {
    const error = errorOf(() => load({ 'api-key': '' }, env))
    expect(error.input).toBe('api-key')
    expect(error.message).not.toContain('\n')
    for (const fragment of fragments) expect(error.message).toContain(fragment)
  })

  it('is reported before any other bad input', () => {
    expect(errorOf(() => load({ 'api-key': '', cpu: '99' })).input).toBe('api-key')
  })
})

describe('the config', () => {
  it('is deeply frozen', () => {
    const config = load({ env: 'A=1', labels: 'b=2', cpu: '2', run: 'a\nb' })
    for (const part of [config, config.env, config.labels, config.resources, config.shell]) {
      expect(Object.isFrozen(part)).toBe(true)
    }
    expect(() => {
      ;(config.env as Record<string, string>).B = '2'
    }).toThrow(TypeError)
    expect(() => {
      ;(config as { run: string }).run = 'rm -rf /'
    }).toThrow(TypeError)
  })

  it('masks env values whose names look secret, at once; other values stay readable', () => {
    const secrets: string[] = []
    const env =
      'API_TOKEN=tok-abc123\nDB_PASSWORD=hunter2\nNODE_ENV=production\nMY_KEY=abc\nSESSION_ID=s-1234'
    load({ env }, {}, secrets)
    expect(secrets).toEqual([API_KEY, 'tok-abc123', 'hunter2', 's-1234'])
  })

  it.each<[string, string, boolean]>([
    ['API_TOKEN', 'tok-abc123', true],
    ['github_token', 'ghs_x123', true],
    ['AWS_SECRET_ACCESS_KEY', 'abcd1234', true],
    ['PGPASSWORD', 'hunter2', true],
    ['BASIC_AUTH', 'user:pw', true],
    ['GPG_PRIVATE', '-----BEGIN', true],
    ['CREDENTIALS_JSON', '{"a":1}', true],
    ['COOKIE', 'sid=1234', true],
    ['SECRET', 'abc', false],
    ['NODE_ENV', 'production', false],
    ['CI', 'true', false],
    ['MODE', 'test', false],
  ])('env %s=%s is a secret: %s', (key, value, secret) => {
    expect(secretEnvValues({ [key]: value })).toEqual(secret ? [value] : [])
  })

  it('masks the values of the env names mask-env lists, whatever they look like', () => {
    const secrets: string[] = []
    const env = 'DB_URL=postgres://app:pw@db/app\nAPI_PAT=ghp_1\nNODE_ENV=production\nRETRIES=3'
    const config = load({ env, 'mask-env': 'DB_URL, API_PAT\nRETRIES' }, {}, secrets)
    expect(config.maskEnv).toEqual(['DB_URL', 'API_PAT', 'RETRIES'])
    expect(secrets).toEqual([API_KEY, 'postgres://app:pw@db/app', 'ghp_1', '3'])
    expect(secretEnvValues(config.env, config.maskEnv)).toEqual(['postgres://app:pw@db/app', 'ghp_1', '3'])
  })

  it('refuses a mask-env name that env does not set (a typo would leave the value readable)', () => {
    expect(errorOf(() => load({ env: 'DB_URL=x', 'mask-env': 'DB_ULR' })).message).toMatch(
      /^Input 'mask-env' names DB_ULR, which 'env' does not set/,
    )
  })

  it('redacts the key, the token and env values for display', () => {
    const shown = redactConfig(load({ token: TOKEN, env: 'DB_PASSWORD=hunter2' }))
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${API_KEY}|${TOKEN}|hunter2`))
    expect(shown).toMatchObject({ apiKey: '***', token: '***', env: { DB_PASSWORD: '***' } })
  })
})

describe('durations', () => {
  it.each<[string, number | undefined]>([
    ['90', 90_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h 30m 5s', 5_405_000],
    ['2H', 7_200_000],
    ['0', 0],
    ['', undefined],
    ['m', undefined],
    ['1d', undefined],
    ['30m1h', undefined],
    ['1.5h', undefined],
    ['-1', undefined],
  ])('parseDuration(%j) = %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each<[number, string]>([
    [0, '0ms'],
    [850, '850ms'],
    [4_230, '4.2s'],
    [5_000, '5s'],
    [45_900, '45s'],
    [90_000, '1m 30s'],
    [120_000, '2m'],
    [7_500_000, '2h 5m'],
    [7_200_000, '2h'],
    [-5, '0ms'],
  ])('formatDuration(%d) = %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
