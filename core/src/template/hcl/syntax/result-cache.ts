import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { hashString, kilnCacheDir } from '@kiln/plugin-sdk/bundle';

/**
 * Results of parsing (and formatting) HCL files, kept between runs by the
 * file's name and text, so that a file that did not change since the last
 * `kiln` run is neither parsed nor needs the parser's WebAssembly set up:
 * what a run costs grows with what changed, not with the size of the
 * configuration. Entries live in the user's cache directory
 * (KILN_CACHE_DIR, else $XDG_CACHE_HOME/kiln), in parse/, one file each,
 * written with V8's serializer; the key also holds the Node.js version and
 * the identity of the code that made them (this module's file, and core's
 * last compile in a clone), so a new Kiln never reads an old entry. An
 * entry holds the text it was made from, and is used only when that text is
 * the file's text exactly, so the name needs no cryptographic hash.
 * KILN_PARSE_CACHE=0 turns it off. A cache that cannot be read or written
 * is skipped: the result is computed as without it.
 */
export interface ResultCache<T> {
  get(text: string, filename: string): T | undefined;
  set(text: string, filename: string, value: T): void;
}

/** What an entry file holds: the text the value was made from, and the value. */
interface Entry<T> {
  text: string;
  value: T;
}

const MAX_ENTRIES = 512;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

let identity: string | undefined;

/** What made the cached results: changes whenever Kiln's code does. */
function codeIdentity(): string {
  if (identity === undefined) {
    const parts = [process.version, process.arch];
    // Compiled files: this module; in the bundle, import.meta.url is the bundle.
    for (const url of [import.meta.url, new URL('../../../../tsconfig.tsbuildinfo', import.meta.url).href]) {
      try {
        const st = statSync(fileURLToPath(url));
        parts.push(`${url} ${st.size} ${st.mtimeMs}`);
      } catch {}
    }
    identity = parts.join('\n');
  }
  return identity;
}

/** The cache of one kind of result ("hcl" parse results, "fmt" formatted text). */
export function resultCache<T>(kind: string, env: NodeJS.ProcessEnv = process.env): ResultCache<T> {
  const off = env.KILN_PARSE_CACHE === '0';
  const dir = join(kilnCacheDir(env), 'parse');
  const file = (text: string, filename: string) => {
    const head = `${kind}\0${codeIdentity()}\0${filename}\0`;
    return join(dir, `${hashString(head)}${hashString(text)}.bin`);
  };
  return {
    get(text, filename) {
      if (off) return undefined;
      try {
        const entry = v8.deserialize(readFileSync(file(text, filename))) as Entry<T>;
        return entry.text === text ? entry.value : undefined;
      } catch {
        return undefined;
      }
    },
    set(text, filename, value) {
      if (off) return;
      const path = file(text, filename);
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const entry: Entry<T> = { text, value };
        writeFileSync(tmp, v8.serialize(entry), { mode: 0o600 });
        renameSync(tmp, path);
        if (Math.random() < 1 / 16) prune(dir);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}

/** Removes entries older than a month, and the oldest beyond MAX_ENTRIES. */
function prune(dir: string): void {
  const now = Date.now();
  const entries = readdirSync(dir)
    .map((name) => {
      try {
        return { path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((e) => e !== undefined)
    .sort((a, b) => b.mtime - a.mtime);
  entries.forEach((e, i) => {
    if (i >= MAX_ENTRIES || now - e.mtime > MAX_AGE_MS) rmSync(e.path, { force: true });
  });
}
