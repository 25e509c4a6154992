import type { SourcePos, SourceRange } from '../config/source-range.js';

/**
 * Maps string offsets (UTF-16, as JavaScript and jsonc-parser count them) of
 * one source text to 1-based line/column positions and 0-based UTF-8 bytes.
 */
export class LineIndex {
  readonly filename: string;
  readonly text: string;
  private readonly starts: number[] = [0];

  constructor(filename: string, text: string) {
    this.filename = filename;
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The position of a string offset. */
  pos(offset: number): SourcePos {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.starts[lo]!;
    return {
      line: lo + 1,
      column: at - lineStart + 1,
      byte: Buffer.byteLength(this.text.slice(0, at), 'utf8'),
    };
  }

  /** The range covering `length` characters from `offset`. */
  range(offset: number, length: number): SourceRange {
    return { filename: this.filename, start: this.pos(offset), end: this.pos(offset + length) };
  }
}
