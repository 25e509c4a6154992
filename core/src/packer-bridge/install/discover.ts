import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ComponentKind } from '@kiln/plugin-sdk';
import semver from 'semver';
import type { IgnoredPlugin, PluginPackage } from '../../components/plugin-package.js';
import {
  checkDescription,
  componentTypeName,
  type PackerPluginDescription,
  parseDescription,
} from '../describe.js';
import type { PackerBinary } from '../packer-binary.js';
import { type FoundBinary, kilnPackerDir, listPackerBinaries, packerPluginDirs } from './plugin-dirs.js';

/** A Packer plugin as the component registry lists it. */
export interface PackerPluginPackage extends PluginPackage {
  origin: 'packer';
  packer: PackerBinary;
}

export function isPackerPackage(p: PluginPackage): p is PackerPluginPackage {
  return p.origin === 'packer';
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  description: PackerPluginDescription;
}

/** Checksums and descriptions of binaries already looked at, by path (valid while size and mtime hold). */
function cachePath(env: NodeJS.ProcessEnv): string {
  return join(kilnPackerDir(env), '.describe-cache.json');
}

function readCache(env: NodeJS.ProcessEnv): Record<string, CacheEntry> {
  try {
    return JSON.parse(readFileSync(cachePath(env), 'utf8')) as Record<string, CacheEntry>;
  } catch {
    return {};
  }
}

function writeCache(env: NodeJS.ProcessEnv, cache: Record<string, CacheEntry>): void {
  try {
    const file = cachePath(env);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(cache));
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** SHA-256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Runs `describe` synchronously (discovery is synchronous). */
function describeSync(path: string): PackerPluginDescription {
  const env = { ...process.env };
  delete env.PACKER_PLUGIN_MAGIC_COOKIE;
  const out = execFileSync(path, ['describe'], { env, timeout: 30_000, encoding: 'utf8' });
  return parseDescription(path, out);
}

/**
 * The Packer plugin binaries usable here, as registry packages: the newest
 * version of each source across Kiln's and Packer's plugin directories,
 * checksum verified against its _SHA256SUM file and described (API x5.0 and
 * protocol v2 only). Results are cached by path, size and modification time.
 */
export function packerPlugins(env: NodeJS.ProcessEnv = process.env): {
  plugins: PackerPluginPackage[];
  ignored: IgnoredPlugin[];
} {
  const ignored: IgnoredPlugin[] = [];
  const bySource = new Map<string, FoundBinary>();
  for (const dir of packerPluginDirs(env)) {
    const { found, skipped } = listPackerBinaries(dir);
    for (const s of skipped) ignored.push({ dir: s.path, reason: s.reason });
    for (const f of found) {
      const prev = bySource.get(f.source);
      if (!prev || semver.gt(f.version, prev.version)) bySource.set(f.source, f);
    }
  }
  if (bySource.size === 0) return { plugins: [], ignored };
  const cache = readCache(env);
  let dirty = false;
  const plugins: PackerPluginPackage[] = [];
  for (const f of bySource.values()) {
    try {
      const st = statSync(f.path);
      let entry = cache[f.path];
      if (!entry || entry.size !== st.size || entry.mtimeMs !== st.mtimeMs || entry.sha256 !== f.sha256) {
        const sha256 = sha256File(f.path);
        if (sha256 !== f.sha256) {
          ignored.push({
            dir: f.path,
            name: f.source,
            reason: `its SHA-256 (${sha256}) does not match its _SHA256SUM file`,
          });
          continue;
        }
        entry = { size: st.size, mtimeMs: st.mtimeMs, sha256, description: describeSync(f.path) };
        cache[f.path] = entry;
        dirty = true;
      }
      checkDescription(f.path, entry.description);
      if (entry.description.version !== f.version) {
        ignored.push({
          dir: f.path,
          name: f.source,
          reason: `it reports version ${entry.description.version} while its name says ${f.version}`,
        });
        continue;
      }
      plugins.push(packagePlugin(f, entry.description));
    } catch (e) {
      ignored.push({ dir: f.path, name: f.source, reason: (e as Error).message });
    }
  }
  if (dirty) writeCache(env, cache);
  return { plugins, ignored };
}

/** The registry package of a described binary. */
export function packagePlugin(
  f: Omit<FoundBinary, 'sha256' | 'apiVersion'>,
  d: PackerPluginDescription,
): PackerPluginPackage {
  const types = (names: string[]) => names.map((n) => componentTypeName(f.pluginName, n));
  const components: Partial<Record<ComponentKind, string[]>> = {};
  if (d.builders.length) components.builder = types(d.builders);
  if (d.provisioners.length) components.provisioner = types(d.provisioners);
  if (d.postProcessors.length) components['post-processor'] = types(d.postProcessors);
  if (d.datasources.length) components['data-source'] = types(d.datasources);
  return {
    name: f.source,
    version: f.version,
    dir: dirname(f.path),
    main: f.path,
    protocol: 0,
    components,
    origin: 'packer',
    packer: { source: f.source, pluginName: f.pluginName, version: f.version, path: f.path, description: d },
  };
}
