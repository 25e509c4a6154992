import { Command, Flags } from '@oclif/core';
import { age, listEntries, shortPluginName, withStepCaches } from '../../cache-stores.js';
import { UserError } from '../../user-error.js';

/** `kiln cache list`: the step cache entries `kiln build -cache` saved. */
export default class CacheList extends Command {
  static override summary = 'List the step cache entries saved by kiln build -cache.';
  static override description =
    'Asks every plugin whose builders keep a step cache (the docker plugin: images tagged kiln-cache:<key>; the qemu plugin: qcow2 layers with the VM state under qemu/entries/ in the Kiln cache directory) for its entries, and lists each with its size (what the step added), age, template, build and step. See docs/cache.md.';
  static override examples = ['kiln cache list', 'kiln cache list -template .'];
  static override flags = {
    template: Flags.string({
      description:
        'Only the entries of builds of this template: a template file, or a directory (its templates and those below it).',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CacheList);
    const errors: string[] = [];
    const { formatSize } = await import('@kiln/core');
    await withStepCaches(errors, async (stores, signal) => {
      const entries = await listEntries(stores, signal, errors, flags.template);
      if (entries.length === 0) {
        if (!errors.length) process.stdout.write('The step cache is empty.\n');
        return;
      }
      const rows = entries.map(({ plugin, entry: e }) => [
        shortPluginName(plugin),
        e.key.slice(0, 12),
        formatSize(e.sizeBytes),
        age(e.createdAt),
        e.info.template,
        e.info.buildName,
        `${e.info.step} ${e.info.provisionerType}`,
        e.id.length > 24 ? `${e.id.slice(0, 23)}…` : e.id,
      ]);
      const head = ['PLUGIN', 'KEY', 'SIZE', 'AGE', 'TEMPLATE', 'BUILD', 'STEP', 'ENTRY'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [head, ...rows])
        process.stdout.write(
          `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`,
        );
      const total = entries.reduce((n, e) => n + e.entry.sizeBytes, 0);
      process.stdout.write(
        `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${formatSize(total)}\n`,
      );
    });
    if (errors.length)
      throw new UserError(`kiln cache list could not ask every plugin:\n  ${errors.join('\n  ')}`);
  }
}
