import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Builder, ConfigSchema } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';

/** Artifact builder id of the file builder (Packer's). */
export const FILE_BUILDER_ID = 'packer.file';

/** The decoded body of a `file` builder. */
export interface FileBuilderConfig {
  target: string;
  source?: string;
  content?: string;
}

/** Schema of the `file` builder. */
export const fileBuilderSchema: ConfigSchema = {
  description: 'Makes an artifact from a file: copies source, or writes content, to target.',
  attributes: {
    target: { type: 'string', required: true, description: 'The file to write.' },
    source: { type: 'string', description: 'A file to copy to target.' },
    content: { type: 'string', description: 'Text to write to target.' },
  },
};

/** The `file` builder: useful to try post-processors quickly. */
export const fileBuilder: Builder = {
  schema: fileBuilderSchema,
  description: fileBuilderSchema.description,
  async prepare(raw) {
    const { cfg, diags } = decodeBuiltin<FileBuilderConfig>(fileBuilderSchema, raw);
    if (cfg.target === '') diags.error('target is required', ['target']);
    if (cfg.source !== undefined && cfg.content !== undefined)
      diags.error('Cannot specify source file AND content', ['content']);
    if (cfg.source !== undefined && !existsSync(cfg.source))
      diags.error(`Bad source '${cfg.source}': no such file`, ['source']);
    if (cfg.source === undefined && cfg.content === undefined)
      diags.warning('Both source file and contents are blank; target will have no content', ['target']);
    diags.throwIfErrors();
    return {
      warnings: diags.warnings,
      async run({ ui, hook, signal }) {
        const target = cfg.target;
        await mkdir(dirname(resolve(target)), { recursive: true });
        if (cfg.source !== undefined) {
          ui.say(`Copying ${cfg.source} to ${target}`);
          await copyFile(cfg.source, target);
          ui.say(`Copied ${(await stat(target)).size} bytes`);
        } else {
          await writeFile(target, cfg.content ?? '', { mode: 0o600 });
        }
        await hook.run('provision', undefined, {}, signal);
        return {
          builderId: FILE_BUILDER_ID,
          id: target,
          files: [target],
          description: `Stored file: ${target}`,
          state: {},
          producer: { kind: 'builder', type: 'file' },
        };
      },
    };
  },
  async destroyArtifact(artifact) {
    for (const f of artifact.files) await rm(f, { force: true });
  },
};
