import { runBuilds } from '../build/run-builds.js';
import type { Executor } from './executor.js';

/** The default executor: every build runs in this process, with the run's own plugins. */
export const localExecutor: Executor = {
  name: 'local',
  execute: (r) =>
    runBuilds(r.builds, {
      sink: r.sink,
      parallel: r.parallel,
      debug: r.debug,
      signal: r.signal,
      ...(r.drain ? { drain: r.drain } : {}),
      ...(r.cache ? { cache: r.cache } : {}),
    }),
};
