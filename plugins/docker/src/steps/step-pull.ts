import type { Step } from '@kiln/plugin-sdk';
import { registryAuth } from '../login.js';
import type { DockerBuildState } from '../state.js';
import { transferProgress } from '../transfer-progress.js';

/** Pulls the base image (unless pull = false), then records its configuration. */
export const stepPull: Step<DockerBuildState> = {
  name: 'pull',
  async run(state, { ui, signal }) {
    const { config, driver } = state;
    if (config.pull) {
      ui.say(`Pulling Docker image: ${config.image}`);
      const progress = transferProgress(ui, `pull:${config.image}`, `Pulling ${config.image}`);
      const auth = registryAuth(config, config.image);
      await driver.pull(config.image, {
        ...(auth ? { auth } : {}),
        ...(config.platform ? { platform: config.platform } : {}),
        signal,
        onEvent: progress.onEvent,
      });
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
