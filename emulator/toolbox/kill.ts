// Killing what a sandbox started: process groups, their descendants (which may have left the group with
// setsid) and, as a last sweep, anything still carrying the sandbox's marker environment variable.
import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

interface ProcStat {
  pid: number
  ppid: number
  pgrp: number
  zombie: boolean
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), zombie: fields[0] === 'Z' }
  } catch {
    return undefined
  }
}

function allPids(): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (/^\d+$/.test(name)) pids.push(Number(name))
  }
  return pids
}

function liveStats(): ProcStat[] {
  const stats: ProcStat[] = []
  for (const pid of allPids()) {
    const stat = readStat(pid)
    if (stat && !stat.zombie) stats.push(stat)
  }
  return stats
}

/** The members of process group `pgid` and every descendant of them, wherever their group. */
export function processTree(pgid: number): number[] {
  const stats = liveStats()
  const found = new Set<number>()
  for (const s of stats) if (s.pgrp === pgid || s.pid === pgid) found.add(s.pid)
  // Descendants: repeat until no new child of a found process appears.
  let grew = true
  while (grew) {
    grew = false
    for (const s of stats) {
      if (!found.has(s.pid) && found.has(s.ppid)) {
        found.add(s.pid)
        grew = true
      }
    }
  }
  return [...found]
}

/** Processes whose environment holds `NAME=value` exactly (how a sandbox's processes are recognised). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = Buffer.from(`${name}=${value}\0`)
  const found: number[] = []
  for (const pid of allPids()) {
    if (pid === process.pid) continue
    try {
      const env = readFileSync(`/proc/${pid}/environ`)
      if (env.indexOf(needle) === 0 || env.indexOf(Buffer.concat([Buffer.from([0]), needle])) >= 0)
        found.push(pid)
    } catch {
      // gone, or not ours to read
    }
  }
  return found.filter((pid) => !readStat(pid)?.zombie)
}

export function isAlive(pid: number): boolean {
  const stat = readStat(pid)
  return stat !== undefined && !stat.zombie
}

function signal(pids: Iterable<number>, sig: NodeJS.Signals, pgid?: number) {
  if (pgid !== undefined) {
    try {
      process.kill(-pgid, sig)
    } catch {
      // group already empty
    }
  }
  for (const pid of pids) {
    if (pid <= 1 || pid === process.pid) continue
    try {
      process.kill(pid, sig)
    } catch {
      // already gone
    }
  }
}

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  for (;;) {
    if (!pids.some(isAlive)) return true
    if (Date.now() >= deadline) return false
    await sleep(25)
  }
}

/**
 * SIGTERM a process group (if given), its descendants and the `extra` processes, then SIGKILL whatever is
 * left after `graceMs`. The tree is read before signalling: once a parent dies its children are re-parented.
 */
export async function killGroup(
  pgid: number | undefined,
  graceMs: number,
  extra: () => number[] = () => [],
): Promise<void> {
  const tree = () => (pgid === undefined || pgid <= 1 ? [] : processTree(pgid))
  const group = pgid === undefined || pgid <= 1 ? undefined : pgid
  const first = [...tree(), ...extra()]
  if (graceMs > 0) {
    signal(first, 'SIGTERM', group)
    if (await waitGone(first, graceMs)) return
  }
  const rest = [...new Set([...first, ...tree(), ...extra()])]
  signal(rest, 'SIGKILL', group)
  await waitGone(rest, 2000)
}

/** SIGKILL at once (execute timeouts: the daemon kills the group outright). */
export function killGroupNow(pgid: number): number[] {
  const tree = processTree(pgid)
  signal(tree, 'SIGKILL', pgid)
  return tree
}
