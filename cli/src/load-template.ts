import type { ComponentRegistry, LoadedConfig, LoadOptions, TemplateDiagnostic } from '@kiln/core';
import type { TemplateFlagValues } from './template-flags.js';
import { UserError } from './user-error.js';

const list = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Turns the command line's template flags into the loader's options. */
export function loadOptions(flags: TemplateFlagValues, syntaxOnly = false): LoadOptions {
  const vars: [string, string][] = (flags.var ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0)
      throw new UserError(`-var "${v}": expected name=value`, {
        suggestions: ["Example: -var 'region=eu-west-1'"],
      });
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
  return {
    vars,
    varFiles: flags['var-file'] ?? [],
    only: list(flags.only),
    except: list(flags.except),
    env: process.env,
    ...(syntaxOnly ? { syntaxOnly } : {}),
  };
}

/** The template being loaded: its lock file decides which installed plugins the registry sees. */
let templatePath: string | undefined;

/** A registry of built-ins and the plugins available here (install receipts, workspace packages). */
export async function openRegistry(): Promise<ComponentRegistry> {
  const core = await import('@kiln/core');
  const { pluginStarter } = await import('./plugin-starter.js');
  const starter = await pluginStarter();
  return new core.ComponentRegistry({
    builtins: core.loadBuiltins,
    discovery: () => core.templatePlugins(templatePath),
    ...(starter ? { starter } : {}),
  });
}

/** Loads the template at `path` with the flags, checking bodies against the registry's schemas. */
export async function loadTemplate(
  path: string,
  flags: TemplateFlagValues,
  registry: ComponentRegistry,
  syntaxOnly = false,
  extra: Pick<LoadOptions, 'warnOnUndeclaredVar' | 'executeDataSource'> = {},
): Promise<LoadedConfig> {
  const { loadConfig, requiredPluginHint } = await import('@kiln/core');
  const options = { ...loadOptions(flags, syntaxOnly), ...extra };
  templatePath = path;
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

/**
 * Writes warnings (rendered with their source excerpts) to stderr: the load
 * warnings and `extra` (a component's own prepare may report the same one
 * again; each is written once). With `loadWarningsShown`, the load warnings
 * were written by an earlier call and only new ones in `extra` are.
 */
export async function printWarnings(
  config: LoadedConfig,
  extra: LoadedConfig['warnings'] = [],
  loadWarningsShown = false,
): Promise<void> {
  const isWarning = (w: TemplateDiagnostic) => w.severity === 'warning';
  const shown = loadWarningsShown ? config.warnings.filter(isWarning) : [];
  const candidates = [...(loadWarningsShown ? [] : config.warnings), ...extra].filter(isWarning);
  if (candidates.length === 0) return;
  const { dedupeDiagnostics, renderDiagnostics } = await import('@kiln/core');
  const warnings = dedupeDiagnostics([...shown, ...candidates]).filter((w) => !shown.includes(w));
  if (warnings.length === 0) return;
  process.stderr.write(
    renderDiagnostics(warnings, { color: process.stderr.isTTY === true && !process.env.NO_COLOR }),
  );
}
