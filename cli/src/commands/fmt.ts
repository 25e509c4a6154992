import type { TemplateDiagnostic } from '@kiln/core';
import { Args, Command, Flags } from '@oclif/core';
import { UserError } from '../user-error.js';

const HCL_FILE = /\.(pkr|pkrvars)\.hcl$/;

/** Editor leftovers and hidden files, skipped in directories (as packer fmt does). */
const ignored = (name: string) =>
  name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));

/** `kiln fmt`: rewrites HCL2 files in the canonical format, as `packer fmt`. */
export default class Fmt extends Command {
  static override summary = 'Rewrite HCL2 configuration files to the canonical format.';
  static override description =
    'Formats .pkr.hcl and .pkrvars.hcl files (JSON files are not touched) and prints the name of each file it changed. PATH is a file, a directory (its HCL2 files; with -recursive, those of its subdirectories too) or "-" to format stdin to stdout. Exits 3 with -check when a file is not formatted, 1 when a file cannot be parsed.';
  static override examples = [
    'kiln fmt .',
    'kiln fmt -check -recursive templates/',
    'kiln fmt -diff -write=false template.pkr.hcl',
    'kiln fmt - < template.pkr.hcl',
  ];
  static override strict = false;
  static override args = {
    path: Args.string({
      required: true,
      ignoreStdin: true,
      description: 'File, directory or "-" (stdin); several may be given.',
    }),
  };
  static override flags = {
    check: Flags.boolean({
      description: 'Check that the input is formatted: exit 3 when it is not. Writes nothing.',
    }),
    diff: Flags.boolean({ description: 'Print a unified diff of the formatting changes.' }),
    write: Flags.boolean({
      default: true,
      allowNo: true,
      description: 'Write the formatted files back (-write=false to only report; always off with -check).',
    }),
    recursive: Flags.boolean({ description: 'Also format the files in subdirectories.' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Fmt);
    const { readdir, readFile, stat, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const core = await import('@kiln/core');
    const { unifiedDiff } = await import('../unified-diff.js');
    const write = flags.write && !flags.check;
    const diags: TemplateDiagnostic[] = [];
    let changed = 0;

    // Files go through the parse cache; stdin does not.
    const formatText = async (text: string, name: string, file: boolean) => {
      core.sourceCache.set(name, text);
      if (!file) await core.initHclParser();
      const r = file ? await core.formatHclFile(text, name) : core.formatHcl(text, name);
      diags.push(...r.diagnostics);
      return r.diagnostics.some((d) => d.severity === 'error') ? undefined : r.output;
    };
    const formatStdin = async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const out = await formatText(text, '<stdin>', false);
      if (out === undefined) return;
      if (out !== text) changed++;
      if (out === text || write) process.stdout.write(out);
    };
    const formatFile = async (path: string) => {
      if (!HCL_FILE.test(path))
        throw new UserError(`${path} is not an HCL2 file`, {
          suggestions: ['kiln fmt formats .pkr.hcl and .pkrvars.hcl files; JSON templates are left alone.'],
        });
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new UserError(`Failed to read ${path}: ${(e as Error).message}`);
      }
      const out = await formatText(text, path, true);
      if (out === undefined || out === text) return;
      changed++;
      process.stdout.write(`${path}\n`);
      if (write) await writeFile(path, out);
      if (flags.diff) process.stdout.write(unifiedDiff(text, out, path));
    };
    const formatDir = async (dir: string) => {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      );
      for (const e of entries) {
        if (ignored(e.name)) continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (flags.recursive) await formatDir(path);
        } else if (HCL_FILE.test(e.name)) await formatFile(path);
      }
    };

    for (const path of argv as string[]) {
      if (path === '-') {
        await formatStdin();
        continue;
      }
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) await formatDir(path);
      else if (info) await formatFile(path);
      else
        throw new UserError(`${path} does not exist`, {
          suggestions: ['Give a file, a directory or - for stdin.'],
        });
    }
    if (diags.length > 0) throw new core.TemplateError(diags);
    if (flags.check && changed > 0) process.exitCode = 3;
  }
}
