import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Artifact, type ConfigSchema, type PostProcessor, tempNameFor } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';
import { renderGoTemplate } from '../shared/go-template.js';
import { writeGzip, writeTar, writeZip } from './archive-writers.js';
import { generatedDataOf } from './artifact-data.js';
import { type CompressFormat, detectCompressFormat } from './compress-format.js';

/** Artifact builder id of the compress post-processor (Packer's). */
export const COMPRESS_BUILDER_ID = 'packer.post-processor.compress';

/** The decoded body of a `compress` post-processor. */
export interface CompressConfig {
  output: string;
  format?: string;
  compression_level: number;
  keep_input_artifact?: boolean;
}

/** Schema of the `compress` post-processor. */
export const compressSchema: ConfigSchema = {
  description: "Archives and/or compresses the artifact's files into one file.",
  attributes: {
    output: {
      type: 'string',
      default: 'packer_{{.BuildName}}_{{.BuilderType}}',
      description:
        'Archive path; its extension picks the format (.tar.gz/.tgz, .tar, .zip, .gz). ' +
        '{{.BuildName}} and {{.BuilderType}} are substituted.',
    },
    format: {
      type: 'string',
      description: 'The format, when the output name does not say it (e.g. "tar.gz").',
    },
    compression_level: { type: 'number', default: 6, description: 'gzip/zip level, 1 (fast) to 9 (small).' },
    keep_input_artifact: { type: 'bool', description: 'Keep the uncompressed input artifact.' },
  },
};

/** The `compress` post-processor. */
export const compressPostProcessor: PostProcessor = {
  schema: compressSchema,
  description: compressSchema.description,
  async configure(raw, build) {
    const { cfg, diags } = decodeBuiltin<CompressConfig>(compressSchema, raw);
    const format = detectCompressFormat(cfg.output, cfg.format);
    if (typeof format === 'string') diags.error(format, cfg.format ? ['format'] : ['output']);
    let level = cfg.compression_level;
    if (!Number.isInteger(level) || level < -1)
      diags.error('Invalid compression level. Expected an integer from -1 to 9.', ['compression_level']);
    if (level > 9) level = 9;
    if (level === -1 || level === 0) level = 6;
    diags.throwIfErrors();
    const fmt = format as CompressFormat;
    return {
      async postProcess({ ui, signal }, artifact) {
        const target = renderGoTemplate(cfg.output, {
          ...generatedDataOf(artifact),
          BuildName: build.buildName,
          BuilderType: build.builderType,
        });
        await mkdir(dirname(target) || '.', { recursive: true });
        const how = fmt.algorithm ?? 'no compression';
        if (fmt.algorithm) ui.say(`Using ${fmt.algorithm} compression for ${target}`);
        // Written under a temporary name and renamed once complete: a failed
        // or cancelled run leaves no partial archive under the output name.
        const temp = tempNameFor(target);
        try {
          if (fmt.archive === 'tar') {
            ui.say(`Tarring ${target} with ${how}`);
            await writeTar(artifact.files, temp, fmt.algorithm ? level : undefined, signal);
          } else if (fmt.archive === 'zip') {
            ui.say(`Zipping ${target}`);
            await writeZip(artifact.files, temp, level, signal);
          } else {
            if (artifact.files.length !== 1) {
              throw new Error(
                `Can only have 1 input file when not using tar/zip. Found ${artifact.files.length} files: ` +
                  `[${artifact.files.join(' ')}]`,
              );
            }
            const file = artifact.files[0]!;
            ui.say(`Archiving ${file} with ${how}`);
            if (fmt.algorithm) await writeGzip(file, temp, level, signal);
            else await copyFile(file, temp);
          }
          await rename(temp, target);
        } catch (err) {
          await rm(temp, { force: true });
          throw err;
        }
        ui.say(`Archive ${target} completed`);
        const out: Artifact = {
          builderId: COMPRESS_BUILDER_ID,
          id: '',
          files: [target],
          description: `compressed artifacts in: ${target}`,
          state: {},
          producer: { kind: 'post-processor', type: 'compress' },
        };
        return { artifact: out, keep: cfg.keep_input_artifact ?? false, forceOverride: false };
      },
    };
  },
  async destroyArtifact(artifact) {
    for (const f of artifact.files) await rm(f, { force: true });
  },
};
