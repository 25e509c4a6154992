import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { DOCKER_CERT_FILES } from '../credentials-env.js';
import type { RunSource } from '../executor.js';

/** The most data one ConfigMap or Secret holds (the API server's limit is 1 MiB, with metadata). */
export const OBJECT_LIMIT = 1000 * 1024;

/** Where the pod finds what travels with the build. */
export const TEMPLATE_MOUNT = '/kiln/template';
export const SECRET_MOUNT = '/kiln/secret';
export const TEMPLATE_ARCHIVE = 'template.tar.gz';
export const RUN_FILE = 'run.json';

/** Directories of a template's directory that never travel. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'packer_cache']);
/** Variable definition files: they may hold sensitive values, so they travel in the Secret. */
const VAR_FILE = /\.pkrvars(\.hcl|\.json)$/;

/** What a remote `kiln build` is given: a ConfigMap's archive, a Secret's files. */
export interface RunPayload {
  /** The template's directory, without variable definition files: a gzipped tar. */
  archive: Buffer;
  /** The Secret's data: run.json (arguments, PKR_VAR_* environment) and the variable files. */
  secret: Record<string, Buffer>;
}

/** What the pod's launcher reads from run.json. */
export interface RunFile {
  args: string[];
  env: Record<string, string>;
}

/**
 * Packs a run for a remote `kiln build -only=<build>` in `/build`: the
 * template's directory in an archive; -var values, -var-file files, the
 * directory's *.pkrvars.* files, PKR_VAR_*, cloud credentials and Docker's
 * TLS files in the Secret. `buildArgs`
 * come before the template path. Throws when either is too large.
 */
export async function runPayload(source: RunSource, buildArgs: string[]): Promise<RunPayload> {
  const secret: Record<string, Buffer> = {};
  const files = walk(source.templateDir);
  const varFiles = files.filter((f) => VAR_FILE.test(f));
  const archive = gzipSync(
    await tarOf(
      source.templateDir,
      files.filter((f) => !VAR_FILE.test(f)),
    ),
  );
  if (archive.length > OBJECT_LIMIT)
    throw new Error(
      `-executor=kubernetes: the template's directory ${source.templateDir} packs to ${kib(archive.length)} KiB; a ConfigMap holds at most ${kib(OBJECT_LIMIT)} KiB. Keep large files (images, caches, outputs) out of the template's directory.`,
    );
  // The template directory's own variable files, where the template expects them.
  const placed: string[] = [];
  varFiles.forEach((f, i) => {
    const key = `dir-${i}-${keyOf(basename(f))}`;
    secret[key] = readFileSync(join(source.templateDir, f));
    placed.push(`${key}=${f}`);
  });
  const args = [...buildArgs];
  source.varFiles.forEach((f, i) => {
    const key = `var-file-${i}-${keyOf(basename(f))}`;
    secret[key] = readFileSync(f);
    args.push(`-var-file=${SECRET_MOUNT}/${key}`);
  });
  for (const [name, value] of source.vars) args.push(`-var=${name}=${value}`);
  const rel = relative(source.templateDir, source.templatePath);
  args.push(rel === '' ? '.' : rel.split(sep).join('/'));
  const env = { ...source.environment.values };
  for (const [name, file] of Object.entries(source.environment.files)) {
    const key = `env-${keyOf(name)}`;
    secret[key] = readEnvFile(name, file);
    env[name] = `${SECRET_MOUNT}/${key}`;
  }
  const certs = source.environment.dockerCertPath;
  if (certs) {
    // Docker wants the three files side by side under their own names.
    for (const f of DOCKER_CERT_FILES) {
      const key = `docker-cert-${f}`;
      secret[key] = readEnvFile('DOCKER_CERT_PATH', join(certs, f));
      placed.push(`${key}=${DOCKER_CERT_DIR}/${f}`);
    }
    env.DOCKER_CERT_PATH = DOCKER_CERT_DIR;
  }
  const run: RunFile & { place: string[] } = { args, env, place: placed };
  secret[RUN_FILE] = Buffer.from(JSON.stringify(run));
  const size = Object.values(secret).reduce((n, b) => n + b.length, 0);
  if (size > OBJECT_LIMIT)
    throw new Error(
      `-executor=kubernetes: the variables and variable files come to ${kib(size)} KiB; a Secret holds at most ${kib(OBJECT_LIMIT)} KiB`,
    );
  return { archive, secret };
}

const kib = (n: number) => Math.ceil(n / 1024);

/** Where the pod puts DOCKER_CERT_PATH's files (outside the build's directory). */
export const DOCKER_CERT_DIR = '/tmp/kiln-docker-certs';

function readEnvFile(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(
      `-executor=kubernetes: ${name} names ${file}, which the build needs on the cluster, but it cannot be read: ${(e as Error).message}`,
    );
  }
}

/** A Secret key (letters, digits, - _ .) for a file name. */
const keyOf = (name: string) => name.replace(/[^-._a-zA-Z0-9]/g, '_');

/** Regular files under `dir`, relative, '/'-separated; skipped directories and special files left out. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) out.push(...walk(dir, rel));
    } else if (e.isFile() || (e.isSymbolicLink() && safeIsFile(join(dir, rel)))) out.push(rel);
  }
  return out.sort();
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function tarOf(dir: string, files: string[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const f of files) {
    const path = join(dir, f);
    const mode = statSync(path).mode & 0o777;
    tar.entry({ name: f, mode: mode || 0o644 }, readFileSync(path));
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}
