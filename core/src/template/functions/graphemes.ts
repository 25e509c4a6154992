// biome-ignore-all lint/suspicious/noControlCharactersInRegex: the ASCII range

/**
 * Grapheme clusters, as HCL's string functions count characters (length,
 * substr, strrev). ICU's segmenter is made once, on first use: making one
 * costs milliseconds, and a template may call these functions thousands of
 * times. ASCII text needs no segmenter: its only cluster of more than one
 * character is CR LF.
 */
let segmenter: Intl.Segmenter | undefined;

const ASCII = /^[\x00-\x7f]*$/;

/** The grapheme clusters of a text, in order. */
export function graphemeClusters(text: string): string[] {
  if (ASCII.test(text)) {
    if (!text.includes('\r\n')) return text.split('');
    const out: string[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\r' && text[i + 1] === '\n') {
        out.push('\r\n');
        i++;
      } else out.push(text[i]!);
    }
    return out;
  }
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** How many grapheme clusters a text has. */
export function graphemeCount(text: string): number {
  if (ASCII.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}
