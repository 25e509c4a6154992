import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Body } from './ast.js';
import { ConvertContext } from './context.js';
import { convertFile } from './convert-body.js';
import type { CstNode } from './cst.js';
import { loadHclGrammar } from './grammar.js';
import { parseCst } from './parse-tree.js';
import { type ResultCache, resultCache } from './result-cache.js';
import { SourceMap } from './source-map.js';
import { checkStrict } from './strict.js';
import { reportSyntaxErrors } from './syntax-errors.js';
import { unterminatedStringAt } from './unterminated-string.js';

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
  return parseHclWithCst(text, filename).result;
}

/**
 * `parseHcl` that also returns the concrete syntax tree and the text it
 * indexes (without a byte-order mark), for the formatter.
 */
export function parseHclWithCst(
  text: string,
  filename: string,
): { result: HclParseResult; root: CstNode; source: string } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ctx = new ConvertContext(new SourceMap(source, filename));
  let root: CstNode = { type: 'config_file', named: true, missing: false, start: 0, end: 0, children: [] };
  try {
    root = parseCst(source);
    const reportUnclosed = reportSyntaxErrors(ctx, root);
    const body = convertFile(ctx, root);
    checkStrict(ctx, root, body);
    reportUnclosed();
    return { result: { body, diagnostics: dedupe(withLexicalErrors(ctx)) }, root, source };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { result: tooDeep(ctx), root: { ...root, children: [] }, source };
  }
}

/**
 * A quoted string that runs into a newline is the real cause of whatever
 * the grammar reported after it (it re-pairs every later quote) and of its
 * error-recovery guesses, so those give way to that one.
 */
function withLexicalErrors(ctx: ConvertContext): TemplateDiagnostic[] {
  const at = unterminatedStringAt(ctx.text);
  if (at < 0) return ctx.diagnostics;
  const byte = ctx.map.pos(at).byte;
  const before = ctx.diagnostics.filter((d) => (d.range?.start.byte ?? 0) < byte && !ctx.guesses.has(d));
  const detail =
    'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.';
  return [
    ...before,
    { severity: 'error', summary: 'Invalid multi-line string', detail, range: ctx.between(at, at + 1) },
  ];
}

/** The answer for input nested deeper than the JavaScript stack allows. */
function tooDeep(ctx: ConvertContext): HclParseResult {
  const range = ctx.between(0, 0);
  return {
    body: { kind: 'Body', items: [], attributes: [], blocks: [], range },
    diagnostics: [
      {
        severity: 'error',
        summary: 'Configuration nested too deeply',
        detail:
          'This file nests brackets, blocks or templates thousands of levels deep, which Kiln cannot read.',
        range,
      },
    ],
  };
}

/** `initHclParser()` then `parseHcl()`. */
export async function parseHclAsync(text: string, filename: string): Promise<HclParseResult> {
  await initHclParser();
  return parseHcl(text, filename);
}

let parsed: ResultCache<HclParseResult> | undefined;

/**
 * `parseHclAsync` through the parse cache (result-cache.ts): a file parsed
 * by an earlier run with the same name and text is read back, without
 * setting up the parser. For files of a configuration, not for fragments.
 */
export async function parseHclFile(text: string, filename: string): Promise<HclParseResult> {
  parsed ??= resultCache<HclParseResult>('hcl');
  const hit = parsed.get(text, filename);
  if (hit) return hit;
  const result = await parseHclAsync(text, filename);
  parsed.set(text, filename, result);
  return result;
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
