import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';

/** Creates the host directory shared with the container at container_dir. */
export const stepTempDir: Step<DockerBuildState> = {
  name: 'temp-dir',
  async run(state, { ui }) {
    ui.say('Creating a temporary directory for sharing data...');
    state.tempDir = await mkdtemp(join(process.env.KILN_TMPDIR ?? tmpdir(), 'kiln-docker-'));
  },
  async cleanup(state) {
    if (!state.tempDir) return;
    await rm(state.tempDir, { recursive: true, force: true });
    state.tempDir = undefined;
  },
};
