/** Writing HCL2 native syntax: string literals, object keys, comments. */

/** A valid HCL identifier (attribute, variable and block type names). */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Text as the inside of an HCL quoted string: escapes, and `${` / `%{` kept literal. */
export function escapeTemplateText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if ((c === '$' || c === '%') && next === '{') {
      out += `${c}${c}{`;
      i++;
      continue;
    }
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default: {
        const code = c.charCodeAt(0);
        out += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
      }
    }
  }
  return out;
}

/** An HCL quoted string literal with exactly this value. */
export function hclString(value: string): string {
  return `"${escapeTemplateText(value)}"`;
}

/** An object key or attribute name: bare when it is an identifier, quoted otherwise. */
export function hclKey(key: string): string {
  return IDENTIFIER.test(key) ? key : hclString(key);
}

/** Lines of `# ` comments for `text` (one per line of text). */
export function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => `${indent}#${l ? ` ${l}` : ''}\n`)
    .join('');
}
