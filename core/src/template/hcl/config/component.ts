import type { ComponentKind } from '@kiln/plugin-sdk';
import type { ComponentConfig } from '../../../config/model.js';
import { type SourceRange, type TemplateDiagnostic, TemplateError } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import type { EvalScope } from '../eval/scope.js';
import type { Body } from '../syntax/ast.js';
import { evaluateBody, locateInBodies } from './body-eval.js';

/**
 * A component whose body (a source, plus the build's override of it; a
 * provisioner; a post-processor) is evaluated on demand. `scopeFor(generated)`
 * gives the scope: build.* is unknown until the builder has generated it.
 */
export function hclComponent<K extends ComponentKind>(
  kind: K,
  type: string,
  range: SourceRange,
  bodies: Body[],
  scopeFor: (generated?: Record<string, unknown>) => EvalScope,
  skip: ReadonlySet<string>,
  sensitive: SensitiveValues,
): ComponentConfig & { kind: K } {
  return {
    kind,
    type,
    range,
    evaluate(generated) {
      const diags: TemplateDiagnostic[] = [];
      const value = evaluateBody(bodies, scopeFor(generated), diags, sensitive, skip);
      if (diags.some((d) => d.severity === 'error')) throw new TemplateError(diags);
      return value;
    },
    locate(path) {
      return locateInBodies(bodies, path, range);
    },
    locateValue(path) {
      return locateInBodies(bodies, path, range, true);
    },
  };
}
