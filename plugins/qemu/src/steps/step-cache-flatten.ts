import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/**
 * kiln build -cache: writes the disk the build produced (the whole layer
 * chain, without VM states) to the output directory, as one qcow2 file, or
 * with use_backing_file as an overlay on the disk image. This replaces the
 * compaction step: qemu-img convert compacts (and with disk_compression
 * compresses) as it copies.
 */
export const stepCacheFlatten: Step<QemuBuildState> = {
  name: 'cache-flatten',
  async run(state, { ui, signal }) {
    const { config } = state;
    const run = state.cacheRun;
    if (!run) return;
    run.qmp?.close();
    run.qmp = undefined;
    const target = join(state.outputDir, config.vmName);
    ui.say(config.diskCompression ? 'Compressing the disk image...' : 'Converting hard drive...');
    const backing: string[] = [];
    if (config.diskImage && config.useBackingFile) {
      const { format } = JSON.parse(
        await state.driver.qemuImg(['info', '--output=json', state.isoPath!], signal),
      ) as { format: string };
      backing.push('-B', state.isoPath!, '-F', format);
    }
    try {
      await state.driver.qemuImg(
        [
          'convert',
          ...(config.diskCompression ? ['-c'] : []),
          '-O',
          'qcow2',
          ...backing,
          run.activePath,
          target,
        ],
        signal,
      );
    } catch (e) {
      await rm(target, { force: true });
      throw e;
    }
    state.diskPath = target;
  },
};
