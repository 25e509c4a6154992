import type { Language, Tree } from 'web-tree-sitter';

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
  children: CstNode[];
}

const typeTables = new WeakMap<Language, { names: string[]; named: boolean[] }>();

function typeTable(language: Language): { names: string[]; named: boolean[] } {
  let table = typeTables.get(language);
  if (!table) {
    const names: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      names.push(language.types[id] ?? 'ERROR');
      named.push(language.nodeTypeIsNamed(id));
    }
    table = { names, named };
    typeTables.set(language, table);
  }
  return table;
}

/**
 * Copies a whole tree into plain objects with one cursor walk, reading as
 * little as possible per node (type id and offsets; missing-ness for
 * leaves only) since every read crosses into WebAssembly.
 */
export function copyTree(tree: Tree): CstNode {
  const { names, named } = typeTable(tree.language);
  const cursor = tree.walk();
  try {
    const read = (): CstNode => {
      const id = cursor.nodeTypeId;
      return {
        type: id === 65535 ? 'ERROR' : (names[id] ?? 'ERROR'),
        named: id === 65535 || (named[id] ?? true),
        missing: false,
        start: cursor.startIndex,
        end: cursor.endIndex,
        children: [],
      };
    };
    const root = read();
    const stack: CstNode[] = [root];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const node = read();
        stack[stack.length - 1].children.push(node);
        stack.push(node);
        continue;
      }
      const leaf = stack[stack.length - 1];
      if (leaf.start === leaf.end) leaf.missing = cursor.nodeIsMissing;
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
