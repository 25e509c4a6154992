import { resolve } from 'node:path';
import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
import { dataSourceExecutor } from '../build/data-sources.js';
import { type PreparedRun, prepareBuilds } from '../build/prepare.js';
import type { RunOutcome } from '../build/run-builds.js';
import type { BuildFlags } from '../build/types.js';
import type { LoadedConfig } from '../config/model.js';
import type { TemplateDiagnostic } from '../config/source-range.js';
import { remoteEnvironment } from '../execute/credentials-env.js';
import type { Executor, RunSource } from '../execute/executor.js';
import { localExecutor } from '../execute/local-executor.js';
import { templateDir } from '../install/lock-file.js';
import type { OutputSink } from '../ui/events.js';
import { loadRunConfig } from './load-run-config.js';
import type { RunOptions } from './run-options.js';
import { runRegistry } from './run-registry.js';

/** Options of {@link Run.build}. */
export interface BuildRunOptions {
  /** -parallel-builds: 0 (the default) = no limit. */
  parallel?: number;
  /** Where the builds run (-executor); default this process. */
  executor?: Executor;
}

/**
 * One template, loaded, with the components and plugin processes it uses:
 * what `kiln build`, `validate` and `inspect` work on. The run owns its
 * component registry and plugin host; closing it stops every plugin it
 * started.
 */
export interface Run extends AsyncDisposable {
  /** The loaded configuration (variables, builds, warnings found while loading). */
  readonly config: LoadedConfig;
  /** The id every component of this run sees (BuildContext.runId). */
  readonly runId: string;
  /** A line of output with the run's sensitive values replaced by `<sensitive>`. */
  mask(text: string): string;
  /**
   * Prepares every component of every build, so that all configuration errors
   * are thrown together (a TemplateError); returns the warnings the
   * components reported. A later {@link build} runs what was prepared here.
   */
  validate(): Promise<TemplateDiagnostic[]>;
  /** Runs the builds (prepared by {@link validate}, or now) and writes their output to `sink`. */
  build(sink: OutputSink, signal?: AbortSignal, options?: BuildRunOptions): Promise<RunOutcome>;
  /** Stops the run's plugins; `force` kills them without waiting for their cleanups. */
  shutdown(force?: boolean): Promise<void>;
}

/**
 * Opens a run of the template at `path`: loads it with the options (running
 * its data sources unless told not to), checking every component body
 * against its schema. Components receive variables' real values; only
 * output is masked. On failure, whatever started is stopped before the
 * error is thrown.
 */
export async function openRun(path: string, options: RunOptions = {}): Promise<Run> {
  const env = options.env ?? process.env;
  const registry = runRegistry(path, options.components, env);
  // An id, not a secret: Math.random spares `inspect` and `validate` loading node:crypto.
  const runId =
    options.runId ??
    Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const policy = {
    debug: options.debug ?? false,
    force: options.force ?? false,
    onError: options.onError ?? 'cleanup',
  };
  const signal = options.signal ?? new AbortController().signal;
  const dataSourceContext: BuildContext = {
    runId,
    buildName: '',
    builderType: '',
    ...policy,
    templateDir: templateDir(path),
    userVariables: {},
  };
  let config: LoadedConfig;
  try {
    config = await loadRunConfig(
      path,
      {
        vars: options.vars ?? [],
        varFiles: options.varFiles ?? [],
        only: options.only ?? [],
        except: options.except ?? [],
        env,
        ...(options.syntaxOnly ? { syntaxOnly: true } : {}),
        ...(options.partial ? { partial: true } : {}),
        ...(options.sequential ? { sequential: true } : {}),
        ...(options.warnOnUndeclaredVar !== undefined
          ? { warnOnUndeclaredVar: options.warnOnUndeclaredVar }
          : {}),
        ...(options.syntaxOnly
          ? {}
          : {
              executeDataSource: dataSourceExecutor(
                (type, range) => registry.get('data-source', type, range) as Promise<DataSource>,
                dataSourceContext,
                signal,
                options.evaluateDataSources === false,
              ),
            }),
      },
      registry,
    );
  } catch (error) {
    await registry.shutdown();
    throw error;
  }
  const flags: BuildFlags = {
    runId,
    ...policy,
    templateDir: config.rootDir,
    userVariables: config.userVariables ?? {},
  };
  const mask = config.maskSensitive ?? ((text: string) => text);
  let prepared: PreparedRun | undefined;
  const run: Run = {
    config,
    runId,
    mask,
    async validate() {
      prepared ??= await prepareBuilds(config.builds, registry, flags);
      return prepared.warnings;
    },
    async build(sink, buildSignal = signal, buildOptions = {}) {
      await run.validate();
      return (buildOptions.executor ?? localExecutor).execute({
        builds: prepared!.builds,
        sink,
        parallel: buildOptions.parallel ?? 0,
        debug: policy.debug,
        signal: buildSignal,
        drain: () => registry.shutdown(),
        ...((options.cache ?? config.cacheDefault)
          ? {
              cache: {
                template: path,
                ...(options.cacheMaxSizeBytes !== undefined
                  ? { maxSizeBytes: options.cacheMaxSizeBytes }
                  : {}),
              },
            }
          : {}),
        runId,
        source: runSource(path, options, env),
      });
    },
    shutdown: (force) => registry.shutdown(force),
    [Symbol.asyncDispose]: () => registry.shutdown(),
  };
  return run;
}

/** The template and variables of a run as a remote `kiln build` repeats them. */
function runSource(path: string, options: RunOptions, env: NodeJS.ProcessEnv): RunSource {
  const buildArgs: string[] = [];
  if (options.force) buildArgs.push('-force');
  if (options.onError && options.onError !== 'cleanup') buildArgs.push(`-on-error=${options.onError}`);
  if (options.sequential) buildArgs.push('-use-sequential-evaluation');
  if (options.warnOnUndeclaredVar) buildArgs.push('-warn-on-undeclared-var');
  // -except also names post-processors, which the remote build must skip too.
  if (options.except?.length) buildArgs.push(`-except=${options.except.join(',')}`);
  return {
    templatePath: resolve(path),
    templateDir: templateDir(path),
    vars: options.vars ?? [],
    varFiles: (options.varFiles ?? []).map((f) => resolve(f)),
    environment: remoteEnvironment(env),
    buildArgs,
  };
}
