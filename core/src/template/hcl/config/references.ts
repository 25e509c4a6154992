import type { Expression, ScopeTraversalExpr } from '../syntax/ast.js';

/** Every variable reference (`var.x`, `local.y`, `build.ID` ...) inside an expression. */
export function traversalsIn(expr: Expression): ScopeTraversalExpr[] {
  const out: ScopeTraversalExpr[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const e of x) walk(e);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const node = x as { kind?: string };
    if (node.kind === 'ScopeTraversal') {
      out.push(node as ScopeTraversalExpr);
      return;
    }
    for (const [k, v] of Object.entries(node)) if (!k.endsWith('ange')) walk(v);
  };
  walk(expr);
  return out;
}

/** The names `root.<name>` refers to in an expression (e.g. the locals it uses). */
export function namesUnder(expr: Expression, root: string): string[] {
  return traversalsIn(expr)
    .filter((t) => t.root === root && t.steps[0]?.kind === 'attr')
    .map((t) => (t.steps[0] as { name: string }).name);
}
