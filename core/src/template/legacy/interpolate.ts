import type { Node } from 'jsonc-parser';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { type GoTemplateContext, GoTemplateError, renderGoTemplate } from './gotemplate/evaluate.js';
import { type JsonDocument, nodeValue } from './json-document.js';

/**
 * The plain value of a JSON node with every string (at any depth) rendered
 * as a Go template. Problems are collected with the string's position.
 */
export function interpolateNode(
  doc: JsonDocument,
  node: Node,
  ctx: GoTemplateContext,
  diags: TemplateDiagnostic[],
  skipKeys: ReadonlySet<string> = new Set(),
): unknown {
  switch (node.type) {
    case 'string':
      return interpolateString(doc, node, ctx, diags);
    case 'array':
      return (node.children ?? []).map((c) => interpolateNode(doc, c, ctx, diags));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v || skipKeys.has(String(k.value))) continue;
        out[String(k.value)] = interpolateNode(doc, v, ctx, diags);
      }
      return out;
    }
    default:
      return nodeValue(node);
  }
}

/** Renders one string node; on error reports it at the failing action and returns the raw text. */
export function interpolateString(
  doc: JsonDocument,
  node: Node,
  ctx: GoTemplateContext,
  diags: TemplateDiagnostic[],
): string {
  const text = String(node.value);
  try {
    return renderGoTemplate(text, ctx);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    const at = Math.min(node.offset + 1 + e.offset, node.offset + node.length - 1);
    diags.push({
      severity: 'error',
      summary: 'Invalid template interpolation',
      detail: `${e.message}.`,
      range: doc.index.range(at, 2),
    });
    return text;
  }
}
