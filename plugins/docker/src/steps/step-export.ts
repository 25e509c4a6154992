import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Step, writeFileAtomic } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';

/** Exports the container's filesystem to export_path; written under a temporary name and renamed once complete, so a failed or cancelled export leaves no partial file. */
export const stepExport: Step<DockerBuildState> = {
  name: 'export',
  async run(state, { ui, signal }) {
    const path = state.config.exportPath;
    if (!state.containerId || !path) throw new Error('nothing to export');
    ui.say('Exporting the container');
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, await state.driver.exportContainer(state.containerId, signal), { signal });
    state.exportedPath = path;
  },
};
