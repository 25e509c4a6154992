import type { Step } from '@kiln/plugin-sdk';
import { registryAuth } from '../login.js';
import type { DockerBuildState } from '../state.js';
import { transferProgress } from '../transfer-progress.js';

/** Pulls the base image (unless pull = false), then records its configuration. */
export const stepPull: Step<DockerBuildState> = {
  name: 'pull',
  async run(state, { ui, signal }) {
    const { config, driver } = state;
    // Started from a step cache image: the base was pulled when the cache keys were made.
    if (config.pull && !state.startImage) {
      ui.say(`Pulling Docker image: ${config.image}`);
      const progress = transferProgress(ui, `pull:${config.image}`, `Pulling ${config.image}`);
      const auth = registryAuth(config, config.image);
      try {
        await driver.pull(config.image, {
          ...(auth ? { auth } : {}),
          ...(config.platform ? { platform: config.platform } : {}),
          signal,
          onEvent: progress.onEvent,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        const why =
          error instanceof Error
            ? error.message.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '')
            : String(error);
        throw new Error(
          `Pulling ${config.image} failed: ${why.trim()}\nIf the image exists locally, set pull = false; if the registry needs credentials, set login = true with login_username and login_password.`,
        );
      }
      progress.done();
    }
    const info = await driver.inspectImage(config.image);
    if (!info) {
      throw new Error(
        config.pull
          ? `Image ${config.image} was pulled but the engine does not know it.`
          : `Image ${config.image} is not present locally and pull = false: build or load it first, or set pull = true.`,
      );
    }
    state.baseImage = info;
  },
};
