import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';

/** The infix every temporary transfer name carries, so leftovers are easy to recognise. */
export const TEMP_INFIX = '.kiln-part-';

/**
 * A temporary name beside `path` (same directory, so a rename into place is
 * atomic; a leading dot, so `*` globs on the other end do not pick it up),
 * unique per call: concurrent transfers to the same destination never share
 * one.
 */
export function tempNameFor(path: string): string {
  const dir = posix.dirname(path);
  const name = `.${posix.basename(path)}${TEMP_INFIX}${randomBytes(6).toString('hex')}`;
  return dir === '.' && !path.startsWith('./') ? name : posix.join(dir, name);
}

/** True when a file name is one {@link tempNameFor} made. */
export function isTempName(name: string): boolean {
  return posix.basename(name).startsWith('.') && posix.basename(name).includes(TEMP_INFIX);
}
