import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Packer v1.16.0, the reference for the template language. The test runner
 * sets KILN_REFERENCE_PACKER; run by hand, the test environment's build is
 * used (`test/env/up.sh packer116`).
 */
export const REFERENCE_PACKER =
  process.env.KILN_REFERENCE_PACKER ??
  join(
    process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env'),
    'packer116',
  );

/** The reference binary; throws, saying what to run, when it is missing (a differential test never passes alone). */
export function requireReferencePacker(): string {
  if (!existsSync(REFERENCE_PACKER)) {
    throw new Error(
      `reference Packer not found at ${REFERENCE_PACKER}: run \`bash test/env/up.sh packer116\` or set KILN_REFERENCE_PACKER`,
    );
  }
  return REFERENCE_PACKER;
}

const SEP = '@@@';

/**
 * What `packer console` prints for each expression, from one process: with a
 * file (not a pipe) on stdin Packer evaluates every line and prints values
 * and errors on stdout. Each result is returned as printed, without the
 * trailing newlines.
 */
export async function packerConsoleValues(
  files: Record<string, string>,
  expressions: string[],
): Promise<string[]> {
  const packer = requireReferencePacker();
  const dir = await mkdtemp(join(tmpdir(), 'kiln-packer-console-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await writeFile(join(dir, '.input'), `${expressions.join(`\n"${SEP}"\n`)}\n`);
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', '"$1" console -config-type=hcl2 . < .input 2>&1', 'sh', packer],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '' },
        },
        (error, stdout) => (error && typeof error.code !== 'number' ? reject(error) : resolve(stdout)),
      );
    });
    const parts = `\n${out}`.split(`\n${SEP}\n`).map((p) => p.replace(/^\n/, '').replace(/\n+$/, ''));
    if (parts.length !== expressions.length) {
      throw new Error(`packer console printed ${parts.length} results for ${expressions.length} expressions`);
    }
    return parts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
