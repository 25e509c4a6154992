import type { Step } from '@kiln/plugin-sdk';
import type { Image } from '../driver.js';
import { gceError, gceMessage, isNotFound } from '../errors.js';
import { render } from '../render.js';
import { type GceState, INCOMPLETE_LABEL, runLabels } from '../state.js';
import { waitOperation } from '../wait.js';

/** The image resource: the boot disk as its source, with the image_* settings and the run's labels. */
export function imageResource(state: GceState, name: string): Image {
  const { config } = state;
  const key = config.imageEncryptionKey;
  return {
    name,
    ...(config.imageFamily ? { family: config.imageFamily } : {}),
    ...(config.imageDescription ? { description: render(config.imageDescription, state.startedAt) } : {}),
    labels: { ...config.imageLabels, ...runLabels(state), [INCOMPLETE_LABEL]: 'true' },
    sourceDisk: `projects/${config.access.projectId}/zones/${config.zone}/disks/${state.diskName}`,
    ...(config.imageStorageLocations.length ? { storageLocations: config.imageStorageLocations } : {}),
    ...(config.imageLicenses.length ? { licenses: config.imageLicenses } : {}),
    ...(key ? { imageEncryptionKey: key } : {}),
  };
}

/**
 * Creates the image from the boot disk, labelled kiln-incomplete until it is
 * ready; then removes that label. Cleanup deletes an image that did not
 * get that far.
 */
export const stepCreateImage: Step<GceState> = {
  name: 'create-image',
  async run(state, { ui, signal }) {
    const { config, gce } = state;
    const name = render(config.imageName, state.startedAt);
    state.imageName = name;
    ui.say(`Creating image ${name}...`);
    try {
      const op = await gce.insertImage(imageResource(state, name));
      await waitOperation(gce, op, { timeoutMs: config.stateTimeoutMs, signal, what: 'image creation' });
      const image = await gce.getImage(config.access.projectId, name);
      if (!image) throw new Error(`image ${name} is gone`);
      const labels = { ...(image.labels ?? {}) };
      delete labels[INCOMPLETE_LABEL];
      const set = await gce.setImageLabels(name, labels, image.labelFingerprint ?? '');
      await waitOperation(gce, set, { timeoutMs: config.stateTimeoutMs, signal, what: 'image labelling' });
      state.image = { ...image, labels };
    } catch (e) {
      throw gceError('Error creating image', e);
    }
    state.completed = true;
    state.generatedData.ImageName = name;
    ui.message(`Image ${name} has been created!`);
  },
  async cleanup(state, { ui, signal }) {
    if (state.completed || !state.imageName) return;
    const { config, gce } = state;
    try {
      if (!(await gce.getImage(config.access.projectId, state.imageName))) return;
      ui.say(`Deleting the unfinished image ${state.imageName}...`);
      const op = await gce.deleteImage(state.imageName);
      await waitOperation(gce, op, { timeoutMs: config.stateTimeoutMs, signal, what: 'image deletion' });
    } catch (e) {
      if (isNotFound(e)) return;
      ui.error(`Error deleting image ${state.imageName}, may still be around: ${gceMessage(e)}`);
    }
  },
};
