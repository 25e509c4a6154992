import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';
import { qemuCacheRoot } from '../step-cache/layout.js';
import { createCacheRun, disposeCacheRun, firstLayer, restoreLayers } from '../step-cache/run-dir.js';

/**
 * kiln build -cache: the VM's disk is a chain of qcow2 layers in a working
 * directory under Kiln's cache directory instead of one file in the output
 * directory. With an entry to start from, its chain is laid out there and
 * the VM will load its state (step-run-vm); an entry that has gone is a
 * miss: the build starts from scratch.
 */
export function stepCacheDisk(startFrom: string | undefined, root = qemuCacheRoot()): Step<QemuBuildState> {
  return {
    name: 'cache-disk',
    async run(state, { ui, signal }) {
      const run = await createCacheRun(root, state.build.runId);
      state.cacheRun = run;
      const entry = startFrom ? await restoreLayers(run, startFrom, root) : undefined;
      if (startFrom && !entry)
        ui.message(`Step cache entry ${startFrom.slice(0, 12)} is gone; starting from scratch`);
      if (entry) {
        ui.say(`Starting from the VM state of step cache entry ${startFrom!.slice(0, 12)}`);
        if (entry.temporaryKey && state.temporaryKey) {
          state.temporaryKey = { ...entry.temporaryKey };
          state.generatedData.SSHPublicKey = entry.temporaryKey.publicKey;
        }
      } else {
        ui.say('Creating required virtual machine disks');
        await firstLayer(run, state.driver, state.config, state.isoPath!, signal);
      }
      state.diskPath = run.activePath;
      state.additionalDisks = [];
    },
    async cleanup(state) {
      if (state.cacheRun) await disposeCacheRun(state.cacheRun);
      state.cacheRun = undefined;
    },
    async leave(state, { ui }) {
      state.cacheRun?.qmp?.close();
      if (state.cacheRun) ui.say(`Leaving the VM's disk layers in ${state.cacheRun.dir}`);
    },
  };
}
