import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest parent with a package.json that declares workspaces. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in JSON.parse(readFileSync(pkg, 'utf8'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

/** ../shared/corpus relative to the repository root, or why it is not there. */
export function corpusDir(): { dir: string } | { missing: string } {
  const dir = resolve(repoRoot(), '..', 'shared', 'corpus');
  return existsSync(dir) ? { dir } : { missing: `../shared/corpus not found: ${dir} does not exist` };
}

/** Every .pkr.hcl and .pkrvars.hcl file under `dir`, sorted. */
export function hclFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.pkr.hcl') || e.name.endsWith('.pkrvars.hcl')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
