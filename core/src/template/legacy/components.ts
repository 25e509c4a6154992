import type { ComponentKind } from '@kiln/plugin-sdk';
import type { Node } from 'jsonc-parser';
import type { ComponentConfig } from '../../config/model.js';
import { type TemplateDiagnostic, TemplateError } from '../../config/source-range.js';
import type { GoTemplateContext } from './gotemplate/evaluate.js';
import { type LegacyFunctionInput, legacyFunctions } from './gotemplate/functions.js';
import { interpolateNode } from './interpolate.js';
import { type JsonDocument, locatePath, nodeRange, properties } from './json-document.js';

/** The build a component is evaluated for. */
export interface LegacyBuildContext {
  buildName: string;
  buildType: string;
  fn: Omit<LegacyFunctionInput, 'buildName' | 'buildType'>;
}

/** The Go-template context for a build: `build` waits for generated data, fields for the plugin. */
export function buildContext(b: LegacyBuildContext, generated?: Record<string, unknown>): GoTemplateContext {
  const funcs = legacyFunctions({ ...b.fn, buildName: b.buildName, buildType: b.buildType });
  if (generated) {
    funcs.build = (key) => {
      const k = String(key);
      if (!(k in generated)) throw new Error(`the builder did not generate "${k}"`);
      return String(generated[k]);
    };
  }
  return { funcs, ...(generated ? {} : { deferred: new Set(['build']) }) };
}

/**
 * A component body from a legacy JSON template: evaluation renders every
 * string; `extra` (an override for this build) is merged over the body.
 */
export function legacyComponent<K extends ComponentKind>(
  kind: K,
  type: string,
  doc: JsonDocument,
  body: Node,
  skipKeys: ReadonlySet<string>,
  build: LegacyBuildContext,
  extra?: Node,
): ComponentConfig & { kind: K } {
  const typeNode = properties(body).find(([k]) => k === 'type')?.[2];
  return {
    kind,
    type,
    range: nodeRange(doc, typeNode ?? body),
    evaluate(generated) {
      const diags: TemplateDiagnostic[] = [];
      const ctx = buildContext(build, generated);
      const value =
        body.type === 'object'
          ? (interpolateNode(doc, body, ctx, diags, skipKeys) as Record<string, unknown>)
          : {};
      if (extra) Object.assign(value, interpolateNode(doc, extra, ctx, diags));
      if (diags.some((d) => d.severity === 'error')) throw new TemplateError(diags);
      return value;
    },
    locate(path) {
      const head = path[0];
      if (extra && typeof head === 'string' && properties(extra).some(([k]) => k === head))
        return locatePath(doc, extra, path);
      return locatePath(doc, body, path);
    },
    locateValue(path) {
      const head = path[0];
      if (extra && typeof head === 'string' && properties(extra).some(([k]) => k === head))
        return locatePath(doc, extra, path, true);
      return locatePath(doc, body, path, true);
    },
  };
}
