import type { ComputeDriver } from './driver.js';
import { isNotFound } from './errors.js';
import { INCOMPLETE_LABEL, labelValue, RUN_LABEL } from './state.js';
import { lastPart, waitOperation } from './wait.js';

/** One resource an interrupted build left behind. */
export interface Leftover {
  /** The zone, or "global" for images. */
  location: string;
  kind: 'instance' | 'disk' | 'image';
  id: string;
  /** The kiln-run label's value. */
  run: string;
}

/**
 * Lists what builds left in the project: instances and disks labelled
 * kiln-run in the zones, and images still labelled kiln-incomplete. `run`
 * narrows it to one run id.
 */
export async function findLeftovers(gce: ComputeDriver, zones: string[], run?: string): Promise<Leftover[]> {
  const byRun = run ? `labels.${RUN_LABEL} = "${labelValue(run)}"` : `labels.${RUN_LABEL}:*`;
  const out: Leftover[] = [];
  const runOf = (labels: Record<string, string> | null | undefined) => labels?.[RUN_LABEL] ?? '';
  for (const zone of zones) {
    const [instances, disks] = await Promise.all([
      gce.listInstances(zone, byRun),
      gce.listDisks(zone, byRun),
    ]);
    for (const i of instances)
      if (i.name) out.push({ location: zone, kind: 'instance', id: i.name, run: runOf(i.labels) });
    for (const d of disks)
      if (d.name) out.push({ location: zone, kind: 'disk', id: d.name, run: runOf(d.labels) });
  }
  const images = await gce.listImages(`(labels.${INCOMPLETE_LABEL}:*) AND (${byRun})`);
  for (const i of images)
    if (i.name) out.push({ location: 'global', kind: 'image', id: i.name, run: runOf(i.labels) });
  return out;
}

/** Removes leftovers (instances first, then disks and images); returns what could not be removed. */
export async function removeLeftovers(
  gce: ComputeDriver,
  items: Leftover[],
  say: (line: string) => void,
  signal: AbortSignal,
): Promise<string[]> {
  const failed: string[] = [];
  for (const kind of ['instance', 'disk', 'image'] as const) {
    for (const l of items.filter((x) => x.kind === kind)) {
      try {
        const op =
          kind === 'instance'
            ? await gce.deleteInstance(l.location, l.id)
            : kind === 'disk'
              ? await gce.deleteDisk(l.location, l.id)
              : await gce.deleteImage(l.id);
        await waitOperation(gce, op, { timeoutMs: 10 * 60_000, signal, what: `deletion of ${kind} ${l.id}` });
        say(`Removed ${l.kind} ${l.id} (${l.location}, run ${l.run})`);
      } catch (e) {
        if (isNotFound(e)) continue;
        failed.push(`${l.kind} ${l.id} (${l.location}): ${(e as Error).message}`);
      }
    }
  }
  return failed;
}

export { lastPart };
