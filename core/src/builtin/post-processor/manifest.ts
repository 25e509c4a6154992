import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Artifact, BuildContext, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';
import { withFileLock } from '../shared/file-lock.js';

/** The decoded body of a `manifest` post-processor. */
export interface ManifestConfig {
  output: string;
  strip_path: boolean;
  strip_time: boolean;
  custom_data?: Record<string, string>;
}

/** One build's entry in the manifest file (Packer's field names and order). */
export interface ManifestBuild {
  name: string;
  builder_type: string;
  build_time?: number;
  files: { name: string; size: number }[] | null;
  artifact_id: string;
  packer_run_uuid: string;
  custom_data: Record<string, string> | null;
}

/** The manifest file. */
export interface ManifestFile {
  builds: ManifestBuild[];
  last_run_uuid: string;
}

/** Schema of the `manifest` post-processor. */
export const manifestSchema: ConfigSchema = {
  description: "Records each build's artifact (files, id, time) in a JSON manifest, appending across builds.",
  attributes: {
    output: { type: 'string', default: 'packer-manifest.json', description: 'The manifest file.' },
    strip_path: { type: 'bool', default: false, description: 'Record file names without their directories.' },
    strip_time: { type: 'bool', default: false, description: 'Leave out build_time.' },
    custom_data: { type: 'map(string)', description: 'Extra data stored with each build.' },
  },
};

/** The `manifest` post-processor; always keeps its input artifact. */
export const manifestPostProcessor: PostProcessor = {
  schema: manifestSchema,
  description: manifestSchema.description,
  async configure(raw, build) {
    const { cfg } = decodeBuiltin<ManifestConfig>(manifestSchema, raw);
    return {
      async postProcess(_ctx, artifact) {
        await appendToManifest(cfg, build, artifact);
        return { artifact, keep: true, forceOverride: true };
      },
    };
  },
};

async function appendToManifest(cfg: ManifestConfig, build: BuildContext, artifact: Artifact): Promise<void> {
  const files = await Promise.all(
    artifact.files.map(async (f) => ({
      name: cfg.strip_path ? basename(f) : f,
      size: await stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    })),
  );
  const entry: ManifestBuild = {
    name: build.buildName,
    builder_type: build.builderType,
    ...(cfg.strip_time ? {} : { build_time: Math.floor(Date.now() / 1000) }),
    files: files.length > 0 ? files : null,
    artifact_id: artifact.id,
    packer_run_uuid: build.runId,
    custom_data: cfg.custom_data ?? null,
  };
  const path = resolve(cfg.output);
  await mkdir(dirname(path), { recursive: true });
  await withFileLock(path, async () => {
    let manifest: ManifestFile = { builds: [], last_run_uuid: '' };
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw new Error(`Unable to open ${cfg.output} for reading: ${err.message}`);
    });
    if (text.trim() !== '') {
      try {
        manifest = JSON.parse(text) as ManifestFile;
        manifest.builds ??= [];
      } catch (err) {
        throw new Error(`Unable to parse content from ${cfg.output}: ${(err as Error).message}`);
      }
    }
    if (build.force && manifest.last_run_uuid !== build.runId) manifest = { builds: [], last_run_uuid: '' };
    manifest.builds.push(entry);
    manifest.last_run_uuid = build.runId;
    await writeFile(path, JSON.stringify(manifest, null, 2), { mode: 0o664 });
  });
}
