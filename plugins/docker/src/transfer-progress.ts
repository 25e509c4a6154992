import type { Ui } from '@kiln/plugin-sdk';
import type { TransferEvent } from './driver.js';

/**
 * Folds the engine's per-layer pull/push events into one progress bar on
 * the Ui: current and total summed over the layers seen so far.
 */
export function transferProgress(
  ui: Ui,
  id: string,
  label: string,
): { onEvent: (e: TransferEvent) => void; done: () => void } {
  const layers = new Map<string, { current: number; total: number }>();
  let last = 0;
  const emit = (done: boolean) => {
    let current = 0;
    let total = 0;
    for (const l of layers.values()) {
      current += l.current;
      total += l.total;
    }
    ui.progress({ id, label, current, total, ...(done ? { done } : {}) });
  };
  return {
    onEvent(e) {
      if (!e.id || e.total === undefined) return;
      layers.set(e.id, { current: e.current ?? 0, total: e.total });
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      emit(false);
    },
    done: () => emit(true),
  };
}
