// The corpus on Daytona's default snapshot, whose image lists zsh in /etc/shells: the daemon's session shell
// is zsh (when this machine has zsh; else the emulator says so and uses bash).
import { corpusSuite } from './corpus.ts'

corpusSuite('run: blocks on the default snapshot (zsh session shell)', { inputs: {} })
