import type { LeftoverFinder, LeftoverScope } from '@kiln/plugin-sdk';
import type { AccessConfig } from './access-config.js';
import { awsMessage } from './client.js';
import type { DriverFactory } from './driver.js';
import { type Leftover as AwsLeftover, findLeftovers, removeLeftovers } from './leftovers.js';
import { SdkEc2Driver } from './sdk-driver.js';

/** The regions `kiln cleanup` named (-region), else AWS_REGION / AWS_DEFAULT_REGION. */
function regionsOf(scope: LeftoverScope): string[] {
  const given = scope.options.region ?? [];
  if (given.length) return given;
  return [process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? ''].filter(Boolean);
}

function realDrivers(scope: LeftoverScope, regions: string[]): DriverFactory {
  const access: AccessConfig = {
    region: regions[0] ?? '',
    skipRegionValidation: true,
    maxRetries: 10,
    ...(scope.options.profile?.[0] ? { profile: scope.options.profile[0] } : {}),
    ...(scope.options.endpoint?.[0] ? { customEndpointEc2: scope.options.endpoint[0] } : {}),
  };
  return (region) => new SdkEc2Driver(access, region);
}

/**
 * The amazon plugin's leftovers service: instances, key pairs, security
 * groups and volumes tagged kiln:run, and AMIs and snapshots still tagged
 * kiln:incomplete, in the regions `kiln cleanup` names (options "region",
 * "profile", "endpoint").
 */
export function amazonLeftovers(
  drivers: (scope: LeftoverScope, regions: string[]) => DriverFactory = realDrivers,
): LeftoverFinder {
  return {
    async list(scope) {
      const regions = regionsOf(scope);
      if (!regions.length)
        return { leftovers: [], notes: ['no region given (-region, or AWS_REGION): AWS not looked at'] };
      let found: AwsLeftover[];
      try {
        found = await findLeftovers(drivers(scope, regions), regions, scope.run);
      } catch (error) {
        throw new Error(`Could not list AWS resources: ${awsMessage(error)}`);
      }
      return {
        leftovers: found.map((l) => ({ kind: l.kind, id: l.id, run: l.run, location: l.region })),
        notes: [],
      };
    },
    async remove(leftovers, scope) {
      const items: AwsLeftover[] = leftovers.map((l) => ({
        region: l.location,
        kind: l.kind as AwsLeftover['kind'],
        id: l.id,
        run: l.run,
      }));
      const regions = [...new Set(items.map((i) => i.region))];
      const removed: string[] = [];
      const failed = await removeLeftovers(drivers(scope, regions), items, (line) => removed.push(line));
      return { removed, failed };
    },
  };
}
