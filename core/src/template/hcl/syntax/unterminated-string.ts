/**
 * Finds the first quoted string that reaches the end of its line, the way
 * HCL's scanner sees it ("Invalid multi-line string"). The grammar recovers
 * from a stray quote by re-pairing every quote after it, which hides the
 * real place; this lexical pass restores it. Returns the UTF-16 offset of
 * the offending newline (or end of text), or -1.
 */
export function unterminatedStringAt(text: string): number {
  const modes: ('string' | number)[] = [0];
  let i = 0;
  while (i < text.length) {
    const mode = modes[modes.length - 1];
    const c = text[i];
    if (mode === 'string') {
      if (c === '\n') return i;
      if (c === '\\') i += 2;
      else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        modes.push(0);
        i += 2;
      } else {
        if (c === '"') modes.pop();
        i++;
      }
      continue;
    }
    if (c === '"') {
      modes.push('string');
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '<' && text[i + 1] === '<') {
      i = skipHeredoc(text, i);
    } else if (c === '{') {
      modes[modes.length - 1] = mode + 1;
      i++;
    } else if (c === '}') {
      if (mode === 0 && modes.length > 1) modes.pop();
      else modes[modes.length - 1] = Math.max(0, mode - 1);
      i++;
    } else i++;
  }
  return modes.includes('string') ? text.length : -1;
}

/** Skips `<<EOT` / `<<-EOT` through its closing marker; a `<<` that opens no heredoc is skipped alone. */
function skipHeredoc(text: string, at: number): number {
  const m = /^<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/u.exec(text.slice(at, at + 200));
  if (!m) return at + 2;
  let line = at + m[0].length;
  while (line < text.length) {
    const nl = text.indexOf('\n', line);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(line, end).trim() === m[1]) return end;
    line = end + 1;
  }
  return text.length;
}
