import type { ComponentSet } from '@kiln/plugin-sdk';
import { amazonEbsBuilder } from './builder.js';
import { amazonAmiDataSource } from './data-source.js';
import { amazonLeftovers } from './leftover-finder.js';

/** Every component this plugin serves, by type name. */
export function amazonComponents(): ComponentSet {
  return {
    builders: { 'amazon-ebs': amazonEbsBuilder() },
    dataSources: { 'amazon-ami': amazonAmiDataSource() },
    leftovers: amazonLeftovers(),
  };
}
