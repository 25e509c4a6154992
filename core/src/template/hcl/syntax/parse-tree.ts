import { type CstNode, copyTree } from './cst.js';
import { hclParser } from './grammar.js';

/** Numbers with an exponent but no fraction (`1e5`), which the grammar does not know. */
const EXPONENT_NUMBER =
  /(?<![\p{ID_Continue}.$])(?<![\p{ID_Continue}]-)[0-9]+[eE][+-]?[0-9]+(?![\p{ID_Continue}.])/gu;

/**
 * Parses into a plain CST. Two gaps in the grammar are bridged by
 * rewriting a private copy of the text without moving any offset (the
 * converter reads every token from the original text): numbers like `1e5`
 * become digits of the same length, and an invalid escape (`"\q"`), on
 * which the grammar's scanner loses the rest of the file, becomes `\\`
 * (reported later as an invalid escape).
 */
export function parseCst(source: string): CstNode {
  let text = source.replace(EXPONENT_NUMBER, (m) => '1'.repeat(m.length));
  for (let attempt = 0; ; attempt++) {
    const tree = hclParser().parse(text);
    if (!tree) throw new Error('the HCL parser returned no tree');
    let root: CstNode;
    try {
      root = copyTree(tree);
    } finally {
      tree.delete();
    }
    const bad = attempt < 32 ? badEscapeAt(root, text) : -1;
    if (bad < 0) return root;
    text = `${text.slice(0, bad)}\\\\${text.slice(bad + 2)}`;
  }
}

function badEscapeAt(root: CstNode, text: string): number {
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'ERROR' && text[node.start] === '\\' && node.start + 1 < text.length) return node.start;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return -1;
}
