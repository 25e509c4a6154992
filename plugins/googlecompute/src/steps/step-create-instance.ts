import { randomUUID } from 'node:crypto';
import type { Step, StepContext } from '@kiln/plugin-sdk';
import { gceError, gceMessage, isNotFound } from '../errors.js';
import { instanceAddress, instanceResource } from '../instance-resource.js';
import { type GceState, runFilter } from '../state.js';
import { waitFor, waitOperation } from '../wait.js';

/**
 * Creates the build instance with its boot disk (both labelled with the run)
 * and waits until it runs; cleanup deletes the instance, then the disk, and
 * whatever of this build an interrupted insert left, waiting for each.
 */
export const stepCreateInstance: Step<GceState> = {
  name: 'create-instance',
  async run(state, { ui, signal }) {
    const { config, gce } = state;
    state.instanceName = config.instanceName ?? `kiln-${randomUUID()}`;
    state.diskName = config.diskName ?? state.instanceName;
    ui.say('Creating instance...');
    const op = await gce.insertInstance(config.zone, instanceResource(state)).catch((e) => {
      throw gceError('Error creating instance', e);
    });
    ui.message(`Loading zone: ${config.zone}`);
    ui.message(`Loading machine type: ${config.machineType}`);
    ui.message(`Requesting instance creation...`);
    ui.message('Waiting for creation operation to complete...');
    await waitOperation(gce, op, {
      timeoutMs: config.stateTimeoutMs,
      signal,
      what: 'instance creation',
    }).catch((e) => {
      throw gceError('Error creating instance', e);
    });
    const name = state.instanceName;
    const running = await waitFor(
      async () => {
        const i = await gce.getInstance(config.zone, name);
        if (!i) throw new Error(`Error creating instance: instance ${name} is gone`);
        return String(i.status) === 'RUNNING' ? i : undefined;
      },
      { timeoutMs: config.stateTimeoutMs, signal, what: `instance ${name} to become RUNNING` },
    );
    state.instance = running;
    ui.say('Instance has been created!');
    state.sshHost = instanceAddress(running, config.useInternalIp);
    if (state.sshHost) ui.message(`IP: ${state.sshHost}`);
    state.generatedData.InstanceName = name;
  },
  async cleanup(state, ctx) {
    const { config, gce } = state;
    const instances = new Set<string>();
    const disks = new Set<string>();
    if (state.instanceName) instances.add(state.instanceName);
    if (state.diskName) disks.add(state.diskName);
    if (!state.instanceName) return;
    try {
      for (const i of await gce.listInstances(config.zone, runFilter(state)))
        if (i.name) instances.add(i.name);
      for (const d of await gce.listDisks(config.zone, runFilter(state))) if (d.name) disks.add(d.name);
    } catch {
      // The known instance and disk are still deleted below.
    }
    for (const name of instances) await remove(state, ctx, 'instance', name);
    for (const name of disks) await remove(state, ctx, 'disk', name);
    state.instance = undefined;
  },
};

async function remove(state: GceState, { ui, signal }: StepContext, kind: 'instance' | 'disk', name: string) {
  const { config, gce } = state;
  try {
    const exists =
      kind === 'instance' ? await gce.getInstance(config.zone, name) : await gce.getDisk(config.zone, name);
    if (!exists) return;
    ui.say(`Deleting ${kind}...`);
    const op =
      kind === 'instance'
        ? await gce.deleteInstance(config.zone, name)
        : await gce.deleteDisk(config.zone, name);
    // Cleanup runs to the end even after Ctrl-C: its own signal is not the build's.
    await waitOperation(gce, op, { timeoutMs: config.stateTimeoutMs, signal, what: `${kind} deletion` });
    ui.message(`${kind === 'instance' ? 'Instance' : 'Disk'} has been deleted!`);
  } catch (e) {
    if (isNotFound(e)) return;
    ui.error(`Error deleting ${kind}. Please delete it manually.\n\nName: ${name}\nError: ${gceMessage(e)}`);
  }
}
