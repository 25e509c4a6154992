import type { BuildContext } from '@kiln/plugin-sdk';
import type { ComponentRegistryOptions } from '../components/registry.js';

/** What a run is opened with: the command line's template and build flags. */
export interface RunOptions {
  /** -var name=value, in order. */
  vars?: [string, string][];
  /** -var-file paths, in order. */
  varFiles?: string[];
  /** -only and -except patterns. */
  only?: string[];
  except?: string[];
  /** The process environment (PKR_VAR_*, env(), the plugin path); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Check syntax only: component bodies are not checked and no plugin starts. */
  syntaxOnly?: boolean;
  /** Evaluate what can be (inspect, console): see LoadOptions.partial. */
  partial?: boolean;
  /** Warn about var-file names no variable declares. */
  warnOnUndeclaredVar?: boolean;
  /** -use-sequential-evaluation: data sources before locals, as Packer before 1.12. */
  sequential?: boolean;
  /**
   * Run HCL2 data sources while loading (build: yes; validate: -evaluate-datasources).
   * Default true; when false they are still configured (their bodies checked), as in Packer.
   */
  evaluateDataSources?: boolean;
  /** -debug: pause before each step; builds run one at a time. */
  debug?: boolean;
  /** -force: replace existing artifacts. */
  force?: boolean;
  /**
   * -cache (KILN_CACHE=1): start each build from its deepest step cache entry
   * and save each step. Undefined: the template's kiln { cache } decides (default off).
   */
  cache?: boolean;
  /** The step cache's size cap in bytes (KILN_CACHE_MAX_SIZE; 0: none); default DEFAULT_MAX_SIZE. */
  cacheMaxSizeBytes?: number;
  /** -on-error. */
  onError?: BuildContext['onError'];
  /** Cancels data sources while loading, and builds that are given no signal of their own. */
  signal?: AbortSignal;
  /** The run id components see; default a random one. */
  runId?: string;
  /**
   * Where components come from. Default: the built-ins, the plugins the
   * template may use (lock file, install receipts, workspace) and a plugin
   * host for this run. Tests replace parts of it.
   */
  components?: Partial<ComponentRegistryOptions>;
}
