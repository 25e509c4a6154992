import { join } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** qemu-img sizes: a bare number is MiB, as Packer reads disk_size. */
export function diskSizeArg(size: string): string {
  return /^\d+$/.test(size) ? `${size}M` : size.toUpperCase();
}

/** Creates the VM's disk (or copies / overlays disk_image) in the output directory. */
export const stepCreateDisk: Step<QemuBuildState> = {
  name: 'create-disk',
  async run(state, { ui, signal }) {
    const { config } = state;
    const path = join(state.outputDir, config.vmName);
    if (!config.diskImage) {
      ui.say('Creating required virtual machine disks');
      await state.driver.qemuImg(['create', '-f', config.format, path, diskSizeArg(config.diskSize)], signal);
    } else if (config.useBackingFile) {
      ui.say('Creating a qcow2 overlay on the disk image');
      const info = JSON.parse(
        await state.driver.qemuImg(['info', '--output=json', state.isoPath!], signal),
      ) as {
        format: string;
      };
      await state.driver.qemuImg(
        [
          'create',
          '-f',
          'qcow2',
          '-b',
          state.isoPath!,
          '-F',
          info.format,
          path,
          diskSizeArg(config.diskSize),
        ],
        signal,
      );
    } else {
      ui.say('Copying hard drive...');
      await state.driver.qemuImg(['convert', '-O', config.format, state.isoPath!, path], signal);
      await state.driver
        .qemuImg(['resize', '-f', config.format, path, diskSizeArg(config.diskSize)], signal)
        .catch((e) => {
          ui.message(`Not resizing the disk: ${(e as Error).message}`);
        });
    }
    state.diskPath = path;
    state.additionalDisks = [];
    for (const [i, size] of config.diskAdditionalSize.entries()) {
      const extra = `${path}-${i + 1}`;
      await state.driver.qemuImg(['create', '-f', config.format, extra, diskSizeArg(size)], signal);
      state.additionalDisks.push(extra);
    }
  },
};
