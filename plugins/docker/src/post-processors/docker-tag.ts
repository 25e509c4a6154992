import type { Artifact, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { ConfigError, Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { IMPORT_ID, imageArtifact, TAG_ID } from '../artifact.js';
import { DockerodeDriver } from '../dockerode-driver.js';
import type { DockerDriver } from '../driver.js';

const schema: ConfigSchema = {
  description: 'Tags the image of a docker artifact.',
  attributes: {
    repository: { type: 'string', required: true, description: 'The repository to tag into.' },
    tags: { type: 'list(string)', description: 'Tags to give the image.' },
    tag: { type: 'list(string)', description: 'Tags (legacy spelling).', deprecated: 'use "tags"' },
    force: { type: 'bool', default: false, description: 'Move a tag that already names another image.' },
    keep_input_artifact: { type: 'bool', description: 'Ignored: the input image is always kept.' },
  },
};

/** The `docker-tag` post-processor: tags the image; the output's state lists docker_tags. */
export function dockerTag(driverOf: () => DockerDriver = () => new DockerodeDriver()): PostProcessor {
  return {
    schema,
    description: schema.description ?? '',
    async configure(raw) {
      const diags = new Diagnostics();
      const { value, diagnostics } = decodeConfig(schema, raw);
      diags.items.push(...diagnostics);
      const repository = String(value.repository ?? '');
      if ('repository' in raw && !repository) diags.error('"repository" must not be empty', ['repository']);
      const tags = [...((value.tags as string[]) ?? []), ...((value.tag as string[]) ?? [])];
      tags.forEach((t, i) => {
        if (!/^[\w][\w.-]{0,127}$/.test(t))
          diags.error(`"${t}" is not a valid tag`, [raw.tags ? 'tags' : 'tag', i]);
      });
      diags.throwIfErrors();
      const force = value.force === true;
      return {
        warnings: diags.warnings,
        async postProcess({ ui }, artifact: Artifact) {
          if (artifact.builderId !== IMPORT_ID && artifact.builderId !== TAG_ID) {
            throw new ConfigError([
              {
                severity: 'error',
                summary: `Unknown artifact type: ${artifact.builderId}\nCan only tag from Docker builder artifacts.`,
              },
            ]);
          }
          const driver = driverOf();
          const refs = tags.length ? tags.map((t) => `${repository}:${t}`) : [repository];
          for (const ref of refs) {
            ui.message(`Tagging image: ${artifact.id}`);
            ui.message(`Repository: ${ref}`);
            const [repo, tag] = splitRef(ref);
            await driver.tag(artifact.id, repo, tag, force);
          }
          const state: Record<string, unknown> = { docker_tags: tags.length ? refs : [] };
          if (artifact.state.generated_data) state.generated_data = artifact.state.generated_data;
          const last = refs.at(-1) ?? repository;
          const description = tags.length
            ? `Imported Docker image: ${last} with tags ${refs.join(' ')}`
            : `Imported Docker image: ${last}`;
          return {
            artifact: imageArtifact(TAG_ID, last, state, 'docker-tag', 'post-processor', description),
            keep: true,
            forceOverride: true,
          };
        },
      };
    },
  };
}

/** Splits "host:5000/repo:tag" into ["host:5000/repo", "tag"]; no tag: undefined. */
export function splitRef(ref: string): [string, string | undefined] {
  const at = ref.indexOf('@');
  if (at >= 0) return [ref.slice(0, at), undefined];
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return [ref.slice(0, colon), ref.slice(colon + 1)];
  return [ref, undefined];
}
