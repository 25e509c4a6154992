import type { ConfigSchema, Provisioner } from '@kiln/plugin-sdk';
import { abortError } from '../shared/abort.js';
import { decodeBuiltin } from '../shared/config.js';

/** The decoded body of a `breakpoint` provisioner. */
export interface BreakpointConfig {
  note?: string;
  disable: boolean;
}

/** Schema of the `breakpoint` provisioner. */
export const breakpointSchema: ConfigSchema = {
  description: 'Pauses the build until the user presses enter (for debugging).',
  attributes: {
    note: { type: 'string', description: 'Shown when the build pauses here.' },
    disable: { type: 'bool', default: false, description: 'Skip this breakpoint.' },
  },
};

/** The `breakpoint` provisioner: asks the user to press enter; cancellable. */
export const breakpointProvisioner: Provisioner = {
  schema: breakpointSchema,
  description: breakpointSchema.description,
  async prepare(raw) {
    const { cfg } = decodeBuiltin<BreakpointConfig>(breakpointSchema, raw);
    const noted = (what: string) => (cfg.note ? `${what} with note "${cfg.note}"` : what);
    return {
      async provision({ ui, signal }) {
        if (cfg.disable) {
          ui.say(`${noted('Breakpoint provisioner')} disabled; continuing...`);
          return;
        }
        ui.say(`${noted('Pausing at breakpoint provisioner')}.`);
        signal.throwIfAborted();
        let onAbort = () => {};
        const aborted = new Promise<never>((_, reject) => {
          onAbort = () => reject(abortError(signal));
          signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
          await Promise.race([ui.ask('Press enter to continue.'), aborted]);
        } catch (err) {
          if (signal.aborted) throw err;
          throw new Error(
            `Error asking for input: ${(err as Error).message}. ` +
              'The breakpoint provisioner needs a terminal; run in one, or set disable = true.',
          );
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      },
    };
  },
};
