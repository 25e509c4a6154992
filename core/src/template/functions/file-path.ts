import { homedir } from 'node:os';
import { posix } from 'node:path';

/**
 * A path as Go's `filepath.Clean` leaves it: no `.` or `..` steps where they
 * can go, no doubled or trailing slash, `.` for nothing.
 */
export function goClean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/**
 * Where Packer's file functions (file, fileexists, fileset, templatefile)
 * look for a path: `~` expanded to the home directory (unless `expandHome`
 * is false, as fileset), then a relative path joined to `baseDir` (the
 * configuration's directory as the user gave it; '' for the working
 * directory, as in variable defaults) and cleaned. The result stays
 * relative when both were, so that messages name it the way Packer does.
 */
export function configPath(baseDir: string, p: string, expandHome = true): string {
  let path = p;
  if (expandHome && (path === '~' || path.startsWith('~/'))) path = homedir() + path.slice(1);
  if (posix.isAbsolute(path) || baseDir === '') return goClean(path);
  return goClean(`${baseDir}/${path}`);
}

/** Go's `os.FileMode.String()` of a non-regular file, for messages ("drwxr-xr-x"). */
export function goModeString(mode: number, isDirectory: boolean): string {
  const bits = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += mode & (1 << (8 - i)) ? bits[i] : '-';
  return `${isDirectory ? 'd' : '?'}${perm}`;
}
