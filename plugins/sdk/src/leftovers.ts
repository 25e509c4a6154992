/** One thing a build left behind (an -on-error=abort build, or a killed plugin's). */
export interface Leftover {
  /** What it is, e.g. "container", "instance", "vm". */
  kind: string;
  id: string;
  /** The run id it is labelled with (BuildContext.runId). */
  run: string;
  /** Where it is, for display: a region, "local", ... */
  location: string;
  /** What `remove` needs besides kind and id; opaque to core. */
  detail?: Record<string, unknown>;
}

/** Where `kiln cleanup` looks, and for what. */
export interface LeftoverScope {
  /** Only what this run left; undefined: every run. */
  run?: string;
  /** Settings from `kiln cleanup` flags ("region", "profile", "endpoint"), each possibly repeated. */
  options: Record<string, string[]>;
}

/** What {@link LeftoverFinder.list} found. */
export interface LeftoverList {
  leftovers: Leftover[];
  /** Why some place was not looked at (e.g. "no region given"). */
  notes: string[];
}

/** What {@link LeftoverFinder.remove} did: a line per removed leftover, and per failure with its reason. */
export interface LeftoverRemoval {
  removed: string[];
  failed: string[];
}

/**
 * A plugin's optional leftovers service (`kiln cleanup`): finds what its
 * builds left by the run id they labelled it with, and removes it.
 */
export interface LeftoverFinder {
  list(scope: LeftoverScope, signal: AbortSignal): Promise<LeftoverList>;
  remove(leftovers: Leftover[], scope: LeftoverScope, signal: AbortSignal): Promise<LeftoverRemoval>;
}

/** The full name a plugin lists in Describe's services when it serves leftovers. */
export const LEFTOVERS_SERVICE = 'kiln.plugin.v1.Leftovers';
