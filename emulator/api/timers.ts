// Every delayed transition of the emulator goes through one Timers so that close() can cancel them all.
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>()
  private closed = false

  /** Runs fn after ms; errors are reported, never thrown into the event loop. */
  after(ms: number, fn: () => void | Promise<void>, onError: (err: unknown) => void): void {
    if (this.closed) return
    const t = setTimeout(() => {
      this.pending.delete(t)
      Promise.resolve()
        .then(fn)
        .catch((err) => onError(err))
    }, ms)
    this.pending.add(t)
  }

  /** Resolves after ms; never resolves once closed (the awaiting work is abandoned). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve, () => {}))
  }

  get isClosed(): boolean {
    return this.closed
  }

  close(): void {
    this.closed = true
    for (const t of this.pending) clearTimeout(t)
    this.pending.clear()
  }
}

/** Log lines that can be read whole or followed live (build logs). */
export class LogStream {
  readonly lines: string[] = []
  /** undefined while running; true when the work succeeded, false when it failed */
  outcome: boolean | undefined
  private readonly listeners = new Set<(line: string | null) => void>()

  push(line: string): void {
    this.lines.push(line)
    for (const l of this.listeners) l(line)
  }

  finish(ok: boolean): void {
    if (this.outcome !== undefined) return
    this.outcome = ok
    for (const l of this.listeners) l(null)
  }

  /** Calls back with each new line, and with null when the work finishes. Returns the unsubscribe. */
  subscribe(listener: (line: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
