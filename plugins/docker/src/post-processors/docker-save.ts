import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Artifact, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { ConfigError, decodeConfig, writeFileAtomic } from '@kiln/plugin-sdk';
import { fileArtifact, IMPORT_ID, SAVE_ID, TAG_ID, tagsOf } from '../artifact.js';
import { DockerodeDriver } from '../dockerode-driver.js';
import type { DockerDriver } from '../driver.js';

const schema: ConfigSchema = {
  description: 'Saves the image of a docker artifact to a tar file that `docker load` accepts.',
  attributes: {
    path: { type: 'string', required: true, description: 'Where to write the tar file.' },
    keep_input_artifact: { type: 'bool', description: 'Keep the input artifact.' },
  },
};

/** The `docker-save` post-processor. */
export function dockerSave(driverOf: () => DockerDriver = () => new DockerodeDriver()): PostProcessor {
  return {
    schema,
    description: schema.description ?? '',
    async configure(raw) {
      const { value, diagnostics } = decodeConfig(schema, raw);
      if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
      const path = resolve(String(value.path));
      return {
        async postProcess({ ui, signal }, artifact: Artifact) {
          if (artifact.builderId !== IMPORT_ID && artifact.builderId !== TAG_ID) {
            throw new ConfigError([
              {
                severity: 'error',
                summary: `Unknown artifact type: ${artifact.builderId}\nCan only save Docker builder artifacts.`,
              },
            ]);
          }
          const refs = tagsOf(artifact);
          const names = refs.length ? refs : [artifact.id];
          ui.message(`Saving image: ${artifact.id}`);
          await mkdir(dirname(path), { recursive: true });
          await writeFileAtomic(path, await driverOf().saveImages(names, signal), { signal });
          ui.message(`Saved to: ${path}`);
          return {
            artifact: fileArtifact(
              SAVE_ID,
              path,
              `Exported Docker image: ${path}`,
              { ...artifact.state },
              {
                kind: 'post-processor',
                type: 'docker-save',
              },
            ),
            keep: true,
            forceOverride: false,
          };
        },
      };
    },
  };
}
