import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Attribute, Block, BlockLabel, Body, Expression } from '../syntax/ast.js';
import { bindExpr } from './bound-expr.js';
import { ConversionError, convert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import { evaluateInto } from './evaluate.js';
import { iterate } from './iterate.js';
import { childScope, type EvalScope } from './scope.js';
import { T } from './types.js';
import { Value } from './value.js';

/** A body with its dynamic blocks expanded, and the problems found. */
export interface ExpandResult {
  body: Body;
  diagnostics: TemplateDiagnostic[];
}

/**
 * Expands every `dynamic "name" { for_each, iterator, labels, content {} }`
 * in `body` (at any depth) into ordinary `name` blocks, one per element of
 * for_each. Expressions inside generated blocks are bound to the iterator
 * (`<iterator>.key`, `<iterator>.value`), so the result can be decoded and
 * evaluated later like any body, in the same scope.
 */
export function expandDynamicBlocks(body: Body, scope: EvalScope): ExpandResult {
  const diagnostics: TemplateDiagnostic[] = [];
  return { body: expandBody(body, scope, diagnostics, {}), diagnostics };
}

function expandBody(
  body: Body,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  bound: Record<string, Value>,
): Body {
  if (
    !body.blocks.some((b) => b.type === 'dynamic' || b.body.blocks.length > 0) &&
    Object.keys(bound).length === 0
  )
    return body;
  const items: (Attribute | Block)[] = [];
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      items.push(Object.keys(bound).length ? { ...item, expr: bindExpr(item.expr, bound) } : item);
    } else if (item.type === 'dynamic') {
      items.push(...expandDynamic(item, scope, diags, bound));
    } else {
      items.push({ ...item, body: expandBody(item.body, scope, diags, bound) });
    }
  }
  return {
    ...body,
    items,
    attributes: items.filter((i): i is Attribute => i.kind === 'Attribute'),
    blocks: items.filter((i): i is Block => i.kind === 'Block'),
  };
}

function expandDynamic(
  block: Block,
  outer: EvalScope,
  diags: TemplateDiagnostic[],
  bound: Record<string, Value>,
): Block[] {
  const scope = childScope(outer, bound);
  const name = block.labels[0]?.value;
  if (block.labels.length !== 1 || name === undefined) {
    diags.push(
      evalError(
        'Invalid dynamic block',
        'A dynamic block must have exactly one label: the type of block to generate.',
        block.typeRange,
      ),
    );
    return [];
  }
  const attr = (n: string) => block.body.attributes.find((a) => a.name === n);
  const forEach = attr('for_each');
  const content = block.body.blocks.filter((b) => b.type === 'content');
  if (!forEach || content.length !== 1) {
    const detail = !forEach
      ? 'The argument "for_each" is required.'
      : 'A dynamic block must have exactly one nested "content" block.';
    diags.push(evalError('Invalid dynamic block', detail, block.typeRange));
    return [];
  }
  const iterName = iteratorName(attr('iterator')?.expr, name, diags);
  const coll = evaluateInto(forEach.expr, scope, diags);
  const items = iterate(coll, forEach.expr.range, diags, 'dynamic');
  if (items === 'unknown') {
    diags.push(
      evalError(
        'Invalid dynamic for_each value',
        'The for_each value must be known when the template is loaded.',
        forEach.expr.range,
      ),
    );
    return [];
  }
  const labelsExpr = attr('labels')?.expr;
  const out: Block[] = [];
  for (const [key, value] of items) {
    const iter = Value.object({ key, value });
    const vars = { ...bound, [iterName]: iter };
    const labels = labelsExpr ? evalLabels(labelsExpr, childScope(outer, vars), diags) : [];
    out.push({
      ...content[0]!,
      type: name,
      typeRange: block.labels[0]!.range,
      labels,
      body: expandBody(content[0]!.body, outer, diags, vars),
    });
  }
  return out;
}

function iteratorName(expr: Expression | undefined, fallback: string, diags: TemplateDiagnostic[]): string {
  if (!expr) return fallback;
  if (expr.kind === 'ScopeTraversal' && expr.steps.length === 0) return expr.root;
  diags.push(
    evalError('Invalid dynamic iterator name', 'The iterator name must be a single identifier.', expr.range),
  );
  return fallback;
}

function evalLabels(expr: Expression, scope: EvalScope, diags: TemplateDiagnostic[]): BlockLabel[] {
  const v = evaluateInto(expr, scope, diags);
  try {
    const list = convert(v, T.list(T.string));
    if (!list.isKnown || list.isNull) throw new ConversionError('labels must be known');
    return list.elems.map((e) => ({
      value: e.isKnown && !e.isNull ? e.str : '',
      quoted: true,
      range: expr.range,
    }));
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(
      evalError(
        'Invalid dynamic block labels',
        `The labels must be a known list of strings: ${e.detail}`,
        expr.range,
      ),
    );
    return [];
  }
}
