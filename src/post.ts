// The post step always runs (post-if: always()): it deletes whatever main's saved state still names. Main
// settles the sandbox itself in the usual case, and then this step only reads that from its state: the client
// is loaded for a leftover alone. It warns, never fails: the job's result is main's to decide.
import { savedState } from './saved-state.ts'

const leftover = savedState.leftover()
if (leftover) {
  const { deleteLeftover } = await import('./cleanup.ts')
  await deleteLeftover(leftover, savedState.apiUrl())
}
