import type { TemplateDiagnostic } from '../../config/source-range.js';

/**
 * Console input that ends before its expression does (`1 +`, `[1,`,
 * `upper(`, `"abc`, `a.`), or goes on after it (`1 1`), is reported as
 * Packer's console reports it: parsed on its
 * own, the expression runs into the end of the input. `diag` is the first
 * syntax error; it is returned reworded (and pointed at the end) when the
 * input is incomplete, unchanged otherwise.
 */
export function incompleteInputError(text: string, diag: TemplateDiagnostic): TemplateDiagnostic {
  const { depth, inString } = scan(text);
  const end = { line: 1, column: text.length + 1, byte: Buffer.byteLength(text) };
  const at = diag.range ? { ...diag.range, start: end, end } : undefined;
  if (inString)
    return {
      ...diag,
      summary: 'Unterminated template string',
      detail: 'No closing marker was found for the string.',
      ...(at ? { range: at } : {}),
    };
  if (diag.summary === 'Missing newline after argument')
    return {
      ...diag,
      summary: 'Extra characters after expression',
      detail: 'An expression was successfully parsed, but extra characters were found after it.',
    };
  if (/\.\s*$/.test(text) && !/\.\.\.\s*$/.test(text))
    return {
      ...diag,
      summary: 'Invalid attribute name',
      detail: 'An attribute name is required after a dot.',
      ...(at ? { range: at } : {}),
    };
  // A call or index that is complete but unclosed keeps hclsyntax's own words.
  const unclosed = [
    'Unterminated function call',
    'Missing close bracket on index',
    'Unterminated tuple constructor expression',
  ];
  if (unclosed.includes(diag.summary) && !/(?:[-+*/%,=!<>&|?:.([]|\.\.\.)\s*$/.test(text)) return diag;
  if (diag.summary === 'Unbalanced parentheses' && diag.range)
    return { ...diag, range: { ...diag.range, start: end, end } };
  if (depth > 0 || /(?:[-+*/%,=!<>&|?:.]|\.\.\.)\s*$/.test(text))
    return {
      ...diag,
      summary: 'Missing expression',
      detail: 'Expected the start of an expression, but found the end of the file.',
      ...(at ? { range: at } : {}),
    };
  return diag;
}

/** Bracket depth at the end of `text` and whether a quoted string is still open. */
function scan(text: string): { depth: number; inString: boolean } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return { depth, inString };
}
