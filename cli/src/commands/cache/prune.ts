import { Command, Flags } from '@oclif/core';
import { listEntries, withStepCaches } from '../../cache-stores.js';
import { UserError } from '../../user-error.js';

/** `kiln cache prune`: removes step cache entries by age and total size. */
export default class CachePrune extends Command {
  static override summary = 'Remove step cache entries: all of them, or by age and total size.';
  static override description =
    'Without flags, removes every step cache entry (with -template, every entry of that template). With -older-than, removes the entries saved longer ago than that; with -max-size, then removes the oldest until the rest fit. kiln build -cache holds the cache to KILN_CACHE_MAX_SIZE (default 10GB) by itself. See docs/cache.md.';
  static override examples = [
    'kiln cache prune',
    'kiln cache prune -older-than 72h',
    'kiln cache prune -max-size 5GB',
    'kiln cache prune -template .',
  ];
  static override flags = {
    template: Flags.string({
      description:
        'Only the entries of builds of this template: a template file, or a directory (its templates and those below it).',
    }),
    'older-than': Flags.string({ description: 'Remove entries older than this: 30m, 72h, 7d.' }),
    'max-size': Flags.string({
      description: 'Then remove the oldest entries until the rest fit: 500MB, 5GB.',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CachePrune);
    const { entriesToPrune, formatSize, parseAge, parseSize } = await import('@kiln/core');
    const olderThanMs = flags['older-than'] !== undefined ? parseAge(flags['older-than']) : undefined;
    if (flags['older-than'] !== undefined && olderThanMs === undefined)
      throw new UserError(`-older-than "${flags['older-than']}" is not a duration`, {
        suggestions: ['Examples: -older-than 30m, -older-than 72h, -older-than 7d'],
      });
    const maxSizeBytes = flags['max-size'] !== undefined ? parseSize(flags['max-size']) : undefined;
    if (flags['max-size'] !== undefined && maxSizeBytes === undefined)
      throw new UserError(`-max-size "${flags['max-size']}" is not a size`, {
        suggestions: ['Examples: -max-size 500MB, -max-size 5GB, -max-size 0'],
      });
    const all = olderThanMs === undefined && maxSizeBytes === undefined;
    const errors: string[] = [];
    await withStepCaches(errors, async (stores, signal) => {
      const entries = await listEntries(stores, signal, errors, flags.template);
      let removed = 0;
      let freed = 0;
      for (const s of stores) {
        const mine = entries.filter((e) => e.plugin === s.plugin).map((e) => e.entry);
        const drop = all
          ? mine
          : entriesToPrune(mine, {
              ...(olderThanMs !== undefined ? { olderThanMs } : {}),
              ...(maxSizeBytes !== undefined ? { maxSizeBytes } : {}),
            });
        if (!drop.length) continue;
        try {
          const r = await s.store.remove(drop, signal);
          for (const line of r.removed) process.stdout.write(`${line}\n`);
          removed += r.removed.length;
          freed += drop.reduce((n, e) => n + e.sizeBytes, 0);
          errors.push(...r.failed.map((line) => `${s.plugin}: ${line}`));
        } catch (error) {
          errors.push(`${s.plugin}: ${(error as Error).message}`);
        }
      }
      process.stdout.write(`Removed ${removed} entr${removed === 1 ? 'y' : 'ies'} (${formatSize(freed)}).\n`);
    });
    if (errors.length) throw new UserError(`kiln cache prune could not finish:\n  ${errors.join('\n  ')}`);
  }
}
