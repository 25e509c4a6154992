import { type ComponentKind, decodeConfig } from '@kiln/plugin-sdk';
import type { BuildPlan, ComponentConfig, SchemaProvider } from '../../config/model.js';
import { type TemplateDiagnostic, TemplateError } from '../../config/source-range.js';
import { isUnknownAt } from '../hcl/config/body-eval.js';
import { retiredComponent } from '../retired-components.js';

/** Says which installed plugins offer what, for an unknown component type. */
export type DescribeAvailable = (kind: ComponentKind, type: string) => string | undefined;

const KIND_NAMES: Record<ComponentKind, string> = {
  builder: 'builder',
  provisioner: 'provisioner',
  'post-processor': 'post-processor',
  'data-source': 'data source',
};

/** Every component of the builds, each once. */
export function componentsOf(builds: BuildPlan[]): ComponentConfig[] {
  const seen = new Set<ComponentConfig>();
  for (const b of builds) {
    seen.add(b.builder);
    for (const p of b.provisioners) seen.add(p);
    for (const chain of b.postProcessors) for (const pp of chain) seen.add(pp);
    if (b.errorCleanupProvisioner) seen.add(b.errorCleanupProvisioner);
  }
  return [...seen];
}

/**
 * Evaluates every component body and decodes it against its schema: unknown
 * types, unsupported arguments (with did-you-mean), missing required ones and
 * wrong types, each at its place in the template. Collects; never throws.
 */
export async function checkComponentSchemas(
  components: ComponentConfig[],
  schemas: SchemaProvider,
  diags: TemplateDiagnostic[],
  describeAvailable?: DescribeAvailable,
  onSensitive?: (value: string) => void,
  hcl = false,
): Promise<void> {
  // Every lookup starts at once, so the plugins the components need start
  // side by side rather than one after another; the results are read in
  // order. A lookup left unread after an earlier one threw is not an
  // unhandled rejection.
  const lookups = components.map((c) => schemas.schemaFor(c.kind, c.type));
  for (const l of lookups) l.catch(() => undefined);
  for (const [i, c] of components.entries()) {
    const schema = await lookups[i];
    if (!schema) {
      const retired = retiredComponent(c.kind, c.type);
      if (retired) {
        diags.push({
          severity: 'error',
          summary: `The ${KIND_NAMES[c.kind]} "${c.type}" was retired`,
          detail: `${retired.reason}\n\n${retired.replacement}`,
          range: c.range,
        });
        continue;
      }
      const more = describeAvailable?.(c.kind, c.type);
      diags.push({
        severity: 'error',
        summary: `Unknown ${KIND_NAMES[c.kind]} type "${c.type}"`,
        detail: `No built-in component or installed plugin provides the ${KIND_NAMES[c.kind]} "${c.type}".${more ? `\n\n${more}` : ' Check the spelling, or run "kiln init" to install the plugins the template requires.'}`,
        range: c.range,
      });
      continue;
    }
    let value: Record<string, unknown>;
    try {
      value = c.evaluate();
    } catch (e) {
      if (e instanceof TemplateError) {
        diags.push(...e.diagnostics);
        continue;
      }
      throw e;
    }
    if (onSensitive) {
      for (const [name, spec] of Object.entries(schema.attributes)) {
        const v = value[name];
        if (spec.sensitive && typeof v === 'string') onSensitive(v);
      }
    }
    for (const d of decodeConfig(schema, value, { hcl }).diagnostics) {
      if (d.path && !d.summary.startsWith('Unsupported') && isUnknownAt(value, d.path)) continue;
      diags.push({
        severity: d.severity,
        summary: d.summary,
        ...(d.detail ? { detail: d.detail } : {}),
        range: !d.path
          ? c.range
          : d.summary.startsWith('Incorrect') && c.locateValue
            ? c.locateValue(d.path)
            : c.locate(d.path),
      });
    }
  }
}

/** Evaluates every component without schemas, to find interpolation errors. */
export function evaluateComponents(components: ComponentConfig[], diags: TemplateDiagnostic[]): void {
  for (const c of components) {
    try {
      c.evaluate();
    } catch (e) {
      if (e instanceof TemplateError) diags.push(...e.diagnostics);
      else throw e;
    }
  }
}

/** Drops repeated diagnostics (one body shared by several builds reports once). */
export function dedupeDiagnostics(diags: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const r = d.range;
    const key = `${d.severity}|${d.summary}|${d.detail ?? ''}|${r ? `${r.filename}:${r.start.byte}:${r.end.byte}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
