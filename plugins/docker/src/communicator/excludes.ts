import picomatch from 'picomatch';

/** A predicate over slash-separated relative paths: true when a pattern leaves the path out. */
export function excluder(patterns: string[] | undefined): (relPath: string) => boolean {
  if (!patterns?.length) return () => false;
  const match = picomatch(patterns, { dot: true });
  return (rel) => match(rel);
}
