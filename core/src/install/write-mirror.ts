import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequiredPlugin } from '../config/model.js';
import { satisfies } from './constraint.js';
import { fileIntegrity, packDependencies } from './dependency-tarball.js';
import { PluginInstallError, registryError } from './install-error.js';
import { installResolved } from './install-package.js';
import { lockFilePath, readLock, templateDir } from './lock-file.js';
import { type MirrorEntry, mirrorFileBase, readOrCreateMirror, writeMirror } from './mirror-index.js';
import { loadNpmConfig } from './npm-config.js';
import { pluginRequirements } from './requirement.js';
import { resolvePlugin } from './resolve.js';

/** What `kiln plugins mirror` needs. */
export interface MirrorOptions {
  dir: string;
  templatePath: string;
  required: RequiredPlugin[];
  env?: NodeJS.ProcessEnv;
  onPlugin?: (name: string, version: string, entry: MirrorEntry) => void;
}

/**
 * Writes into `dir` what the template's required plugins need to install with
 * no registry: each plugin's npm tarball (the locked version when the lock
 * file has one, else the newest compatible), its dependencies packed as
 * installed, and `kiln-mirror.json` with their integrity.
 */
export async function mirrorPlugins(o: MirrorOptions): Promise<void> {
  const env = o.env ?? process.env;
  const { requirements, errors } = pluginRequirements(o.required);
  const lock = readLock(lockFilePath(o.templatePath));
  const npm = loadNpmConfig(templateDir(o.templatePath), env);
  await mkdir(o.dir, { recursive: true });
  const index = readOrCreateMirror(o.dir);
  const scratch = await mkdtemp(join(tmpdir(), 'kiln-mirror-'));
  try {
    for (const req of requirements) {
      try {
        const l = lock?.plugins[req.source];
        const exact =
          l && l.package === req.packageName && satisfies(l.version, req.constraint) ? l.version : undefined;
        const r = await resolvePlugin({
          name: req.packageName,
          constraint: req.constraint,
          npm,
          ...(exact ? { exact } : {}),
        });
        const { default: pacote } = await import('pacote');
        const base = mirrorFileBase(r.name, r.version);
        let data: Buffer;
        try {
          data = await pacote.tarball(`${r.name}@${r.version}`, { ...npm.options, integrity: r.integrity });
        } catch (error) {
          throw registryError(error, r.name, r.registry, npm.files);
        }
        await writeFile(join(o.dir, `${base}.tgz`), data);
        const installed = await installResolved(join(scratch, 'plugins'), r, req.source, npm);
        const entry: MirrorEntry = { file: `${base}.tgz`, integrity: r.integrity, protocol: r.kiln.protocol };
        const depsFile = join(o.dir, `${base}.deps.tgz`);
        if (await packDependencies(installed.dir, depsFile))
          entry.deps = { file: `${base}.deps.tgz`, integrity: await fileIntegrity(depsFile) };
        index.packages[r.name] = { ...index.packages[r.name], [r.version]: entry };
        o.onPlugin?.(r.name, r.version, entry);
      } catch (error) {
        errors.push(
          `${req.at}required plugin "${req.localName}" (${req.source}): ${(error as Error).message}`,
        );
      }
    }
    await writeMirror(o.dir, index);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (errors.length) throw new PluginInstallError(errors.join('\n'));
}
