import type { LeftoverFinder, LeftoverScope } from '@kiln/plugin-sdk';
import type { AccessConfig } from './access-config.js';
import type { ComputeDriver } from './driver.js';
import { gceMessage } from './errors.js';
import { findLeftovers, type Leftover as GceLeftover, removeLeftovers } from './leftovers.js';
import { SdkComputeDriver } from './sdk-driver.js';

/** The access configuration of `kiln cleanup`'s options (-project, -compute-endpoint) and the environment. */
export function cleanupAccess(scope: LeftoverScope): AccessConfig | undefined {
  const env = process.env;
  const projectId = scope.options.project?.[0] ?? env.GOOGLE_PROJECT ?? env.GOOGLE_CLOUD_PROJECT ?? '';
  if (!projectId) return undefined;
  const endpoint = scope.options['compute-endpoint']?.[0];
  return {
    projectId,
    ...(env.GOOGLE_OAUTH_ACCESS_TOKEN ? { accessToken: env.GOOGLE_OAUTH_ACCESS_TOKEN } : {}),
    ...(endpoint ? { computeEndpoint: endpoint } : {}),
  };
}

/**
 * The googlecompute plugin's leftovers service: instances and disks
 * labelled kiln-run in the zones `kiln cleanup` names (-zone), and images
 * still labelled kiln-incomplete, in its project (-project, else
 * GOOGLE_PROJECT).
 */
export function googlecomputeLeftovers(
  driver: (access: AccessConfig) => ComputeDriver = (a) => new SdkComputeDriver(a),
): LeftoverFinder {
  return {
    async list(scope) {
      const access = cleanupAccess(scope);
      if (!access)
        return {
          leftovers: [],
          notes: ['no project given (-project, or GOOGLE_PROJECT): Google Cloud not looked at'],
        };
      const zones = scope.options.zone ?? [];
      const gce = driver(access);
      let found: GceLeftover[];
      try {
        found = await findLeftovers(gce, zones, scope.run);
      } catch (error) {
        throw new Error(
          `Could not list Google Cloud resources of project ${access.projectId}: ${gceMessage(error)}`,
        );
      } finally {
        await gce.close();
      }
      return {
        leftovers: found.map((l) => ({
          kind: l.kind,
          id: l.id,
          run: l.run,
          location: `${access.projectId}/${l.location}`,
        })),
        notes: zones.length ? [] : ['no zone given (-zone): only images were looked at'],
      };
    },
    async remove(leftovers, scope, signal) {
      const access = cleanupAccess(scope);
      if (!access)
        return {
          removed: [],
          failed: leftovers.map((l) => `${l.kind} ${l.id}: no project given (-project)`),
        };
      const items: GceLeftover[] = leftovers.map((l) => ({
        location: l.location.split('/').pop() ?? '',
        kind: l.kind as GceLeftover['kind'],
        id: l.id,
        run: l.run,
      }));
      const gce = driver(access);
      const removed: string[] = [];
      try {
        const failed = await removeLeftovers(gce, items, (line) => removed.push(line), signal);
        return { removed, failed };
      } finally {
        await gce.close();
      }
    },
  };
}
