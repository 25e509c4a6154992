import type { ComponentSet } from '@kiln/plugin-sdk';
import { qemuBuilder } from './builder.js';
import { qemuLeftovers } from './leftovers.js';
import { qemuStepCache } from './step-cache/store.js';

/** Every component this plugin serves, by type name. */
export function qemuComponents(): ComponentSet {
  return { builders: { qemu: qemuBuilder() }, leftovers: qemuLeftovers(), stepCache: qemuStepCache() };
}
