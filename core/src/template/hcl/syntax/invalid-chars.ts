import type { ConvertContext } from './context.js';
import type { CstNode } from './cst.js';
import { TEMPLATE_SEQUENCE_NODES } from './template-nodes.js';

const TEMPLATE_NODES = new Set(['quoted_template', 'string_lit', 'heredoc_template']);

/**
 * Reports characters HCL does not use (`;`, `'`, `@`...) that the grammar
 * skipped silently: any non-blank text between two tokens outside a
 * template's literal parts. Returns true when one was found.
 */
export function reportInvalidCharacters(ctx: ConvertContext, root: CstNode): boolean {
  let found = false;
  let pos = 0;
  const gap = (end: number, literal: boolean) => {
    if (!literal) {
      const m = /\S/u.exec(ctx.text.slice(pos, end));
      if (m && !found) {
        const at = pos + m.index;
        const single = m[0] === "'";
        ctx.error(
          'Invalid character',
          single
            ? 'Single quotes are not valid. Use double quotes (") to enclose strings.'
            : 'This character is not used within the language.',
          at,
          at + m[0].length,
        );
        found = true;
      }
    }
    pos = Math.max(pos, end);
  };
  const visit = (node: CstNode, inTemplate: boolean): void => {
    gap(node.start, inTemplate);
    if (node.type === 'legacy_index' || node.children.length === 0) {
      pos = Math.max(pos, node.end);
      return;
    }
    const inner = TEMPLATE_SEQUENCE_NODES.has(node.type)
      ? false
      : inTemplate || TEMPLATE_NODES.has(node.type);
    for (const c of node.children) visit(c, inner);
    if (node.type === 'ERROR') gap(node.end, inner);
  };
  visit(root, false);
  gap(ctx.text.length, false);
  return found;
}
