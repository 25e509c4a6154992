import { getNodeValue, type Node, type ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import type { SourceRange, TemplateDiagnostic } from '../../config/source-range.js';
import { LineIndex } from '../../diagnostics/line-index.js';

/** A JSON file parsed with positions: every value can be traced back to file:line:column. */
export interface JsonDocument {
  index: LineIndex;
  root: Node | undefined;
}

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'invalid character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name (a double-quoted string)',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected ":" after the property name',
  [ParseErrorCode.CommaExpected]: 'expected "," between values',
  [ParseErrorCode.CloseBraceExpected]: 'expected "}"',
  [ParseErrorCode.CloseBracketExpected]: 'expected "]"',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the end of the document',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in string',
};

/**
 * Parses strict JSON (no comments, no trailing commas) keeping offsets.
 * Syntax errors and duplicate object keys (with both positions) are returned
 * as diagnostics; only the first syntax error is reported, as later ones are
 * usually consequences of it.
 */
export function parseJsonDocument(
  filename: string,
  text: string,
): { doc: JsonDocument; diagnostics: TemplateDiagnostic[] } {
  const index = new LineIndex(filename, text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  const diagnostics: TemplateDiagnostic[] = [];
  const first = errors[0];
  if (first) {
    diagnostics.push({
      severity: 'error',
      summary: 'Invalid JSON',
      detail: `Could not parse ${filename}: ${MESSAGES[first.error] ?? 'syntax error'}.`,
      range: index.range(first.offset, Math.max(1, first.length)),
    });
  } else if (root) {
    findDuplicates(root, index, diagnostics);
  }
  return { doc: { index, root: first ? undefined : root }, diagnostics };
}

function findDuplicates(node: Node, index: LineIndex, diags: TemplateDiagnostic[]): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (!key) continue;
      const name = String(key.value);
      const prev = seen.get(name);
      if (prev) {
        const p = index.pos(prev.offset);
        diags.push({
          severity: 'error',
          summary: `Duplicate key "${name}"`,
          detail: `The key "${name}" was already set at ${index.filename}:${p.line}:${p.column}; each key may appear only once in an object.`,
          range: index.range(key.offset, key.length),
        });
      } else seen.set(name, key);
    }
  }
  for (const c of node.children ?? []) findDuplicates(c, index, diags);
}

/** The range a node covers. */
export function nodeRange(doc: JsonDocument, node: Node): SourceRange {
  return doc.index.range(node.offset, node.length);
}

/** The plain value of a node. */
export function nodeValue(node: Node): unknown {
  return getNodeValue(node);
}

/** The properties of an object node, in order, as [key, key node, value node]. */
export function properties(node: Node | undefined): [string, Node, Node][] {
  if (node?.type !== 'object') return [];
  const out: [string, Node, Node][] = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push([String(k.value), k, v]);
  }
  return out;
}

/** The value node of `key` in an object node. */
export function property(node: Node | undefined, key: string): Node | undefined {
  return properties(node).find(([k]) => k === key)?.[2];
}

/**
 * The range of an attribute path inside a value: an object key names the
 * property (its key), a number names an array element. Stops at the deepest
 * node that exists.
 */
export function locatePath(
  doc: JsonDocument,
  node: Node,
  path: (string | number)[],
  value = false,
): SourceRange {
  let cur = node;
  let last: Node = node;
  for (const seg of path) {
    if (cur.type === 'object') {
      const p = properties(cur).find(([k]) => k === String(seg));
      if (!p) break;
      last = value ? p[2] : p[1];
      cur = p[2];
    } else if (cur.type === 'array' && typeof seg === 'number' && cur.children?.[seg]) {
      cur = cur.children[seg];
      last = cur;
    } else break;
  }
  return nodeRange(doc, last);
}
