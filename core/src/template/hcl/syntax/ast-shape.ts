import type { Expression, ObjectKey, TemplatePart, TraversalStep } from './ast.js';

/**
 * A compact one-line rendering of an expression's structure, for tests and
 * debug logs: operators are fully parenthesised so grouping is visible,
 * e.g. `((1 + (2 * 3)) == x)`, `splat[*](var.x; .id)`, `"a${b}"`.
 */
export function expressionShape(e: Expression): string {
  switch (e.kind) {
    case 'Literal':
      return e.raw;
    case 'Template':
      return `${e.heredoc ? `<<${e.heredoc.indented ? '-' : ''}${e.heredoc.marker}:` : ''}"${parts(e.parts)}"`;
    case 'TemplateWrap':
      return `wrap(${expressionShape(e.expr)})`;
    case 'ScopeTraversal':
      return e.root + e.steps.map(step).join('');
    case 'GetAttr':
      return `getattr(${expressionShape(e.object)}, ${e.name})`;
    case 'Index':
      return `index(${expressionShape(e.collection)}, ${expressionShape(e.key)}${e.legacy ? ', legacy' : ''})`;
    case 'Splat': {
      const steps = e.steps.map((s) =>
        s.kind === 'attr'
          ? `.${s.name}`
          : s.legacy
            ? `.${expressionShape(s.key)}`
            : `[${expressionShape(s.key)}]`,
      );
      return `splat${e.full ? '[*]' : '.*'}(${expressionShape(e.source)}; ${steps.join('')})`;
    }
    case 'Tuple':
      return `[${e.elements.map(expressionShape).join(', ')}]`;
    case 'Object':
      return `{${e.items.map((i) => `${key(i.key)} ${i.separator} ${expressionShape(i.value)}`).join(', ')}}`;
    case 'FunctionCall':
      return `${e.name}(${e.args.map(expressionShape).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'Unary':
      return `(${e.op}${expressionShape(e.operand)})`;
    case 'Binary':
      return `(${expressionShape(e.left)} ${e.op} ${expressionShape(e.right)})`;
    case 'Conditional':
      return `(${expressionShape(e.condition)} ? ${expressionShape(e.trueExpr)} : ${expressionShape(e.falseExpr)})`;
    case 'For': {
      const vars = e.keyVar ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
      const head = `for ${vars} in ${expressionShape(e.collection)} : `;
      const val = expressionShape(e.valueExpr) + (e.group ? '...' : '');
      const cond = e.condition ? ` if ${expressionShape(e.condition)}` : '';
      return e.object
        ? `{${head}${e.keyExpr ? expressionShape(e.keyExpr) : '?'} => ${val}${cond}}`
        : `[${head}${val}${cond}]`;
    }
    case 'Parentheses':
      return `paren(${expressionShape(e.expr)})`;
    case 'Invalid':
      return 'INVALID';
  }
}

function step(s: TraversalStep): string {
  if (s.kind === 'attr') return `.${s.name}`;
  if (s.legacy) return `.${s.key}`;
  return typeof s.key === 'number' ? `[${s.key}]` : `[${JSON.stringify(s.key)}]`;
}

function key(k: ObjectKey): string {
  return k.ident ?? `(${expressionShape(k.expr)})`;
}

function parts(list: TemplatePart[]): string {
  return list.map(part).join('');
}

function part(p: TemplatePart): string {
  switch (p.kind) {
    case 'TemplateLiteral':
      return JSON.stringify(p.value).slice(1, -1);
    case 'TemplateInterpolation':
      return `\${${p.stripLeft ? '~' : ''}${expressionShape(p.expr)}${p.stripRight ? '~' : ''}}`;
    case 'TemplateIf':
      return `%{if ${expressionShape(p.condition)}}${parts(p.then)}${p.else ? `%{else}${parts(p.else)}` : ''}%{endif}`;
    case 'TemplateFor':
      return `%{for ${p.keyVar ? `${p.keyVar}, ` : ''}${p.valueVar} in ${expressionShape(p.collection)}}${parts(p.body)}%{endfor}`;
  }
}
