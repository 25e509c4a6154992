import type { ComponentConfig } from '../config/model.js';
import { TemplateError } from '../config/source-range.js';
import { UNKNOWN_VALUE } from '../template/hcl/config/body-eval.js';

/**
 * Whether a component must be prepared again before it runs, with what the
 * builder generated: when there is generated data, or when its body held
 * build.* values that were unknown at prepare time and are known now (such
 * as build.name, from the build block) — evaluating it again succeeds and
 * leaves no placeholder.
 */
export function needsGenerated(
  config: ComponentConfig,
  generatedData: Record<string, unknown>,
  evaluate: (generated?: Record<string, unknown>) => Record<string, unknown> = (g) => config.evaluate(g),
): boolean {
  if (Object.keys(generatedData).length > 0) return true;
  try {
    if (!JSON.stringify(evaluate()).includes(UNKNOWN_VALUE)) return false;
    return !JSON.stringify(evaluate(generatedData)).includes(UNKNOWN_VALUE);
  } catch (e) {
    if (e instanceof TemplateError) return false;
    throw e;
  }
}
