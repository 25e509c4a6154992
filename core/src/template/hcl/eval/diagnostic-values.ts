import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { traversalsIn } from '../config/references.js';
import type { Expression, ScopeTraversalExpr } from '../syntax/ast.js';
import type { EvalScope } from './scope.js';
import { friendlyTypeName } from './types.js';
import type { Value } from './value.js';

/** Evaluates one variable reference; undefined when it fails. */
export type TraversalReader = (t: ScopeTraversalExpr, scope: EvalScope) => Value | undefined;

/**
 * Gives each new diagnostic (from index `from`) about a part of `expr` the
 * values of the variables that part refers to, as HCL prints them under the
 * source excerpt ("with var.x as "a"."). The part is the sub-expression
 * whose range is the diagnostic's; a diagnostic that matches none is left
 * for an enclosing expression, and one already described is left alone.
 */
export function describeReferencedValues(
  expr: Expression,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  from: number,
  read: TraversalReader,
): void {
  for (let i = from; i < diags.length; i++) {
    const d = diags[i]!;
    if (d.values !== undefined || !d.range) continue;
    const part = findByRange(expr, d.range);
    if (part) d.values = referencedValues(part, scope, read);
  }
}

/** "var.x as "a"", "local.y set to null", sorted, one per distinct reference. */
export function referencedValues(expr: Expression, scope: EvalScope, read: TraversalReader): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of traversalsIn(expr)) {
    const name = traversalString(t);
    if (seen.has(name)) continue;
    const v = read(t, scope);
    if (v === undefined || !v.isKnown) continue;
    seen.add(name);
    out.push(v.isNull ? `${name} set to null` : `${name} as ${valueString(v)}`);
  }
  return out.sort();
}

function traversalString(t: ScopeTraversalExpr): string {
  let s = t.root;
  for (const step of t.steps) {
    if (step.kind === 'attr') s += `.${step.name}`;
    else s += `[${typeof step.key === 'number' ? numberString(step.key) : JSON.stringify(step.key)}]`;
  }
  return s;
}

/** A short description of a value: the value itself when primitive, its type and size otherwise. */
function valueString(v: Value): string {
  if (v.isSensitive) return '(sensitive value)';
  const t = v.type;
  switch (t.kind) {
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'number':
      return numberString(v.num);
    case 'string':
      return JSON.stringify(v.str);
    case 'list':
    case 'set':
    case 'map':
    case 'tuple': {
      const name = friendlyTypeName(t);
      const n = v.length;
      return n === 0 ? `empty ${name}` : `${name} with ${n} element${n === 1 ? '' : 's'}`;
    }
    case 'object': {
      const names = Object.keys(t.attrs);
      if (names.length === 0) return 'object with no attributes';
      return names.length === 1
        ? `object with 1 attribute ${JSON.stringify(names[0])}`
        : `object with ${names.length} attributes`;
    }
    default:
      return friendlyTypeName(t);
  }
}

/** A number with ten significant digits, in Go's %g form. */
function numberString(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mant = '', expStr = '0'] = n.toExponential(9).split('e');
  const exp = Number(expStr);
  const digits = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
  if (exp < -4 || exp >= 10) {
    const abs = Math.abs(exp);
    return `${digits}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  return String(Number(n.toPrecision(10)));
}

function findByRange(expr: Expression, r: NonNullable<TemplateDiagnostic['range']>): Expression | undefined {
  let found: Expression | undefined;
  const walk = (x: unknown): void => {
    if (found || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const e of x) walk(e);
      return;
    }
    const node = x as { kind?: string; range?: TemplateDiagnostic['range'] };
    const nr = node.range;
    if (
      node.kind !== undefined &&
      nr &&
      nr.filename === r.filename &&
      nr.start.byte === r.start.byte &&
      nr.end.byte === r.end.byte
    ) {
      found = node as Expression;
      return;
    }
    for (const [k, v] of Object.entries(node)) if (!k.endsWith('ange')) walk(v);
  };
  walk(expr);
  return found;
}
