import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostics } from '@kiln/plugin-sdk';

/** Checks that `path` (an attribute's value) is an existing file (or directory when allowed). */
export function checkFile(path: string, attribute: string, diags: Diagnostics, allowDirectory = false): void {
  if (path === '') {
    diags.error(`${attribute} must be specified`, [attribute]);
    return;
  }
  try {
    const st = statSync(path);
    if (st.isDirectory() && !allowDirectory)
      diags.error(`${attribute}: ${path} is a directory`, [attribute], `${attribute} must name a file.`);
  } catch {
    diags.error(
      `${attribute}: ${path} does not exist`,
      [attribute],
      `No file at ${resolve(path)} (relative paths are from the directory kiln runs in). Fix the path or create the file.`,
    );
  }
}

/** Checks that `path` (an attribute's value) is an existing directory. */
export function checkDirectory(
  path: string,
  attribute: string,
  diags: Diagnostics,
  at: (string | number)[] = [attribute],
): void {
  try {
    if (!statSync(path).isDirectory())
      diags.error(`${attribute}: ${path} is not a directory`, at, `${attribute} must name a directory.`);
  } catch {
    diags.error(
      `${attribute}: ${path} does not exist`,
      at,
      `No directory at ${resolve(path)} (relative paths are from the directory kiln runs in).`,
    );
  }
}
