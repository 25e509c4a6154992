#!/usr/bin/env node
/**
 * A TypeScript plugin for the conformance suite: the "ts-null" builder,
 * written with @kiln/plugin-sdk's serve() and step runner. It says its
 * message, runs the provision hook and returns an artifact; its one step's
 * cleanup says what it undoes.
 */
import { type Builder, ConfigError, runSteps, type Step, serve } from '@kiln/plugin-sdk';

interface State {
  message: string;
}

const say: Step<State> = {
  name: 'say',
  async run(state, ctx) {
    ctx.ui.say(state.message);
  },
  async cleanup(_state, ctx) {
    ctx.ui.say('ts-null: nothing to undo for "say"');
  },
};

const tsNull: Builder = {
  description: 'Says a message and runs the provisioners without a machine.',
  schema: { attributes: { message: { type: 'string', required: true, description: 'What to say.' } } },
  async prepare(config) {
    if (typeof config.message !== 'string' || config.message === '') {
      throw new ConfigError([
        { severity: 'error', summary: 'message must be a non-empty string', path: ['message'] },
      ]);
    }
    const message = config.message;
    return {
      async run(ctx) {
        await runSteps(
          [
            say,
            {
              name: 'provision',
              run: (_s, sctx) => ctx.hook.run('provision', undefined, {}, sctx.signal),
            },
          ],
          { message },
          ctx,
        );
        return { builderId: 'kiln.ts-null', id: 'ts-null', files: [], description: message, state: {} };
      },
    };
  },
};

await serve({ name: 'kiln-test-ts-null', version: '0.0.1', builders: { 'ts-null': tsNull } });
