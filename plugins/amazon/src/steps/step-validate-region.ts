import type { Step } from '@kiln/plugin-sdk';
import type { AccessConfig } from '../access-config.js';
import { awsError } from '../client.js';
import type { Ec2Driver } from '../driver.js';
import type { EbsState } from '../state.js';

/**
 * Checks that regions exist (unless skip_region_validation), asking EC2
 * through a driver of a region it certainly knows, so that an unknown region
 * is reported by name rather than as an unreadable answer.
 */
export async function validateRegions(
  access: AccessConfig,
  regions: string[],
  driverFor: (region: string) => Ec2Driver,
): Promise<void> {
  if (access.skipRegionValidation) return;
  const home = /^(cn|us-gov)-/.test(access.region) ? access.region : 'us-east-1';
  let known: string[];
  try {
    known = await driverFor(home).describeRegions();
  } catch (error) {
    throw awsError('Could not list the regions', error);
  }
  const unknown = regions.filter((r) => !known.includes(r));
  if (unknown.length)
    throw new Error(
      `Invalid region${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (set skip_region_validation = true to use ${unknown.length > 1 ? 'them' : 'it'} anyway)`,
    );
}

/** Fails early on an unknown build region or ami_regions entry. */
export const stepValidateRegion: Step<EbsState> = {
  name: 'validate-region',
  async run(state) {
    const { access, amiRegions } = state.config;
    await validateRegions(access, [access.region, ...amiRegions], state.driverFor);
  },
};
