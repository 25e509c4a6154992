import type { Ui } from '../ui.js';

/** What the user chose after a failed step under -on-error=ask. */
export type FailureAnswer = 'cleanup' | 'abort' | 'retry';

/** Packer's question after a failed step (-on-error=ask). */
export const ASK_PROMPT =
  '[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)?';

/** Resolves undefined when the signal aborts first; rejects as `ask` rejects. */
function askOrCancel(ui: Ui, question: string, signal: AbortSignal): Promise<string | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<string | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    ui.ask(question).then(
      (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * -debug: "Pausing after run of step 'x'. Press enter to continue." (Packer's
 * words), waiting for Enter; a cancel ends the pause at once.
 */
export async function debugPause(
  ui: Ui,
  where: 'after run of' | 'before cleanup of',
  step: string,
  signal: AbortSignal,
): Promise<void> {
  try {
    await askOrCancel(ui, `Pausing ${where} step '${step}'. Press enter to continue.`, signal);
  } catch (error) {
    ui.error(`Cannot pause: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * -on-error=ask: shows the error and asks Packer's question until the answer
 * starts with c, a or r (empty: clean up). A cancel, or no one to answer (no
 * terminal), cleans up.
 */
export async function askAfterFailure(
  ui: Ui,
  step: string,
  error: unknown,
  signal: AbortSignal,
): Promise<FailureAnswer> {
  ui.error(error instanceof Error ? error.message : String(error));
  ui.say(`Step "${step}" failed`);
  for (;;) {
    let line: string | undefined;
    try {
      line = await askOrCancel(ui, ASK_PROMPT, signal);
    } catch (e) {
      ui.error(`Cannot ask what to do (${e instanceof Error ? e.message : String(e)}); cleaning up.`);
      return 'cleanup';
    }
    if (line === undefined) return 'cleanup';
    const choice = `${line.trim().toLowerCase()}c`[0];
    if (choice === 'c') return 'cleanup';
    if (choice === 'a') return 'abort';
    if (choice === 'r') return 'retry';
    ui.say(`Incorrect input: ${JSON.stringify(line)}`);
  }
}
