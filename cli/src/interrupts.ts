/** Something that can kill what it started when the user insists (a run's plugins). */
export interface Killable {
  shutdown(force?: boolean): Promise<void>;
}

/** Ctrl-C handling for a build run. */
export interface Interrupts {
  /** Aborted by the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Called once, on the first interrupt. */
  onInterrupt(f: () => void): void;
  /** What a second interrupt kills (known once the run is open). */
  killOnSecond(plugins: Killable): void;
  dispose(): void;
}

/**
 * The first SIGINT (or SIGTERM) cancels the run gracefully: every build
 * cancels and its cleanups run. A second one kills the plugins and exits 1.
 */
export function watchInterrupts(): Interrupts {
  const controller = new AbortController();
  const listeners: (() => void)[] = [];
  let plugins: Killable | undefined;
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) {
      for (const f of listeners) f();
      if (listeners.length === 0) process.stderr.write('Cancelling after receiving interrupt\n');
      controller.abort();
      return;
    }
    process.stderr.write('Interrupted again: stopping now without cleaning up.\n');
    const exit = () => process.exit(1);
    setTimeout(exit, 2000).unref();
    (plugins?.shutdown(true) ?? Promise.resolve()).then(exit, exit);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    onInterrupt: (f) => listeners.push(f),
    killOnSecond: (p) => {
      plugins = p;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
