// Measures the runner side of `download`: peak RSS while streaming one large sandbox file to disk, against
// the emulator's toolbox. Run: node bench/results-download-memory.ts [MiB]
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpClient } from '../src/daytona/http.ts'
import { FilesApi } from '../src/daytona/toolbox/files.ts'
import { downloadFiles } from '../src/results/download.ts'
import { filesOf, matchFiles } from '../src/results/listing.ts'
import { startToolbox } from '../test/emulator/toolbox-harness.ts'

const mib = Number(process.argv[2] ?? 300)
const harness = await startToolbox({ isolation: 'process' })
const out = await mkdtemp(join(tmpdir(), 'results-bench-'))
try {
  const sb = await harness.sandbox()
  const home = (await sb.get('/user-home-dir')).json.dir as string
  const made = await sb.exec(
    `mkdir -p clone/coverage && head -c ${mib}M /dev/urandom > clone/coverage/big.bin && sha256sum clone/coverage/big.bin`,
  )
  const sandboxHash = /([0-9a-f]{64})/.exec(made.result)?.[1]
  const http = new HttpClient({ apiKey: 'bench' })
  const files = new FilesApi(http, `${sb.base}/`)
  const clone = `${home}/clone`
  const listing = filesOf(clone, await files.list(clone, { depth: 64 }))
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const before = process.memoryUsage().rss
  const started = Date.now()
  const result = await downloadFiles(files, out, matchFiles(listing.files, ['coverage']))
  clearInterval(timer)
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(join(out, 'coverage/big.bin'))) hash.update(chunk)
  console.log(
    JSON.stringify({
      mib,
      seconds: (Date.now() - started) / 1000,
      rssBeforeMiB: Math.round(before / 2 ** 20),
      rssPeakMiB: Math.round(peak / 2 ** 20),
      bytes: result.files[0]?.bytes,
      identical: hash.digest('hex') === sandboxHash,
    }),
  )
  await http.close()
} finally {
  await harness.close()
  await rm(out, { recursive: true, force: true })
}
