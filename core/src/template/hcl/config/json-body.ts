import type { Node } from 'jsonc-parser';
import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import { type JsonDocument, nodeRange, parseJsonDocument, properties } from '../../legacy/json-document.js';
import { parseTemplate } from '../eval/parse-expression.js';
import type { Attribute, Block, Body, Expression } from '../syntax/ast.js';

/** Block types (and their label counts) in HCL JSON configuration, by parent block type. */
const BLOCKS: Record<string, Record<string, number>> = {
  '': { variable: 1, variables: 0, locals: 0, local: 1, source: 2, data: 2, build: 0, packer: 0, kiln: 0 },
  build: {
    source: 1,
    provisioner: 1,
    'post-processor': 1,
    'post-processors': 0,
    'error-cleanup-provisioner': 1,
    hcp_packer_registry: 0,
  },
  'post-processors': { 'post-processor': 1 },
  variable: { validation: 0 },
  packer: { required_plugins: 0 },
  kiln: { required_plugins: 0 },
};

/**
 * Parses an HCL JSON file (.pkr.json, .auto.pkrvars.json) into the same
 * syntax tree as native HCL. Known block types become blocks (labels from
 * nested object keys); other properties are attributes; strings are parsed
 * as templates ("${var.x}"), with ranges at the JSON string.
 */
export function parseHclJson(
  text: string,
  filename: string,
): { body: Body; diagnostics: TemplateDiagnostic[] } {
  const { doc, diagnostics } = parseJsonDocument(filename, text);
  const empty: Body = { kind: 'Body', items: [], attributes: [], blocks: [], range: doc.index.range(0, 0) };
  if (!doc.root) return { body: empty, diagnostics };
  if (doc.root.type !== 'object') {
    diagnostics.push({
      severity: 'error',
      summary: 'The root of an HCL JSON file must be an object',
      range: nodeRange(doc, doc.root),
    });
    return { body: empty, diagnostics };
  }
  return { body: toBody(doc, doc.root, '', diagnostics), diagnostics };
}

function toBody(doc: JsonDocument, node: Node, parent: string, diags: TemplateDiagnostic[]): Body {
  const body: Body = { kind: 'Body', items: [], attributes: [], blocks: [], range: nodeRange(doc, node) };
  const kinds = BLOCKS[parent] ?? {};
  for (const [key, keyNode, value] of properties(node)) {
    const labels = kinds[key];
    if (labels === undefined) {
      const a: Attribute = {
        kind: 'Attribute',
        name: key,
        nameRange: nodeRange(doc, keyNode),
        expr: toExpr(doc, value, diags),
        range: doc.index.range(keyNode.offset, value.offset + value.length - keyNode.offset),
      };
      body.items.push(a);
      body.attributes.push(a);
      continue;
    }
    for (const b of toBlocks(doc, key, keyNode, value, labels, [], diags)) {
      body.items.push(b);
      body.blocks.push(b);
    }
  }
  return body;
}

function toBlocks(
  doc: JsonDocument,
  type: string,
  keyNode: Node,
  node: Node,
  labelsLeft: number,
  labels: Block['labels'],
  diags: TemplateDiagnostic[],
): Block[] {
  if (node.type === 'array')
    return (node.children ?? []).flatMap((c) => toBlocks(doc, type, keyNode, c, labelsLeft, labels, diags));
  if (node.type !== 'object') {
    diags.push({ severity: 'error', summary: `"${type}" must be an object`, range: nodeRange(doc, node) });
    return [];
  }
  if (labelsLeft > 0) {
    return properties(node).flatMap(([k, kn, v]) =>
      toBlocks(
        doc,
        type,
        keyNode,
        v,
        labelsLeft - 1,
        [...labels, { value: k, quoted: true, range: nodeRange(doc, kn) }],
        diags,
      ),
    );
  }
  const r = nodeRange(doc, node);
  return [
    {
      kind: 'Block',
      type,
      typeRange: nodeRange(doc, keyNode),
      labels,
      body: toBody(doc, node, type, diags),
      openBraceRange: doc.index.range(node.offset, 1),
      closeBraceRange: doc.index.range(node.offset + node.length - 1, 1),
      range: r,
    },
  ];
}

function toExpr(doc: JsonDocument, node: Node, diags: TemplateDiagnostic[]): Expression {
  const range = nodeRange(doc, node);
  switch (node.type) {
    case 'string':
      return stringExpr(String(node.value), range, diags);
    case 'number':
    case 'boolean':
    case 'null':
      return {
        kind: 'Literal',
        value: node.value as number | boolean | null,
        raw: String(node.value),
        range,
      };
    case 'array':
      return { kind: 'Tuple', elements: (node.children ?? []).map((c) => toExpr(doc, c, diags)), range };
    default:
      return {
        kind: 'Object',
        items: properties(node).map(([k, kn, v]) => {
          const kr = nodeRange(doc, kn);
          return {
            key: {
              kind: 'ObjectKey',
              ident: k,
              expr: {
                kind: 'Template',
                parts: [{ kind: 'TemplateLiteral', value: k, range: kr }],
                range: kr,
              },
              range: kr,
            },
            value: toExpr(doc, v, diags),
            separator: ':',
            range: doc.index.range(kn.offset, v.offset + v.length - kn.offset),
          };
        }),
        range,
      };
  }
}

function stringExpr(s: string, range: SourceRange, diags: TemplateDiagnostic[]): Expression {
  if (!s.includes('${') && !s.includes('%{'))
    return { kind: 'Template', parts: s ? [{ kind: 'TemplateLiteral', value: s, range }] : [], range };
  const r = parseTemplate(s, range.filename);
  for (const d of r.diagnostics) diags.push({ ...d, range });
  const e = r.expr;
  const parts =
    e.kind === 'Template' ? e.parts.filter((p) => !(p.kind === 'TemplateLiteral' && p.value === '')) : [];
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'TemplateInterpolation')
    return rerange({ kind: 'TemplateWrap', expr: only.expr, range }, range);
  return rerange(e, range);
}

function rerange<T>(x: T, range: SourceRange): T {
  if (Array.isArray(x)) return x.map((e) => rerange(e, range)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x))
    out[k] = k === 'range' || k.endsWith('Range') ? range : rerange(v, range);
  return out as T;
}
