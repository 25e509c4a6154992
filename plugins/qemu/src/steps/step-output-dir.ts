import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Makes the output directory (refused when present, unless -force); removes it when the build fails. */
export const stepOutputDir: Step<QemuBuildState> = {
  name: 'output-directory',
  async run(state, { ui }) {
    if (existsSync(state.outputDir)) {
      if (!state.build.force) {
        throw new Error(
          `Output directory exists: ${state.config.outputDirectory}\nUse the -force flag to delete it prior to building.`,
        );
      }
      ui.say(`Deleting previous output directory: ${state.config.outputDirectory}`);
      await rm(state.outputDir, { recursive: true, force: true });
    }
    await mkdir(state.outputDir, { recursive: true });
    state.outputDirCreated = true;
    state.generatedData.OutputDir = state.outputDir;
  },
  async cleanup(state, { ui }) {
    if (state.succeeded || !state.outputDirCreated) return;
    ui.say('Deleting output directory...');
    await rm(state.outputDir, { recursive: true, force: true });
  },
};
