import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import { tempRoot } from '../reaper.js';
import type { DockerBuildState } from '../state.js';

/**
 * Creates the host directory shared with the container at container_dir,
 * named so that the reaper removes it if the plugin is killed.
 */
export const stepTempDir: Step<DockerBuildState> = {
  name: 'temp-dir',
  async run(state, { ui }) {
    ui.say('Creating a temporary directory for sharing data...');
    state.reaper.ensureStarted();
    state.tempDir = await mkdtemp(join(tempRoot(), state.reaper.tempPrefix()));
  },
  async cleanup(state) {
    if (!state.tempDir) return;
    await rm(state.tempDir, { recursive: true, force: true });
    state.tempDir = undefined;
  },
  async leave(state) {
    if (state.tempDir) state.reaper.keep({ dir: state.tempDir });
  },
};
