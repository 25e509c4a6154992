import type { SourcePos, SourceRange } from '../../../config/source-range.js';

/**
 * Converts UTF-16 offsets into a JavaScript string (what web-tree-sitter
 * reports) into HCL positions: 1-based line, 1-based column counted in
 * characters (code points), 0-based UTF-8 byte offset.
 */
export class SourceMap {
  readonly text: string;
  readonly filename: string;
  private readonly lineStarts: number[] = [0];
  private readonly lineBytes: number[] = [0];

  constructor(text: string, filename: string) {
    this.text = text;
    this.filename = filename;
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i++;
      } else bytes += 3;
      if (c === 10) {
        this.lineStarts.push(i + 1);
        this.lineBytes.push(bytes);
      }
    }
  }

  /** The position at UTF-16 offset `index` (clamped to the text). */
  pos(index: number): SourcePos {
    const at = Math.max(0, Math.min(index, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    let column = 1;
    let byte = this.lineBytes[lo];
    for (let i = this.lineStarts[lo]; i < at; i++) {
      const c = this.text.charCodeAt(i);
      column++;
      if (c < 0x80) byte += 1;
      else if (c < 0x800) byte += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        byte += 4;
        i++;
      } else byte += 3;
    }
    return { line: lo + 1, column, byte };
  }

  /** The range between two UTF-16 offsets. */
  range(start: number, end: number): SourceRange {
    return { filename: this.filename, start: this.pos(start), end: this.pos(end) };
  }
}
