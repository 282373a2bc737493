// The bad-input corpus: every invalid value fails the bundled action with exactly one error line that names
// the input, before a single request reaches Daytona (the emulator records none), and post has nothing to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, openProject, type Project } from './project.ts'

let project: Project
beforeAll(async () => {
  project = await openProject()
})
afterAll(() => project.close())

interface BadInput {
  /** what is wrong, as the test's title */
  what: string
  inputs: Record<string, string>
  /** the input the one error line must name */
  names: string
  /** what else the line must say (the accepted form, the reason) */
  says?: RegExp
  env?: Record<string, string>
}

const CORPUS: BadInput[] = [
  // numbers and units
  { what: 'cpu not a number', inputs: { cpu: 'two' }, names: 'cpu', says: /1 to 16/ },
  { what: 'cpu zero', inputs: { cpu: '0' }, names: 'cpu' },
  { what: 'cpu above what any sandbox can have', inputs: { cpu: '32' }, names: 'cpu', says: /1 to 16/ },
  { what: 'cpu fractional', inputs: { cpu: '2.5' }, names: 'cpu' },
  { what: 'cpu negative', inputs: { cpu: '-1' }, names: 'cpu' },
  { what: 'memory with a unit', inputs: { memory: '4GiB' }, names: 'memory', says: /GiB from 1 to 192 / },
  { what: 'memory above the limit', inputs: { memory: '193' }, names: 'memory' },
  { what: 'memory far above', inputs: { memory: '4096' }, names: 'memory' },
  { what: 'disk below the minimum', inputs: { disk: '0' }, names: 'disk' },
  { what: 'disk above the limit', inputs: { disk: '600' }, names: 'disk', says: /3 to 512 / },
  { what: 'timeout in words', inputs: { timeout: '10 minutes' }, names: 'timeout', says: /90s, 10m/ },
  { what: 'timeout zero', inputs: { timeout: '0' }, names: 'timeout' },
  { what: 'timeout over a day', inputs: { timeout: '25h' }, names: 'timeout' },
  { what: 'timeout negative', inputs: { timeout: '-5m' }, names: 'timeout' },
  { what: 'snapshot-timeout in words', inputs: { 'snapshot-timeout': 'soon' }, names: 'snapshot-timeout' },
  { what: 'prune-after in days', inputs: { 'prune-after': '2d' }, names: 'prune-after' },
  { what: 'keep-minutes zero', inputs: { 'keep-minutes': '0' }, names: 'keep-minutes' },
  { what: 'keep-minutes over a day', inputs: { 'keep-minutes': '2000' }, names: 'keep-minutes' },
  { what: 'keep-snapshots zero', inputs: { 'keep-snapshots': '0' }, names: 'keep-snapshots' },
  { what: 'clone-depth negative', inputs: { 'clone-depth': '-1' }, names: 'clone-depth' },
  { what: 'clone-depth in words', inputs: { 'clone-depth': 'all' }, names: 'clone-depth' },
  // conflicting sources
  {
    what: 'image and snapshot',
    inputs: { image: 'node:22', snapshot: 'mine:1' },
    names: 'image',
    says: /'snapshot'.*choose one/,
  },
  {
    what: 'image and a dockerfile',
    inputs: { image: 'node:22', dockerfile: 'ci/Dockerfile' },
    names: 'image',
    says: /'dockerfile'/,
  },
  { what: 'snapshot with a size', inputs: { snapshot: 'mine:1', cpu: '2' }, names: 'cpu', says: /snapshot/ },
  { what: 'context with an image', inputs: { image: 'node:22', context: 'ci' }, names: 'context' },
  {
    what: 'rebuild-snapshot with a snapshot',
    inputs: { snapshot: 'mine:1', 'rebuild-snapshot': 'true' },
    names: 'rebuild-snapshot',
  },
  // images and names
  { what: 'image without a tag', inputs: { image: 'node' }, names: 'image', says: /fixed tag/ },
  { what: 'image :latest', inputs: { image: 'node:latest' }, names: 'image', says: /latest/ },
  { what: 'image in capitals', inputs: { image: 'Node:22' }, names: 'image' },
  { what: 'snapshot with a space', inputs: { snapshot: 'my snapshot' }, names: 'snapshot' },
  {
    what: 'snapshot-prefix with a dash first',
    inputs: { 'snapshot-prefix': '-x' },
    names: 'snapshot-prefix',
  },
  { what: 'target with spaces', inputs: { target: 'US East' }, names: 'target' },
  { what: 'repository without an owner', inputs: { repository: 'widgets' }, names: 'repository' },
  { what: 'ref with ..', inputs: { ref: 'main..evil' }, names: 'ref' },
  { what: 'ref like an option', inputs: { ref: '--upload-pack=evil' }, names: 'ref' },
  { what: 'ref under refs/pull', inputs: { ref: 'refs/pull/7/head' }, names: 'ref' },
  // env and labels lines
  { what: 'env line without =', inputs: { env: 'FOO' }, names: 'env', says: /line 1 must be KEY=VALUE/ },
  { what: 'env name with a digit first', inputs: { env: '1FOO=x' }, names: 'env', says: /line 1/ },
  { what: 'env name twice', inputs: { env: 'A=1\nB=2\nA=3' }, names: 'env', says: /lines 1 and 3/ },
  { what: 'env name with a space', inputs: { env: 'MY VAR=1' }, names: 'env' },
  { what: 'labels line without =', inputs: { labels: 'team' }, names: 'labels' },
  { what: 'labels key with !', inputs: { labels: 'bad!key=x' }, names: 'labels' },
  {
    what: "labels in the action's namespace",
    inputs: { labels: 'daytona-action/run-id=1' },
    names: 'labels',
    says: /belong to the action/,
  },
  { what: 'labels value over 255', inputs: { labels: `k=${'v'.repeat(300)}` }, names: 'labels' },
  // enums and booleans
  { what: 'keep-sandbox unknown', inputs: { 'keep-sandbox': 'sometimes' }, names: 'keep-sandbox' },
  { what: 'fail-fast yes', inputs: { 'fail-fast': 'yes' }, names: 'fail-fast', says: /true or false/ },
  { what: 'summary on', inputs: { summary: 'on' }, names: 'summary' },
  { what: 'allow-fork 1', inputs: { 'allow-fork': '1' }, names: 'allow-fork' },
  { what: 'rebuild-snapshot maybe', inputs: { 'rebuild-snapshot': 'maybe' }, names: 'rebuild-snapshot' },
  { what: 'prune-snapshots no', inputs: { 'prune-snapshots': 'no' }, names: 'prune-snapshots' },
  { what: 'shell unknown', inputs: { shell: 'fish' }, names: 'shell', says: /bash, sh, python, pwsh/ },
  { what: 'shell without {0}', inputs: { shell: 'perl -e' }, names: 'shell' },
  { what: 'mode unknown', inputs: { mode: 'sweep' }, names: 'mode', says: /run, cleanup/ },
  { what: 'dry-run yes', inputs: { mode: 'cleanup', 'dry-run': 'yes' }, names: 'dry-run' },
  { what: 'older-than in days', inputs: { mode: 'cleanup', 'older-than': '3d' }, names: 'older-than' },
  { what: 'capacity-timeout in words', inputs: { 'capacity-timeout': 'long' }, names: 'capacity-timeout' },
  // paths
  { what: 'working-directory ..', inputs: { 'working-directory': '..' }, names: 'working-directory' },
  {
    what: 'working-directory climbing out',
    inputs: { 'working-directory': 'src/../../etc' },
    names: 'working-directory',
    says: /inside the repository/,
  },
  { what: 'working-directory absolute', inputs: { 'working-directory': '/etc' }, names: 'working-directory' },
  { what: 'working-directory home', inputs: { 'working-directory': '~/x' }, names: 'working-directory' },
  { what: 'dockerfile outside', inputs: { dockerfile: '../Dockerfile' }, names: 'dockerfile' },
  { what: 'context outside', inputs: { context: '../..' }, names: 'context' },
  // the script
  { what: 'run empty', inputs: { run: '' }, names: 'run', says: /is required/ },
  { what: 'run only comments', inputs: { run: '# nothing\n\n' }, names: 'run', says: /no commands/ },
  { what: 'run an unclosed if', inputs: { run: 'if true; then\n  echo hi\n' }, names: 'run', says: /line/ },
  { what: 'run an unclosed quote', inputs: { run: 'echo "oops' }, names: 'run', says: /line 1/ },
  // connection
  { what: 'api-key missing', inputs: { 'api-key': '' }, names: 'api-key', says: /DAYTONA_API_KEY/ },
  { what: 'api-key with a newline', inputs: { 'api-key': 'dtn_a\ndtn_b' }, names: 'api-key' },
  { what: 'api-url not http', inputs: { 'api-url': 'ftp://example.com' }, names: 'api-url' },
  {
    what: 'api-url with credentials',
    inputs: { 'api-url': 'https://user:pw@example.com/api' },
    names: 'api-url',
  },
  // outside a workflow run
  {
    what: 'no GitHub context',
    inputs: {},
    names: 'repository',
    says: /GITHUB_REPOSITORY/,
    env: { GITHUB_REPOSITORY: '', GITHUB_EVENT_PATH: '', GITHUB_EVENT_NAME: '' },
  },
]

describe('bad input corpus', () => {
  it('holds at least 40 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40)
  })

  it.each(CORPUS)('$what → one line naming $names, no request', async ({ inputs, names, says, env }) => {
    await project.emulator.admin.resetRequests()
    const { main, post } = await job(
      project,
      { run: 'echo never', ...inputs },
      env ? { env: { ...project.env, ...env } } : {},
    )
    expect(main.exitCode).toBe(1)
    const errors = main.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    const line = errors[0]!.message
    expect(line).not.toContain('\n')
    expect(line).toMatch(new RegExp(`^Inputs? .*'${names}'`))
    if (says) expect(line).toMatch(says)
    expect(post.exitCode).toBe(0)
    expect(post.annotations.filter((a) => a.level !== 'notice')).toEqual([])
    expect((await project.emulator.admin.requests()).total).toBe(0)
  })
})
