import type { Step } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';
import { cacheRef, isKey } from '../step-cache/labels.js';

/**
 * kiln build -cache with a hit: the container starts from the step cache
 * image of `key` instead of the base image. An entry that is gone (or not
 * a step cache image) is a miss: the build starts from the base. When the
 * entry is the last provisioner's (`last`), nothing will run in the
 * container, so it is created and not started.
 */
export function stepRestore(key: string, last = false): Step<DockerBuildState> {
  return {
    name: 'restore',
    async run(state, { ui }) {
      const image = isKey(key) ? await state.driver.inspectImage(cacheRef(key)) : undefined;
      if (!image) {
        ui.message(`Step cache entry ${key.slice(0, 12)} is gone; starting from ${state.config.image}`);
        return;
      }
      state.startImage = image.id;
      state.restoredKey = key;
      state.idle = last;
      ui.say(`Starting from step cache image ${cacheRef(key.slice(0, 12))}… (${image.id.slice(7, 19)})`);
    },
  };
}
