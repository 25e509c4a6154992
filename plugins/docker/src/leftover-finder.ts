import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type LeftoverFinder, processAlive } from '@kiln/plugin-sdk';
import type Docker from 'dockerode';
import { loadDockerode } from './dockerode-support.js';
import { tempRoot } from './reaper.js';
import { BUILD_LABEL, OWNER_LABEL, RUN_LABEL } from './steps/step-run.js';

/** The shared directories of a container (bind sources the builder made in its temp root). */
function sharedDirs(mounts: { Type?: string; Source?: string }[] | undefined): string[] {
  return (mounts ?? [])
    .filter((m) => m.Type === 'bind' && m.Source)
    .map((m) => m.Source!)
    .filter((s) => dirname(s) === tempRoot() && basename(s).startsWith('kiln-docker-'));
}

/**
 * The docker plugin's leftovers service: containers labelled with a run id
 * whose plugin process is gone (an -on-error=abort build, or a killed
 * plugin whose watchdog could not run), with the directories they shared.
 */
export function dockerLeftovers(docker: () => Docker = () => new (loadDockerode())()): LeftoverFinder {
  return {
    async list(scope) {
      let list: Docker.ContainerInfo[];
      try {
        list = await docker().listContainers({
          all: true,
          filters: { label: [scope.run ? `${RUN_LABEL}=${scope.run}` : RUN_LABEL] },
        });
      } catch (error) {
        return { leftovers: [], notes: [`Docker Engine not reached (${(error as Error).message})`] };
      }
      const leftovers = list
        .filter((c) => {
          const owner = Number(c.Labels[OWNER_LABEL] ?? 0);
          return !(owner > 0 && processAlive(owner));
        })
        .map((c) => ({
          kind: 'container',
          id: c.Id,
          run: c.Labels[RUN_LABEL] ?? '',
          location: 'local',
          detail: { build: c.Labels[BUILD_LABEL] ?? '', shared: sharedDirs(c.Mounts) },
        }));
      return { leftovers, notes: [] };
    },
    async remove(leftovers) {
      const removed: string[] = [];
      const failed: string[] = [];
      for (const l of leftovers) {
        try {
          await docker().getContainer(l.id).remove({ force: true, v: true });
          const shared = (l.detail?.shared as string[] | undefined) ?? [];
          for (const dir of sharedDirs(shared.map((Source) => ({ Type: 'bind', Source }))))
            await rm(dir, { recursive: true, force: true });
          removed.push(`Removed container ${l.id.slice(0, 12)} (run ${l.run})`);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) continue;
          failed.push(`container ${l.id.slice(0, 12)}: ${(error as Error).message}`);
        }
      }
      return { removed, failed };
    },
  };
}
