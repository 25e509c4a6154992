import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { CstNode } from './cst.js';
import type { SourceMap } from './source-map.js';

/** State shared by the CST-to-AST conversion of one file. */
export class ConvertContext {
  readonly map: SourceMap;
  readonly diagnostics: TemplateDiagnostic[] = [];
  /** Diagnostics inferred from the grammar's error recovery (ERROR nodes), which may be knock-on effects. */
  readonly guesses = new Set<TemplateDiagnostic>();

  constructor(map: SourceMap) {
    this.map = map;
  }

  get text(): string {
    return this.map.text;
  }

  /** The source text of a node. */
  src(node: CstNode): string {
    return this.map.text.slice(node.start, node.end);
  }

  range(node: CstNode): SourceRange {
    return this.map.range(node.start, node.end);
  }

  between(start: number, end: number): SourceRange {
    return this.map.range(start, end);
  }

  /** Records an error at the UTF-16 span [start, end). */
  error(summary: string, detail: string, start: number, end: number): void {
    this.diagnostics.push({ severity: 'error', summary, detail, range: this.map.range(start, end) });
  }
}
