import { setTimeout as sleep } from 'node:timers/promises';
import type { Step } from '@kiln/plugin-sdk';
import { parseBootCommand } from '../boot-command/parse.js';
import { typeActions } from '../boot-command/type.js';
import type { QemuBuildState } from '../state.js';
import { renderTemplate } from '../template.js';
import { templateData } from './step-run-vm.js';

/** Waits boot_wait after the VM started, then types boot_command over VNC. */
export const stepBootCommand: Step<QemuBuildState> = {
  name: 'boot-command',
  async run(state, { ui, signal }) {
    const { config } = state;
    if (state.restoredKey) {
      ui.say('Started from a saved VM state: no boot wait, no boot command');
      return;
    }
    const left = config.bootWaitMs - (Date.now() - (state.vmStartedAt ?? Date.now()));
    if (left > 0) {
      ui.say(`Waiting ${Math.round(config.bootWaitMs / 100) / 10}s for boot...`);
      await sleep(left, undefined, { signal });
    }
    if (config.bootCommand.length === 0) return;
    const data = templateData(state);
    ui.say('Typing the boot command over VNC...');
    for (const line of config.bootCommand) {
      const text = renderTemplate(line, data);
      state.log(`[DEBUG] boot command: ${text}`);
      const dead = state.vm?.exitReason();
      if (dead) throw new Error(dead);
      await typeActions(parseBootCommand(text), state.vnc!, config.bootKeyIntervalMs, signal);
    }
  },
};
