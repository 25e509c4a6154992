/** A problem found while decoding a literal, at a UTF-16 span of the source. */
export interface DecodeProblem {
  detail: string;
  start: number;
  end: number;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Decodes the literal text of a template. Quoted strings resolve backslash
 * escapes (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`); both quoted strings and
 * heredocs turn `$${` into `${` and `%%{` into `%{`. `offset` is where `raw`
 * starts in the file, for problem positions.
 */
export function decodeLiteral(
  raw: string,
  quoted: boolean,
  offset: number,
): { value: string; problems: DecodeProblem[] } {
  const problems: DecodeProblem[] = [];
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 3;
      continue;
    }
    if (c !== '\\' || !quoted) {
      out += c;
      i++;
      continue;
    }
    const sel = raw[i + 1];
    if (sel === undefined) {
      problems.push({
        detail: 'Backslash must be followed by an escape sequence selector character.',
        start: offset + i,
        end: offset + i + 1,
      });
      i++;
      continue;
    }
    if (sel in SIMPLE) {
      out += SIMPLE[sel];
      i += 2;
      continue;
    }
    if (sel === 'u' || sel === 'U') {
      const len = sel === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
        problems.push({
          detail: `The \\${sel} escape sequence must be followed by ${len === 4 ? 'four' : 'eight'} hexadecimal digits.`,
          start: offset + i,
          end: offset + i + 2,
        });
        out += sel;
        i += 2;
        continue;
      }
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        problems.push({
          detail: `Cannot encode character U+${hex.toLowerCase()} in UTF-8.`,
          start: offset + i,
          end: offset + i + 2 + len,
        });
      } else {
        out += String.fromCodePoint(code);
      }
      i += 2 + len;
      continue;
    }
    problems.push({
      detail: `The symbol "${sel}" is not a valid escape sequence selector.`,
      start: offset + i,
      end: offset + i + 2,
    });
    out += sel;
    i += 2;
  }
  return { value: out, problems };
}
