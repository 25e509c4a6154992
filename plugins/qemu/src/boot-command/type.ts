import { setTimeout as sleep } from 'node:timers/promises';
import { charKeysym, needsShift, SHIFT, SPECIAL_KEYS } from './keysyms.js';
import type { BootAction } from './parse.js';

/** Where keys go: an RFB connection (or a recorder in tests). */
export interface KeySink {
  key(keysym: number, down: boolean): void;
}

/** Types parsed boot command actions with `intervalMs` between keys. */
export async function typeActions(
  actions: BootAction[],
  sink: KeySink,
  intervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  const pause = (ms: number) => (ms > 0 ? sleep(ms, undefined, { signal }) : Promise.resolve());
  for (const a of actions) {
    signal.throwIfAborted();
    if (a.kind === 'wait') {
      await pause(a.ms);
      continue;
    }
    if (a.kind === 'key') {
      const sym = SPECIAL_KEYS[a.key]!;
      if (a.action !== 'up') sink.key(sym, true);
      if (a.action !== 'down') sink.key(sym, false);
      await pause(intervalMs);
      continue;
    }
    const shift = needsShift(a.char);
    if (shift) sink.key(SHIFT, true);
    const sym = charKeysym(a.char);
    sink.key(sym, true);
    sink.key(sym, false);
    if (shift) sink.key(SHIFT, false);
    await pause(intervalMs);
  }
}
