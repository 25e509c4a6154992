import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Artifact, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';
import { renderGoTemplate } from '../shared/go-template.js';
import { generatedDataOf } from './artifact-data.js';

/** Artifact builder id of the checksum post-processor (Packer's). */
export const CHECKSUM_BUILDER_ID = 'packer.post-processor.checksum';

/** Checksum types accepted by `checksum_types`. */
export const CHECKSUM_TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

/** The decoded body of a `checksum` post-processor. */
export interface ChecksumConfig {
  checksum_types: string[];
  output: string;
}

/** Schema of the `checksum` post-processor. */
export const checksumSchema: ConfigSchema = {
  description: 'Computes checksums of the artifact\'s files into "<hash>\\t<file>" lines.',
  attributes: {
    checksum_types: {
      type: 'list(string)',
      default: ['md5'],
      description: `Which checksums to compute: ${CHECKSUM_TYPES.join(', ')}.`,
    },
    output: {
      type: 'string',
      default: 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum',
      description:
        'Checksum file path; {{.BuildName}}, {{.BuilderType}} and {{.ChecksumType}} are substituted.',
    },
  },
};

/** The `checksum` post-processor; keeps its input, outputs the input files plus the checksum files. */
export const checksumPostProcessor: PostProcessor = {
  schema: checksumSchema,
  description: checksumSchema.description,
  async configure(raw, build) {
    const { cfg, diags } = decodeBuiltin<ChecksumConfig>(checksumSchema, raw);
    cfg.checksum_types.forEach((t, i) => {
      if (!CHECKSUM_TYPES.includes(t))
        diags.error(
          `Unrecognized checksum type: ${t}`,
          ['checksum_types', i],
          `Use one of ${CHECKSUM_TYPES.join(', ')}.`,
        );
    });
    diags.throwIfErrors();
    return {
      async postProcess({ signal }, artifact) {
        const data: Record<string, unknown> = {
          ...generatedDataOf(artifact),
          BuildName: build.buildName,
          BuilderType: build.builderType,
        };
        const created: string[] = [];
        for (const type of cfg.checksum_types) {
          const path = renderGoTemplate(cfg.output, { ...data, ChecksumType: type });
          for (const file of artifact.files) {
            if (!existsSync(path) && !created.includes(path)) created.push(path);
            await mkdir(dirname(path) || '.', { recursive: true });
            const digest = await hashFile(type, file, signal);
            await appendFile(path, `${digest}\t${basename(file)}\n`, { mode: 0o644 });
          }
        }
        const files = [...artifact.files, ...created];
        const out: Artifact = {
          builderId: CHECKSUM_BUILDER_ID,
          id: '',
          files,
          description: `Created artifact from files: ${files.join(', ')}`,
          state: { checksum_files: created },
          producer: { kind: 'post-processor', type: 'checksum' },
        };
        return { artifact: out, keep: true, forceOverride: true };
      },
    };
  },
  async destroyArtifact(artifact) {
    const made = artifact.state.checksum_files;
    for (const f of Array.isArray(made) ? made : []) await rm(String(f), { force: true });
  },
};

async function hashFile(type: string, file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash(type);
  try {
    for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  } catch (err) {
    if (signal.aborted) throw err;
    throw new Error(`unable to compute ${type} hash for ${file}: ${(err as Error).message}`);
  }
  return hash.digest('hex');
}
