import { ConfigError } from '@kiln/plugin-sdk';
import type { ComponentConfig } from '../config/model.js';
import { type TemplateDiagnostic, TemplateError } from '../config/source-range.js';

/** Turns whatever prepare/configure threw into diagnostics placed in the template. */
export function diagnose(error: unknown, config: ComponentConfig): TemplateDiagnostic[] {
  if (error instanceof TemplateError) return error.diagnostics;
  if (error instanceof ConfigError) {
    return error.diagnostics.map((d) => ({
      severity: d.severity,
      summary: d.summary,
      ...(d.detail ? { detail: d.detail } : {}),
      range: d.path?.length ? safeLocate(config, d.path) : config.range,
    }));
  }
  const message = error instanceof Error ? error.message : String(error);
  return [
    {
      severity: 'error',
      summary: `Failed preparing ${config.kind} "${config.type}"`,
      detail: message,
      range: config.range,
    },
  ];
}

function safeLocate(config: ComponentConfig, path: (string | number)[]) {
  try {
    return config.locate(path);
  } catch {
    return config.range;
  }
}
