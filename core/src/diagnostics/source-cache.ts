import { readFileSync } from 'node:fs';

/**
 * The text of template files, read once. The loader registers what it read
 * so a rendered diagnostic always shows the same text the loader saw.
 */
export class SourceCache {
  private readonly texts = new Map<string, string | null>();

  /** Remembers `text` as the content of `filename`. */
  set(filename: string, text: string): void {
    this.texts.set(filename, text);
  }

  /** The file's text, read from disk the first time; undefined when unreadable. */
  get(filename: string): string | undefined {
    if (!this.texts.has(filename)) {
      try {
        this.texts.set(filename, readFileSync(filename, 'utf8'));
      } catch {
        this.texts.set(filename, null);
      }
    }
    return this.texts.get(filename) ?? undefined;
  }

  /** One 1-based line of the file, without its line ending. */
  line(filename: string, line: number): string | undefined {
    const text = this.get(filename);
    if (text === undefined) return undefined;
    const lines = text.split('\n');
    const l = lines[line - 1];
    return l === undefined ? undefined : l.replace(/\r$/, '');
  }
}

/** The cache shared by loaders and renderers in this process. */
export const sourceCache = new SourceCache();
