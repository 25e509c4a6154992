import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Step } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';

/** Exports the container's filesystem to export_path; a partial file is removed on failure. */
export const stepExport: Step<DockerBuildState> = {
  name: 'export',
  async run(state, { ui, signal }) {
    const path = state.config.exportPath;
    if (!state.containerId || !path) throw new Error('nothing to export');
    ui.say('Exporting the container');
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(await state.driver.exportContainer(state.containerId, signal), createWriteStream(path), {
        signal,
      });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    state.exportedPath = path;
  },
};
