/**
 * Go reference-layout chunks, in the order Kiln's legacy isotime matches
 * them, with formatdate()'s spelling (undefined: no equivalent).
 */
const CHUNKS: [string, string | undefined][] = [
  ['2006', 'YYYY'],
  ['January', 'MMMM'],
  ['Monday', 'EEEE'],
  ['-07:00:00', undefined],
  ['-070000', undefined],
  ['Z07:00:00', undefined],
  ['Z070000', undefined],
  ['Z07:00', 'Z'],
  ['Z0700', undefined],
  ['Z07', undefined],
  ['-07:00', 'ZZZZZ'],
  ['-0700', 'ZZZZ'],
  ['-07', undefined],
  ['Jan', 'MMM'],
  ['Mon', 'EEE'],
  ['MST', 'ZZZ'],
  ['01', 'MM'],
  ['02', 'DD'],
  ['_2', undefined],
  ['002', undefined],
  ['03', 'HH'],
  ['04', 'mm'],
  ['05', 'ss'],
  ['06', 'YY'],
  ['15', 'hh'],
  ['PM', 'AA'],
  ['pm', 'aa'],
  ['.000', undefined],
  ['.999', undefined],
  [',000', undefined],
  ['1', 'M'],
  ['2', 'D'],
  ['3', 'H'],
  ['4', 'm'],
  ['5', 's'],
];

/**
 * The formatdate() specification that formats a time as the Go layout
 * does (`"2006-01-02T15:04:05Z07:00"` -> `"YYYY-MM-DD'T'hh:mm:ssZ"`), or
 * undefined when the layout uses something formatdate() cannot express.
 * Chunks are matched as Kiln's legacy isotime matches them.
 */
export function goLayoutToFormatdate(layout: string): string | undefined {
  let out = '';
  let literal = '';
  const flush = () => {
    if (!literal) return;
    out += /[A-Za-z']/.test(literal) ? `'${literal.replace(/'/g, "''")}'` : literal;
    literal = '';
  };
  let i = 0;
  outer: while (i < layout.length) {
    for (const [go, spec] of CHUNKS) {
      if (layout.startsWith(go, i)) {
        if (spec === undefined) return undefined;
        flush();
        out += spec;
        i += go.length;
        continue outer;
      }
    }
    literal += layout[i];
    i++;
  }
  flush();
  return out;
}
