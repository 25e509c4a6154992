import { resolve, sep } from 'node:path';
import type { StepCacheEntry } from '@kiln/plugin-sdk';

/** "@kiln/plugin-docker" -> "docker". */
export const shortPluginName = (name: string): string =>
  name.replace(/^@[^/]+\//, '').replace(/^(kiln-)?plugin-/, '');

/** An entry with the plugin that keeps it. */
export interface PluginEntry {
  plugin: string;
  entry: StepCacheEntry;
}

/**
 * Runs `f` with the step cache stores of every plugin kiln can use here
 * (installed and workspace packages that offer a builder); stops the
 * plugins afterwards. Plugins that could not be asked are added to `errors`.
 */
export async function withStepCaches<T>(
  errors: string[],
  f: (stores: import('@kiln/core').PluginStepCache[], signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const core = await import('@kiln/core');
  const host = new core.PluginHost();
  const signal = new AbortController().signal;
  try {
    const packages = [...core.workspacePlugins().plugins, ...core.installedPlugins().plugins];
    const { plugins, failed } = await core.pluginStepCaches(host, packages);
    errors.push(...failed);
    return await f(plugins, signal);
  } finally {
    await host.shutdown();
  }
}

/** Every entry of every store; a store that cannot be listed is added to `errors`. */
export async function listEntries(
  stores: import('@kiln/core').PluginStepCache[],
  signal: AbortSignal,
  errors: string[],
  template?: string,
): Promise<PluginEntry[]> {
  const ofTemplate = templateFilter(template);
  const out: PluginEntry[] = [];
  for (const s of stores) {
    try {
      const { entries, notes } = await s.store.list(signal);
      for (const note of notes) process.stderr.write(`${shortPluginName(s.plugin)}: ${note}\n`);
      for (const entry of entries) if (ofTemplate(entry.info.template)) out.push({ plugin: s.plugin, entry });
    } catch (error) {
      errors.push(`${s.plugin}: ${(error as Error).message}`);
    }
  }
  return out.sort(
    (a, b) =>
      a.entry.info.template.localeCompare(b.entry.info.template) ||
      a.entry.info.buildName.localeCompare(b.entry.info.buildName) ||
      a.entry.info.step - b.entry.info.step ||
      a.entry.createdAt.localeCompare(b.entry.createdAt),
  );
}

/**
 * -template: entries saved by builds of this template file, or of any
 * template in this directory and below (entries record the absolute path of
 * the template they were built from); no path: every entry.
 */
export function templateFilter(path: string | undefined): (template: string) => boolean {
  if (path === undefined) return () => true;
  const want = resolve(path);
  return (template) => template === want || template.startsWith(want.endsWith(sep) ? want : want + sep);
}

/** "3m", "5h", "2d": how long ago. */
export function age(createdAt: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(createdAt)) / 1000));
  if (!Number.isFinite(s)) return '?';
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}
