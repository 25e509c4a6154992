/** A predicate over slash-separated relative paths: true when a glob pattern leaves the path out. */
export function excluder(patterns: string[] | undefined): (relPath: string) => boolean {
  if (!patterns?.length) return () => false;
  const res = patterns.map((p) => globToRegExp(p));
  return (rel) => res.some((re) => re.test(rel));
}

/** `**` any path, `*` within one segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}
