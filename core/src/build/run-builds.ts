import { capStepCaches } from '../cache/cap.js';
import type { BuildSummary, OutputSink } from '../ui/events.js';
import { mapLimit } from './limit.js';
import { runBuild } from './run-build.js';
import type { CacheFlags, PreparedBuild } from './types.js';

/** Options of {@link runBuilds}. */
export interface RunBuildsOptions {
  sink: OutputSink;
  /** -parallel-builds: 0 = no limit. */
  parallel: number;
  /** -debug: builds run one at a time. */
  debug: boolean;
  /** Aborted by the first Ctrl-C: every build cancels and cleans up. */
  signal: AbortSignal;
  /**
   * Called after an interrupt, before the summary: waits until components
   * that run elsewhere (plugins) have finished the cleanups of their
   * cancelled calls, whose messages still reach the output meanwhile.
   */
  drain?: () => Promise<void>;
  now?: () => number;
  /** kiln build -cache. */
  cache?: CacheFlags;
}

/** What a whole run ended with. */
export interface RunOutcome {
  builds: BuildSummary[];
  interrupted: boolean;
  /** 0 when every build succeeded, 1 otherwise (as Packer). */
  exitCode: number;
}

/**
 * Runs prepared builds in parallel, then shows Packer's summary: the wait
 * time, the errors, and the artifacts of successful builds.
 */
export async function runBuilds(builds: PreparedBuild[], options: RunBuildsOptions): Promise<RunOutcome> {
  const { sink, signal } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let parallel = options.parallel;
  if (options.debug) {
    sink.emit({ type: 'notice', level: 'say', text: 'Debug mode enabled. Builds will not be parallelized.' });
    parallel = 1;
  }
  sink.emit({ type: 'start', builds: builds.map((b) => b.plan.name) });
  const results = await mapLimit(builds, parallel, (b) => runBuild(b, sink, signal, now, options.cache));
  if (options.cache && !signal.aborted) {
    await capStepCaches(
      builds,
      options.cache.maxSizeBytes,
      (text) => sink.emit({ type: 'notice', level: 'say', text }),
      signal,
    );
  }
  const interrupted = signal.aborted;
  if (interrupted) await options.drain?.();
  sink.emit({ type: 'summary', durationMs: now() - started, builds: results, interrupted });
  if (interrupted) {
    sink.emit({ type: 'notice', level: 'say', text: 'Cleanly cancelled builds after being interrupted.' });
  }
  const failed = interrupted || results.some((r) => r.error !== undefined);
  return { builds: results, interrupted, exitCode: failed ? 1 : 0 };
}
