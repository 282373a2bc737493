// An image lacks programs the host has: bash on alpine, git on the *-slim images. There is no image filesystem,
// so a sandbox of such an image sees the standard PATH directories through one directory of links to what they
// hold, minus what the image lacks: `command -v bash` fails as on alpine (the action's driver falls back to sh
// there), and running `git` answers "not found" (127). Kinder than the image in one way: a program named by its
// absolute path (`#!/bin/bash`, `/usr/bin/git`) is still found. `echo "$PATH"` shows the view's directory in
// place of the standard ones.
import { mkdir, readdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { STANDARD_PATH } from './image-tools.ts'

const STANDARD_DIRS = STANDARD_PATH.split(':')

/** Writes into `dir` a link to every program of the standard PATH directories but `missing` (first one wins). */
export async function writePathView(dir: string, missing: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  const linked = new Set(missing)
  for (const from of STANDARD_DIRS) {
    const names = await readdir(from).catch(() => [])
    for (const name of names) {
      if (linked.has(name)) continue
      linked.add(name)
      await symlink(join(from, name), join(dir, name))
    }
  }
}

/** `path` with its standard directories replaced by the view `dir`, where the first of them stood. */
export function throughPathView(path: string, dir: string): string {
  const entries: string[] = []
  for (const entry of path.split(':')) {
    if (!STANDARD_DIRS.includes(entry)) entries.push(entry)
    else if (!entries.includes(dir)) entries.push(dir)
  }
  return entries.join(':')
}
