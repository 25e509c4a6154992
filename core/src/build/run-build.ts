import type { Artifact } from '@kiln/plugin-sdk';
import { CancelledError } from '@kiln/plugin-sdk';
import { BuildCache } from '../cache/build-cache.js';
import { buildUi } from '../ui/build-ui.js';
import type { BuildSummary, OutputSink } from '../ui/events.js';
import { type HookState, provisionHook } from './hook.js';
import { postProcess } from './post-process.js';
import type { CacheFlags, PreparedBuild } from './types.js';

/**
 * Runs one prepared build: the builder (whose hook runs the provisioners),
 * then the post-processor chains. Never throws: the outcome is the summary.
 * With `cacheFlags` (kiln build -cache), the builder starts from the deepest
 * step cache entry and the hook saves the steps that run.
 */
export async function runBuild(
  build: PreparedBuild,
  sink: OutputSink,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
  cacheFlags?: CacheFlags,
): Promise<BuildSummary> {
  const name = build.plan.name;
  const started = now();
  const ui = buildUi(sink, name);
  const sessionId = `${build.context.runId}/${name}`;
  const state: HookState = { generatedData: {} };
  let artifacts: Artifact[] = [];
  const errors: string[] = [];
  try {
    if (signal.aborted) throw new CancelledError();
    const cache = cacheFlags
      ? await BuildCache.plan(
          build,
          cacheFlags,
          ui,
          (e) => sink.emit({ type: 'cache-step', build: name, ...e }),
          signal,
        )
      : undefined;
    const artifact = await build.prepared.run({
      ui,
      signal,
      sessionId,
      hook: provisionHook(build, ui, sessionId, state, cache),
      build: build.context,
      ...(cache?.startFrom ? { startFrom: cache.startFrom, startFromLast: cache.startsFromLast } : {}),
    });
    if (signal.aborted) throw new CancelledError();
    if (artifact) {
      const outcome = await postProcess(
        build,
        artifact,
        sink,
        ui,
        { signal, sessionId },
        state.generatedData,
      );
      artifacts = outcome.artifacts;
      errors.push(...outcome.errors);
    }
  } catch (error) {
    errors.push(signal.aborted ? new CancelledError().message : messageOf(error));
  }
  const durationMs = now() - started;
  if (errors.length > 0) {
    const error = errors.join('\n');
    sink.emit({ type: 'build-errored', build: name, durationMs, error });
    return { name, artifacts, error };
  }
  sink.emit({ type: 'build-finished', build: name, durationMs });
  return { name, artifacts };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
