import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin } from './cli-helpers.js';

/**
 * Runs many HCL2 expressions through `packer console` (Packer 1.16) and
 * `kiln console`, one process each, and returns what each printed for every
 * expression in a comparable form.
 *
 * Packer evaluates every line only when stdin is not a named pipe (with a
 * pipe it prints the last value alone), so its input is a file; it then
 * prints values and errors on stdout. Kiln prints every line's value from a
 * pipe, errors on stderr; both streams go to one pipe so they stay in order.
 * A separator expression between the inputs splits the outputs.
 */
export interface ConsoleBatch {
  /** Files of the template directory the consoles load (e.g. variables). */
  files: Record<string, string | Buffer>;
  /** One expression a line. */
  expressions: string[];
  /** Extra environment (e.g. for env() in variable defaults). */
  env?: NodeJS.ProcessEnv;
}

const SEP = '@@@';

/** What `packer console` and `kiln console` printed for each expression. */
export async function consoleBatch(batch: ConsoleBatch): Promise<{ packer: string[]; kiln: string[] }> {
  const packer = requirePacker(packer116);
  const dir = await mkdtemp(join(tmpdir(), 'kiln-console-batch-'));
  try {
    for (const [name, text] of Object.entries(batch.files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    for (const e of batch.expressions) {
      if (e.includes('\n')) throw new Error(`an expression must fit on one line: ${JSON.stringify(e)}`);
    }
    const input = `${batch.expressions.join(`\n"${SEP}"\n`)}\n`;
    await writeFile(join(dir, '.input'), input);
    const env = {
      ...process.env,
      NO_COLOR: '1',
      CHECKPOINT_DISABLE: '1',
      PACKER_LOG: '',
      KILN_LOG: '',
      ...batch.env,
    };
    const [p, k] = await Promise.all([
      shell(dir, env, `"$1" console -config-type=hcl2 . < .input 2>&1`, packer),
      shell(dir, env, `cat .input | "$1" "$2" console -config-type=hcl2 . 2>&1`, process.execPath, kilnBin),
    ]);
    return {
      packer: split(p, batch.expressions.length, 'packer'),
      kiln: split(k, batch.expressions.length, 'kiln'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function shell(cwd: string, env: NodeJS.ProcessEnv, script: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', script, 'sh', ...args],
      { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve(stdout);
      },
    );
  });
}

function split(out: string, count: number, who: string): string[] {
  const parts = `\n${out}`.split(`\n${SEP}\n`).map(normalise);
  if (parts.length !== count) {
    throw new Error(
      `${who} console printed ${parts.length} results for ${count} expressions:\n${out.slice(0, 4000)}`,
    );
  }
  return parts;
}

/**
 * One result as comparable text: a value as printed (whitespace runs folded),
 * or each error as `Error: <summary> [-- with <values>] -- <detail>` (the
 * source excerpt, which Packer leaves out of console errors, dropped).
 */
export function normalise(chunk: string): string {
  const text = chunk.replace(/^\n/, '').replace(/\s+$/, '');
  if (!/^Error: /m.test(text)) return text.replace(/\s*\n\s*/g, ' ');
  const errors = text.split(/^(?=Error: )/m).filter((e) => e.startsWith('Error: '));
  return errors
    .map((e) => {
      const lines = e.replace(/\s+$/, '').split('\n');
      const summary = lines[0]!.slice('Error: '.length);
      let i = 1;
      while (i < lines.length && lines[i]!.trim() === '') i++;
      if (lines[i]?.startsWith('  on ')) {
        while (i < lines.length && lines[i]!.trim() !== '') i++;
      }
      // The values of the variables the expression used ("with var.x as 1,
      // ...") are compared too.
      while (i < lines.length && lines[i]!.trim() === '') i++;
      let values = '';
      if (lines[i]?.startsWith('with ')) {
        const from = i;
        while (i < lines.length && lines[i]!.trim() !== '') i++;
        values = ` -- ${lines.slice(from, i).join(' ').replace(/\s+/g, ' ')}`;
      }
      const detail = lines.slice(i).join(' ').replace(/\s+/g, ' ').trim();
      return `Error: ${summary}${values} -- ${detail}`;
    })
    .join(' | ');
}
