import type { ComponentSet } from '@kiln/plugin-sdk';
import { googlecomputeBuilder } from './builder.js';
import { googlecomputeLeftovers } from './leftover-finder.js';

/** Every component this plugin serves, by type name. */
export function googlecomputeComponents(): ComponentSet {
  return {
    builders: { googlecompute: googlecomputeBuilder() },
    leftovers: googlecomputeLeftovers(),
  };
}
