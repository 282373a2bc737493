// The corpus on an image with bash but no git program: the daemon clones with its own git, and the session
// shell is bash.
import { corpusSuite } from './corpus.ts'

corpusSuite('run: blocks on python:3.12-slim (bash session shell, no git)', {
  inputs: { image: 'python:3.12-slim' },
})
