/** The outcome of one conformance check. `skip` is a stated "not run", never a pass. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One named check and why it passed, failed or was not run. */
export interface CheckResult {
  /** Stable identifier, e.g. "handshake" or "cancel:builder/python-null". */
  id: string;
  /** What was checked, in words. */
  title: string;
  status: CheckStatus;
  /** Why: on failure, what the plugin did and what it should do. */
  reason: string;
  /** Extra lines (stderr tails, crash reports, messages seen). */
  details: string[];
  durationMs: number;
}

/** What {@link runConformance} found. */
export interface ConformanceReport {
  /** The target as given. */
  target: string;
  /** What the plugin said about itself, when Describe worked. */
  plugin?: { name: string; version: string; sdk: string };
  checks: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** True when every check passed: none failed and none was left not run. */
  ok: boolean;
}

/** Bounds on every wait; nothing in the kit waits without one. */
export interface ConformanceTimeouts {
  /** Handshake line after spawn. Default 15000. */
  startMs: number;
  /** One ordinary call (Describe, GetSchema, Prepare, Health). Default 5000. */
  callMs: number;
  /** From Run until the builder calls Hook.Run("provision"). Default 60000. */
  runMs: number;
  /** From cancelling Run until the plugin has cancelled its hook call and gone quiet. Default 15000. */
  cancelMs: number;
  /** From closing stdin (or a signal) until the process is gone. Default 10000. */
  exitMs: number;
}

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /**
   * Builder configurations for the Run checks (cancel, crash), by builder
   * type, as the decoded JSON body. A package's `conformance/<type>.json`
   * files are used when none is given here. Without one, those checks are
   * reported as not run.
   */
  fixtures?: Record<string, Record<string, unknown>>;
  timeouts?: Partial<ConformanceTimeouts>;
  /** Receives the plugin's stderr lines and the kit's progress. */
  log?: (line: string) => void;
  /** Called as each check finishes, before the report is complete. */
  onCheck?: (result: CheckResult) => void;
  /** Extra environment for the plugin processes. */
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_TIMEOUTS: ConformanceTimeouts = {
  startMs: 15_000,
  callMs: 5_000,
  runMs: 60_000,
  cancelMs: 15_000,
  exitMs: 10_000,
};
