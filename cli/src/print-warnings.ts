import type { LoadedConfig, TemplateDiagnostic } from '@kiln/core';

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
