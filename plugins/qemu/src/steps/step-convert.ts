import { rename, rm } from 'node:fs/promises';
import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Compacts (and with disk_compression compresses) the qcow2 disk with qemu-img convert. */
export const stepConvert: Step<QemuBuildState> = {
  name: 'convert-disk',
  async run(state, { ui, signal }) {
    const { config } = state;
    if (config.format !== 'qcow2' || !state.diskPath || config.useBackingFile) return;
    if (config.skipCompaction && !config.diskCompression) return;
    const tmp = `${state.diskPath}.convert`;
    ui.say(config.diskCompression ? 'Compressing the disk image...' : 'Converting hard drive...');
    try {
      await state.driver.qemuImg(
        ['convert', ...(config.diskCompression ? ['-c'] : []), '-O', 'qcow2', state.diskPath, tmp],
        signal,
      );
      await rename(tmp, state.diskPath);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  },
};
