import { resolve } from 'node:path';
import {
  type BuilderStepCache,
  type CacheableMachine,
  CancelledError,
  type StepCacheEntry,
  type Ui,
} from '@kiln/plugin-sdk';
import type { CacheFlags, PreparedBuild } from '../build/types.js';
import type { CacheStepEvent } from '../ui/events.js';
import { stepKeys } from './step-keys.js';

/** Provisioners built into core: they see only their own configuration, not the user variables. */
const BUILTIN_PROVISIONERS = new Set(['shell', 'file', 'shell-local', 'breakpoint']);

/** How a cached build reports what happened to each step. */
export type CacheReport = (event: Omit<CacheStepEvent, 'type' | 'build'>) => void;

const short = (key: string) => key.slice(0, 12);

/**
 * The step cache of one build (kiln build -cache): the key of every
 * provisioner, the entry the machine should start from (the deepest hit),
 * and saving each completed step. Core decides; the builder stores.
 */
export class BuildCache {
  readonly keys: string[];
  /** The entry the builder is asked to start from; undefined: from scratch. */
  readonly startFrom: string | undefined;
  readonly #build: PreparedBuild;
  readonly #flags: CacheFlags;
  readonly #ui: Ui;
  readonly #report: CacheReport;

  private constructor(
    build: PreparedBuild,
    flags: CacheFlags,
    ui: Ui,
    report: CacheReport,
    keys: string[],
    startFrom: string | undefined,
  ) {
    this.#build = build;
    this.#flags = flags;
    this.#ui = ui;
    this.#report = report;
    this.keys = keys;
    this.startFrom = startFrom;
  }

  /**
   * Computes the build's keys and looks for the deepest entry. Undefined when
   * the build cannot be cached (the builder has no step cache, no base, or
   * an error while asking): it then runs as without -cache, and says why.
   */
  static async plan(
    build: PreparedBuild,
    flags: CacheFlags,
    ui: Ui,
    report: CacheReport,
    signal: AbortSignal,
  ): Promise<BuildCache | undefined> {
    const cache: BuilderStepCache | undefined = build.prepared.stepCache;
    if (build.provisioners.length === 0) return undefined;
    if (!cache) {
      ui.say(
        `Step cache: the ${build.plan.sourceType} builder cannot save machine states; every provisioner runs.`,
      );
      return undefined;
    }
    let keys: string[];
    try {
      const base = await cache.base(signal);
      if (!base) {
        ui.say('Step cache: this build has no base the builder can identify; every provisioner runs.');
        return undefined;
      }
      keys = await stepKeys({
        builderType: build.plan.sourceType,
        base,
        steps: build.provisioners.map((p) => ({
          type: p.config.type,
          body: p.body ?? {},
          receivesUserVariables: !BUILTIN_PROVISIONERS.has(p.config.type),
        })),
        userVariables: build.context.userVariables,
        cwd: flags.cwd ?? process.cwd(),
      });
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      ui.error(`Step cache: not used for this build: ${(error as Error).message}`);
      return undefined;
    }
    let present: string[] = [];
    try {
      present = await cache.check(keys, signal);
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      ui.error(
        `Step cache: could not look for entries (${(error as Error).message}); starting from scratch.`,
      );
    }
    const have = new Set(present);
    let deepest = -1;
    keys.forEach((k, i) => {
      if (have.has(k)) deepest = i;
    });
    const startFrom = deepest >= 0 ? keys[deepest] : undefined;
    if (startFrom) {
      const p = build.provisioners[deepest]!;
      ui.say(
        `Step cache: starting from the state after provisioner ${deepest + 1} (${p.config.displayName}), entry ${short(startFrom)}`,
      );
    } else {
      ui.say('Step cache: no entry for this build yet; starting from scratch.');
    }
    return new BuildCache(build, flags, ui, report, keys, startFrom);
  }

  /** Whether the entry to start from is the one saved after the last provisioner. */
  get startsFromLast(): boolean {
    return this.startFrom !== undefined && this.startFrom === this.keys[this.keys.length - 1];
  }

  /**
   * How many provisioners the machine already holds: the position after the
   * entry it was started from. A builder that could not start from the entry
   * core asked for started from scratch (0).
   */
  restored(machine: CacheableMachine | undefined): number {
    const key = machine?.restoredKey;
    if (!key) {
      if (this.startFrom) this.#ui.say('Step cache: the entry is gone; starting from scratch.');
      return 0;
    }
    const i = this.keys.indexOf(key);
    if (i < 0)
      throw new Error(
        `the builder started from step cache entry ${short(key)}, which this build did not ask for`,
      );
    for (let s = 0; s <= i; s++) {
      const p = this.#build.provisioners[s]!;
      this.#ui.say(
        `Step cache: restored provisioner ${s + 1} (${p.config.displayName}) [${short(this.keys[s]!)}]`,
      );
      this.#report({
        step: s + 1,
        provisioner: p.config.displayName,
        action: 'restored',
        key: this.keys[s]!,
      });
    }
    return i + 1;
  }

  /** Says that provisioner `index` ran (0-based). */
  ran(index: number): void {
    const p = this.#build.provisioners[index]!;
    this.#report({
      step: index + 1,
      provisioner: p.config.displayName,
      action: 'ran',
      key: this.keys[index]!,
    });
  }

  /**
   * Saves the machine after provisioner `index`. A failed save is reported
   * and the build goes on (a later run misses there).
   */
  async save(machine: CacheableMachine, index: number, signal: AbortSignal): Promise<void> {
    const p = this.#build.provisioners[index]!;
    const key = this.keys[index]!;
    let entry: StepCacheEntry;
    try {
      entry = await machine.save(
        key,
        {
          template: resolve(this.#flags.template),
          buildName: this.#build.plan.name,
          step: index + 1,
          provisionerType: p.config.type,
          runId: this.#build.context.runId,
          parentKey: index > 0 ? this.keys[index - 1]! : '',
        },
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      const reason = (error as Error).message;
      this.#ui.error(
        `Step cache: could not save provisioner ${index + 1} (${p.config.displayName}): ${reason}`,
      );
      this.#report({ step: index + 1, provisioner: p.config.displayName, action: 'not-saved', key, reason });
      return;
    }
    this.#ui.say(
      `Step cache: saved provisioner ${index + 1} (${p.config.displayName}) as ${entry.id}${entry.sizeBytes ? ` (${formatSize(entry.sizeBytes)})` : ''} [${short(key)}]`,
    );
    this.#report({
      step: index + 1,
      provisioner: p.config.displayName,
      action: 'saved',
      key,
      entryId: entry.id,
      sizeBytes: entry.sizeBytes,
    });
  }
}

/** Bytes as the output shows them: "12.3 MB". */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
