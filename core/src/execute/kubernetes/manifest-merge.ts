import { isDeepStrictEqual } from 'node:util';
import type { ManifestFile } from '../../builtin/post-processor/manifest.js';

/**
 * The file's content as a `manifest` post-processor's file: a JSON object of
 * `builds` (an array) and `last_run_uuid` (a string), nothing else; undefined
 * for any other content.
 */
export function asManifest(text: string): ManifestFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).sort();
  const m = value as ManifestFile;
  return keys.length === 2 &&
    keys[0] === 'builds' &&
    keys[1] === 'last_run_uuid' &&
    Array.isArray(m.builds) &&
    typeof m.last_run_uuid === 'string'
    ? m
    : undefined;
}

/**
 * A manifest file a build's pod wrote (`incoming`: the template directory's
 * copy the pod started from, with the pod's build appended) merged into the
 * file here (`local`, undefined when there is none or it is no manifest),
 * as the `manifest` post-processor of a local run appends to the file it
 * finds: the entries the pod added go after the local ones and
 * `last_run_uuid` becomes the run's. With -force (`force`), a local file of
 * another run is started afresh, as the post-processor does.
 */
export function mergeManifest(
  local: ManifestFile | undefined,
  incoming: ManifestFile,
  force: boolean,
): ManifestFile {
  const base = local && !(force && local.last_run_uuid !== incoming.last_run_uuid) ? local.builds : [];
  const added = incoming.builds.filter((b) => !base.some((l) => isDeepStrictEqual(l, b)));
  return { builds: [...base, ...added], last_run_uuid: incoming.last_run_uuid };
}

/** A manifest file as the `manifest` post-processor writes it. */
export function manifestText(m: ManifestFile): string {
  return JSON.stringify(m, null, 2);
}
