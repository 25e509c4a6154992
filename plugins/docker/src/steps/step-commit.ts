import type { Step } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';
import { CACHE_LABELS } from '../step-cache/labels.js';
import { containerSpec } from './step-run.js';

/**
 * The configuration commit starts from: the base image's ENTRYPOINT and CMD
 * (the container ran with run_command's entrypoint, which must not leak into
 * the image), and the base's labels with Kiln's own container labels blanked
 * (the engine merges the container's labels in; a blank value cannot match a
 * reaper or run filter). The user's `changes` are applied over it.
 */
export function commitBaseConfig(
  state: DockerBuildState,
  containerLabels: string[],
): { Entrypoint: string[]; Cmd?: string[]; Labels: Record<string, string> } {
  const base = state.baseImage;
  const labels: Record<string, string> = {};
  for (const key of containerLabels) labels[key] = '';
  // A container started from a step cache image inherited its labels.
  if (state.startImage) for (const key of Object.values(CACHE_LABELS)) labels[key] = '';
  Object.assign(labels, base?.labels ?? {});
  return { Entrypoint: base?.entrypoint ?? [], ...(base?.cmd ? { Cmd: base.cmd } : {}), Labels: labels };
}

/** Commits the container to an image. */
export const stepCommit: Step<DockerBuildState> = {
  name: 'commit',
  async run(state, { ui }) {
    if (!state.containerId) throw new Error('no container to commit');
    ui.say('Committing the container');
    state.imageId = await state.driver.commit(state.containerId, {
      ...(state.config.author ? { author: state.config.author } : {}),
      ...(state.config.message ? { message: state.config.message } : {}),
      changes: state.config.changes,
      config: commitBaseConfig(state, Object.keys(containerSpec(state).labels)),
    });
    state.generatedData.ImageSha256 = state.imageId.replace(/^sha256:/, '');
    ui.message(`Image ID: ${state.imageId}`);
  },
};
