import type { RequiredPlugin } from '@kiln/core';
import { runOptions } from './run-options.js';

/** A template's format and its required_plugins, read without checking component bodies. */
export async function requiredPluginsOf(
  path: string,
): Promise<{ format: 'json' | 'hcl'; required: RequiredPlugin[] }> {
  const { loadConfig } = await import('@kiln/core');
  const config = await loadConfig(path, { ...runOptions({}), syntaxOnly: true });
  return { format: config.format === 'json' ? 'json' : 'hcl', required: config.requiredPlugins };
}
