import type { ComponentRegistry } from '../components/registry.js';
import { requiredPluginHint } from '../components/unknown-type.js';
import type { LoadedConfig, LoadOptions } from '../config/model.js';
import type { TemplateDiagnostic } from '../config/source-range.js';
import { loadConfig } from '../template/load/load-config.js';

/**
 * Loads the template with the registry's schemas (none when syntax-only).
 * When a component type is unknown and one of the template's
 * required_plugins should provide it, the error says to run `kiln init`.
 */
export async function loadRunConfig(
  path: string,
  options: LoadOptions,
  registry: ComponentRegistry,
): Promise<LoadedConfig> {
  const syntaxOnly = options.syntaxOnly ?? false;
  try {
    const config = await loadConfig(
      path,
      { ...options, describeAvailable: (k, t) => registry.describeAvailable(k, t) },
      syntaxOnly ? undefined : registry,
    );
    registry.setRequiredPlugins(config.requiredPlugins);
    return config;
  } catch (error) {
    const unknown = ((error as { diagnostics?: TemplateDiagnostic[] }).diagnostics ?? []).filter((d) =>
      /^Unknown [a-z -]+ type "/.test(d.summary),
    );
    if (syntaxOnly || unknown.length === 0) throw error;
    let required: LoadedConfig['requiredPlugins'];
    try {
      const { executeDataSource: _, ...noRun } = options;
      required = (await loadConfig(path, { ...noRun, syntaxOnly: true })).requiredPlugins;
    } catch {
      throw error;
    }
    for (const d of unknown) {
      const hint = requiredPluginHint(/"([^"]+)"/.exec(d.summary)?.[1] ?? '', required);
      if (hint) d.detail = d.detail ? `${hint}\n\n${d.detail}` : hint;
    }
    throw error;
  }
}
