import type { StepCacheEntry, StepCacheStore } from '@kiln/plugin-sdk';
import type Docker from 'dockerode';
import { DockerodeDriver } from '../dockerode-driver.js';
import { loadDockerode } from '../dockerode-support.js';
import type { DockerDriver } from '../driver.js';
import { CACHE_LABELS, CACHE_REPOSITORY, cacheRef, isKey } from './labels.js';

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;

/** The keys of `keys` whose step cache image exists and carries that key. */
export async function presentKeys(driver: DockerDriver, keys: string[]): Promise<string[]> {
  const present: string[] = [];
  for (const key of keys.filter(isKey)) {
    const image = await driver.inspectImage(cacheRef(key));
    if (image?.labels[CACHE_LABELS.key] === key) present.push(key);
  }
  return present;
}

/**
 * The docker plugin's step cache entries: images labelled with a key
 * (io.kiln.cache.key), tagged `kiln-cache:<key>` (an untagged one was
 * superseded by a concurrent run's and only waits to be removed).
 */
export function dockerStepCache(docker: () => Docker = () => new (loadDockerode())()): StepCacheStore {
  return {
    async check(builderType, keys) {
      return builderType === 'docker' ? presentKeys(new DockerodeDriver(docker()), keys) : [];
    },
    async list() {
      let images: Docker.ImageInfo[];
      try {
        images = await docker().listImages({ filters: { label: [CACHE_LABELS.key] } });
      } catch (error) {
        return { entries: [], notes: [`Docker Engine not reached (${(error as Error).message})`] };
      }
      const entries = images
        .filter((i) => i.Labels?.[CACHE_LABELS.key])
        .map((i): StepCacheEntry => {
          const l = i.Labels;
          const key = l[CACHE_LABELS.key]!;
          const tagged = (i.RepoTags ?? []).includes(cacheRef(key));
          return {
            key,
            id: tagged ? cacheRef(key) : i.Id,
            sizeBytes: Math.max(0, i.Size - Number(l[CACHE_LABELS.parentSize] ?? 0)),
            createdAt: l[CACHE_LABELS.created] ?? new Date(i.Created * 1000).toISOString(),
            builderType: 'docker',
            info: {
              template: l[CACHE_LABELS.template] ?? '',
              buildName: l[CACHE_LABELS.build] ?? '',
              step: Number(l[CACHE_LABELS.step] ?? 0),
              provisionerType: l[CACHE_LABELS.provisioner] ?? '',
              runId: l[CACHE_LABELS.run] ?? '',
              parentKey: l[CACHE_LABELS.parent] ?? '',
            },
          };
        });
      return { entries, notes: [] };
    },
    async remove(entries) {
      const removed: string[] = [];
      const failed: string[] = [];
      // Later steps first: an entry's image is the parent of the next step's.
      const ordered = [...entries].sort((a, b) => b.info.step - a.info.step);
      for (const e of ordered) {
        const ref =
          e.id.startsWith(`${CACHE_REPOSITORY}:`) || e.id.startsWith('sha256:') ? e.id : cacheRef(e.key);
        try {
          await docker().getImage(ref).remove();
          removed.push(`Removed ${ref} (${e.info.buildName} step ${e.info.step})`);
        } catch (error) {
          if (statusOf(error) === 404) continue;
          failed.push(`${ref}: ${(error as Error).message}`);
        }
      }
      return { removed, failed };
    },
  };
}
