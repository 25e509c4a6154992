import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Makes the floppy image of floppy_files / floppy_dirs (attached with -fda); removed at the end. */
export function stepFloppy(): Step<QemuBuildState> {
  let dir: string | undefined;
  return {
    name: 'floppy',
    async run(state, { ui, signal }) {
      const { floppyFiles, floppyDirs, floppyLabel } = state.config;
      if (floppyFiles.length === 0 && floppyDirs.length === 0) return;
      ui.say('Creating floppy disk...');
      dir = await mkdtemp(join(tmpdir(), 'kiln-floppy-'));
      const image = join(dir, 'floppy.img');
      await state.driver.makeFloppy(image, floppyLabel, floppyFiles, floppyDirs, signal);
      for (const f of [...floppyFiles, ...floppyDirs]) ui.message(`Copying to floppy: ${f}`);
      state.floppyPath = image;
    },
    async cleanup(state) {
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = undefined;
      state.floppyPath = undefined;
    },
  };
}
