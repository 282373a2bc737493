// npm run actionlint: actionlint over every workflow in the repository; exit 1 on any finding.
import { join } from 'node:path'
import { formatFinding, lintRepository } from './workflow-lint.ts'

const { files, findings } = await lintRepository(join(import.meta.dirname, '..'))
for (const finding of findings) console.log(formatFinding(finding))
console.log(`actionlint: ${files.length} workflow(s), ${findings.length} finding(s)`)
process.exitCode = findings.length === 0 ? 0 : 1
