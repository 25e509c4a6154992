import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Body } from './ast.js';
import { ConvertContext } from './context.js';
import { convertFile } from './convert-body.js';
import { type CstNode, copyTree } from './cst.js';
import { hclParser, loadHclGrammar } from './grammar.js';
import { SourceMap } from './source-map.js';
import { checkStrict } from './strict.js';
import { reportSyntaxErrors } from './syntax-errors.js';

/** What `parseHcl` returns: always a complete tree, plus every problem found. */
export interface HclParseResult {
  body: Body;
  diagnostics: TemplateDiagnostic[];
}

/**
 * Loads the HCL grammar (WebAssembly). Call and await once before
 * `parseHcl`; later calls return the same promise, so it is cheap to call
 * again.
 */
export function initHclParser(): Promise<void> {
  return loadHclGrammar();
}

/**
 * Parses HCL2 native syntax (a .pkr.hcl or .pkrvars.hcl file) into Kiln's
 * syntax tree. Synchronous; `initHclParser()` must have resolved first
 * (throws otherwise). Never throws on bad input: problems are error
 * diagnostics with ranges in `filename`, sorted by position. What
 * hashicorp/hcl rejects is rejected here too (newline rules, single-line
 * blocks, redefined attributes, escapes).
 */
export function parseHcl(text: string, filename: string): HclParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const root = parseTree(source);
  const ctx = new ConvertContext(new SourceMap(source, filename));
  reportSyntaxErrors(ctx, root);
  const body = convertFile(ctx, root);
  checkStrict(ctx, root, body);
  return { body, diagnostics: dedupe(ctx.diagnostics) };
}

/**
 * Parses into a plain CST. The grammar's scanner gives up on an invalid
 * escape (`"\q"`) and loses the rest of the file; such escapes are
 * neutralised (same length, so offsets hold) and parsed again, and the
 * converter reports them from the original text.
 */
function parseTree(source: string): CstNode {
  let text = source;
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

function badEscapeAt(node: CstNode, text: string): number {
  if (node.type === 'ERROR' && text[node.start] === '\\' && node.start + 1 < text.length) return node.start;
  for (const c of node.children) {
    const at = badEscapeAt(c, text);
    if (at >= 0) return at;
  }
  return -1;
}

/** `initHclParser()` then `parseHcl()`. */
export async function parseHclAsync(text: string, filename: string): Promise<HclParseResult> {
  await initHclParser();
  return parseHcl(text, filename);
}

function dedupe(diags: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const seen = new Set<string>();
  const out: TemplateDiagnostic[] = [];
  for (const d of diags) {
    const key = `${d.range?.start.byte}:${d.summary}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.range?.start.byte ?? 0) - (b.range?.start.byte ?? 0));
}
