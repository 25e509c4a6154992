import { createReadStream } from 'node:fs';
import type { Artifact, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { ConfigError, Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { BUILDER_ID, IMPORT_ID, imageArtifact } from '../artifact.js';
import { checkChanges } from '../changes.js';
import { DockerodeDriver } from '../dockerode-driver.js';
import type { DockerDriver } from '../driver.js';

const schema: ConfigSchema = {
  description: 'Imports an exported container filesystem (export_path) as an image.',
  attributes: {
    repository: { type: 'string', required: true, description: 'The repository of the imported image.' },
    tag: { type: 'string', description: 'The tag of the imported image.' },
    changes: { type: 'list(string)', description: 'Dockerfile instructions applied at import.' },
    platform: { type: 'string', description: 'The platform of the image, e.g. linux/amd64.' },
    keep_input_artifact: { type: 'bool', description: 'Keep the input artifact.' },
  },
};

/** The `docker-import` post-processor. */
export function dockerImport(driverOf: () => DockerDriver = () => new DockerodeDriver()): PostProcessor {
  return {
    schema,
    description: schema.description ?? '',
    async configure(raw) {
      const diags = new Diagnostics();
      const { value, diagnostics } = decodeConfig(schema, raw);
      diags.items.push(...diagnostics);
      const changes = (value.changes as string[] | undefined) ?? [];
      checkChanges(changes, 'changes', diags);
      const repository = String(value.repository ?? '');
      const tag = value.tag ? String(value.tag) : undefined;
      const platform = value.platform ? String(value.platform) : undefined;
      diags.throwIfErrors();
      return {
        async postProcess({ ui }, artifact: Artifact) {
          const file = artifact.files[0];
          if (artifact.builderId !== BUILDER_ID || !file) {
            throw new ConfigError([
              {
                severity: 'error',
                summary: `Unknown artifact type: ${artifact.builderId}\nCan only import from docker builder artifacts with export_path.`,
              },
            ]);
          }
          const ref = tag ? `${repository}:${tag}` : repository;
          ui.message(`Importing image: ${artifact.id}`);
          ui.message(`Repository: ${ref}`);
          const id = await driverOf().importImage(createReadStream(file), {
            repository,
            ...(tag ? { tag } : {}),
            changes,
            ...(platform ? { platform } : {}),
          });
          ui.message(`Imported ID: ${id}`);
          return {
            artifact: imageArtifact(
              IMPORT_ID,
              ref,
              { docker_tags: [ref] },
              'docker-import',
              'post-processor',
              `Imported Docker image: ${ref}`,
            ),
            keep: false,
            forceOverride: false,
          };
        },
      };
    },
  };
}
