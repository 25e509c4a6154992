import type { RunBuildsOptions, RunOutcome } from '../build/run-builds.js';
import type { PreparedBuild } from '../build/types.js';
import type { OutputSink } from '../ui/events.js';
import type { RemoteEnvironment } from './credentials-env.js';

/**
 * What a remote build is made from: the template and the variables exactly
 * as the command line gave them, so that a `kiln build -only=<build>`
 * elsewhere evaluates the same template to the same build.
 */
export interface RunSource {
  /** The template file or directory, absolute. */
  templatePath: string;
  /** The directory that holds the template, its lock file and the files it refers to. */
  templateDir: string;
  /** -var name=value, in order. */
  vars: [string, string][];
  /** -var-file paths, absolute, in order. */
  varFiles: string[];
  /** What the build takes from this environment: PKR_VAR_*, cloud credentials, DOCKER_HOST. */
  environment: RemoteEnvironment;
  /** The flags of `kiln build` a remote build repeats (-force, -on-error, ...), as arguments. */
  buildArgs: string[];
}

/** One execution of a run's builds, validated locally beforehand. */
export interface ExecutionRequest {
  /** The builds to run (after -only/-except), prepared without error. */
  builds: PreparedBuild[];
  sink: OutputSink;
  /** -parallel-builds: 0 = no limit. */
  parallel: number;
  /** -debug: builds run one at a time. */
  debug: boolean;
  /** Aborted by the first Ctrl-C: every build cancels and cleans up. */
  signal: AbortSignal;
  /** Waits for local components' cleanups after an interrupt (see RunBuildsOptions.drain). */
  drain?: () => Promise<void>;
  /** -cache (the local executor). */
  cache?: RunBuildsOptions['cache'];
  /** The run's id (labels of what an executor creates). */
  runId: string;
  source: RunSource;
}

/**
 * Where a run's builds run: in this process (the local executor, the
 * default) or on a distributed engine, one build per unit of work there.
 * Either way the builds' output reaches `sink` as the same events, and the
 * outcome has the same meaning.
 */
export interface Executor {
  /** The name -executor takes. */
  readonly name: string;
  execute(request: ExecutionRequest): Promise<RunOutcome>;
}
