import type { Tree } from 'web-tree-sitter';

/**
 * A plain copy of one tree-sitter node: reading JS objects is much cheaper
 * than calling into WebAssembly for every property. Offsets are UTF-16
 * indexes into the parsed string.
 */
export interface CstNode {
  type: string;
  named: boolean;
  missing: boolean;
  start: number;
  end: number;
  /** Field name in the parent (`key`, `val` for object elements). */
  field: string | null;
  children: CstNode[];
}

/** Copies a whole tree into plain objects with one cursor walk. */
export function copyTree(tree: Tree): CstNode {
  const cursor = tree.walk();
  try {
    const read = (): CstNode => ({
      type: cursor.nodeType,
      named: cursor.nodeIsNamed,
      missing: cursor.nodeIsMissing,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: cursor.currentFieldName,
      children: [],
    });
    const root = read();
    const stack: CstNode[] = [root];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const node = read();
        stack[stack.length - 1].children.push(node);
        stack.push(node);
        continue;
      }
      for (;;) {
        stack.pop();
        if (cursor.gotoNextSibling()) {
          const node = read();
          stack[stack.length - 1].children.push(node);
          stack.push(node);
          break;
        }
        if (!cursor.gotoParent()) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The named children of a node, without comments. */
export function namedChildren(node: CstNode): CstNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}

/** The first child of the given type, if any. */
export function childOfType(node: CstNode, type: string): CstNode | undefined {
  return node.children.find((c) => c.type === type);
}
