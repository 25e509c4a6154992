import type { CacheableMachine, StepCacheEntry } from '@kiln/plugin-sdk';
import type { DockerBuildState } from '../state.js';
import { commitBaseConfig } from '../steps/step-commit.js';
import { containerSpec } from '../steps/step-run.js';
import { CACHE_LABELS, CACHE_REPOSITORY, cacheRef, isKey } from './labels.js';

/**
 * The build container as a step cache machine: saving commits it (paused)
 * to an image labelled with the key and the run and tags it
 * `kiln-cache:<key>`. Two runs saving one key each commit their own image;
 * the tag moves atomically to the later one and the earlier is removed
 * when nothing uses it.
 */
export function dockerMachine(state: DockerBuildState): CacheableMachine {
  return {
    ...(state.restoredKey ? { restoredKey: state.restoredKey } : {}),
    async save(key, info): Promise<StepCacheEntry> {
      if (!isKey(key)) throw new Error(`not a step cache key: ${JSON.stringify(key)}`);
      if (!state.containerId) throw new Error('no container to save');
      const { driver } = state;
      const from = await driver.inspectImage(state.startImage ?? state.config.image);
      const created = new Date().toISOString();
      const base = commitBaseConfig(state, Object.keys(containerSpec(state).labels));
      const id = await driver.commit(state.containerId, {
        changes: [],
        message: `kiln step cache: ${info.buildName} provisioner ${info.step} (${info.provisionerType})`,
        config: {
          ...base,
          Labels: {
            ...base.Labels,
            [CACHE_LABELS.key]: key,
            [CACHE_LABELS.parent]: info.parentKey,
            [CACHE_LABELS.template]: info.template,
            [CACHE_LABELS.build]: info.buildName,
            [CACHE_LABELS.step]: String(info.step),
            [CACHE_LABELS.provisioner]: info.provisionerType,
            [CACHE_LABELS.run]: info.runId,
            [CACHE_LABELS.created]: created,
            [CACHE_LABELS.parentSize]: String(from?.size ?? 0),
          },
        },
      });
      const previous = await driver.inspectImage(cacheRef(key));
      await driver.tag(id, CACHE_REPOSITORY, key, true);
      if (previous && previous.id !== id) await driver.removeImage(previous.id).catch(() => undefined);
      const saved = await driver.inspectImage(id);
      return {
        key,
        id: id.replace(/^sha256:/, '').slice(0, 12),
        sizeBytes: Math.max(0, (saved?.size ?? 0) - (from?.size ?? 0)),
        createdAt: created,
        builderType: 'docker',
        info,
      };
    },
  };
}
