// node scripts/corpus-case.ts "<name>": one block of the run: corpus (test/corpus/run-blocks.ts) as step outputs
// (run, fail-fast, codes), so that the real-service workflow runs exactly the cases the tests run on the emulator.
import { randomBytes } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { RUN_BLOCKS } from '../test/corpus/run-blocks.ts'

const name = process.argv[2]
const block = RUN_BLOCKS.find((candidate) => candidate.name === name)
if (!block) {
  console.error(`corpus-case: no run: block named ${JSON.stringify(name)}; the corpus has:`)
  for (const candidate of RUN_BLOCKS) console.error(`  ${candidate.name}`)
  process.exit(2)
}
const output = process.env.GITHUB_OUTPUT
if (!output) {
  console.log(JSON.stringify(block, null, 2))
} else {
  // A delimiter the block cannot contain, so a block cannot end its own value early.
  const delimiter = `EOF_${randomBytes(16).toString('hex')}`
  appendFileSync(
    output,
    `run<<${delimiter}\n${block.run}\n${delimiter}\n` +
      `fail-fast=${block.failFast ?? true}\ncodes=${JSON.stringify(block.codes)}\n`,
  )
}
