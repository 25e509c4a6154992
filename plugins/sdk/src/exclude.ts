import picomatch from 'picomatch';

/**
 * The one exclude matcher of directory transfers (every communicator's
 * `exclude`): a predicate over slash-separated relative paths, true when a
 * glob (picomatch: `*`, `?`, `**`, classes, braces; dot files included)
 * matches the path, its base name (for a pattern without a slash), or one of
 * its parent directories (a left-out directory is left out whole).
 */
export function excluder(patterns: readonly string[] | undefined): (relPath: string) => boolean {
  if (!patterns?.length) return () => false;
  // picomatch's own `basename` option misses paths with slashes (4.0.7), so
  // patterns without a slash are matched against base names here.
  const onPath = picomatch(
    patterns.filter((p) => p.includes('/')),
    { dot: true },
  );
  const onName = picomatch(
    patterns.filter((p) => !p.includes('/')),
    { dot: true },
  );
  return (rel) => {
    const parts = rel.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++)
      if (onName(parts[i - 1]!) || onPath(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}
