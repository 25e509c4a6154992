import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `*.pkrvars.hcl.example` files of a corpus directory, copied without
 * `.example` into a new directory under `into`: Packer and Kiln read a var
 * file by its extension, so a user copies the examples before using them.
 */
export function copyExampleVarFiles(dir: string, into: string): string[] {
  const out = mkdtempSync(join(into, 'vars-'));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pkrvars.hcl.example'))
    .sort()
    .map((f) => {
      const to = join(out, f.replace(/\.example$/, ''));
      copyFileSync(join(dir, f), to);
      return to;
    });
}
