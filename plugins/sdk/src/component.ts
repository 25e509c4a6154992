import type { Communicator } from './communicator.js';
import type { Diagnostic } from './diagnostics.js';
import type { LeftoverFinder } from './leftovers.js';
import type { ConfigSchema } from './schema.js';
import type { BuilderStepCache, CacheableMachine, StepCacheStore } from './step-cache.js';
import type { Ui } from './ui.js';

export type ComponentKind = 'builder' | 'provisioner' | 'post-processor' | 'data-source';

/** What a build knows about itself; given to every component it configures. */
export interface BuildContext {
  /** Unique per `kiln build` invocation; label what you create with it. */
  runId: string;
  /** The build's name as the user sees it, e.g. "docker-example.docker.ubuntu". */
  buildName: string;
  builderType: string;
  debug: boolean;
  force: boolean;
  onError: 'cleanup' | 'abort' | 'ask' | 'run-cleanup-provisioner';
  templateDir: string;
  /** User variables as strings (legacy `{{user}}` semantics). */
  userVariables: Record<string, string>;
}

/** The result of a builder or post-processor: plain data. */
export interface Artifact {
  /** The kind of artifact, e.g. "packer.docker" for a docker image. */
  builderId: string;
  id: string;
  files: string[];
  /** What the final artifact list shows, e.g. "Imported Docker image: sha256:...". */
  description: string;
  /** Builder-specific state (JSON-serialisable). */
  state: Record<string, unknown>;
  /** The component that made it, so that its owner can destroy it. */
  producer?: { kind: ComponentKind; type: string };
}

/** The hook that runs the template's provisioners (Packer's "packer_provision"). */
export const HOOK_PROVISION = 'provision';
/**
 * The hook that runs the template's error-cleanup-provisioner, if there is
 * one (Packer's "packer_cleanup_provision"); the provision step's cleanup
 * calls it after a failed build.
 */
export const HOOK_CLEANUP_PROVISION = 'cleanup-provision';

/**
 * Runs the template's hooks for this build: {@link HOOK_PROVISION} and
 * {@link HOOK_CLEANUP_PROVISION}; other names do nothing.
 */
export interface Hook {
  run(
    name: string,
    communicator: Communicator | undefined,
    generatedData: Record<string, unknown>,
    signal: AbortSignal,
    /** The build's machine, when the build is cached (kiln build -cache) and the builder can save it. */
    machine?: CacheableMachine,
  ): Promise<void>;
}

/** What a component gets while it works. */
export interface RunContext {
  ui: Ui;
  signal: AbortSignal;
  /** Identifies the build in core; opaque. */
  sessionId: string;
}

export interface BuilderRunContext extends RunContext {
  hook: Hook;
  /** The build this run is for, with its policy (-debug, -on-error): pass the context to runSteps. */
  build: BuildContext;
  /** kiln build -cache: start the machine from this step cache entry (say whether it could through the hook's machine). */
  startFrom?: string;
  /**
   * startFrom is the entry after the last provisioner: no provisioner will
   * run, so the builder may finish from the entry without starting the
   * machine (if it could start from the entry at all).
   */
  startFromLast?: boolean;
}

export interface ProvisionContext extends RunContext {
  communicator: Communicator;
  /** Variables the builder generated (build.<Name>). */
  generatedData: Record<string, unknown>;
}

/** Whatever prepare/configure found worth a warning; errors are thrown as ConfigError. */
export interface Prepared {
  warnings?: Diagnostic[];
}

export interface PreparedBuilder extends Prepared {
  /** Names of variables this builder generates (build.<Name>). */
  generatedVariables?: string[];
  run(ctx: BuilderRunContext): Promise<Artifact | undefined>;
  /** Set when this builder saves and restores machine states (kiln build -cache). */
  stepCache?: BuilderStepCache;
}

export interface PreparedProvisioner extends Prepared {
  provision(ctx: ProvisionContext): Promise<void>;
}

export interface PostProcessResult {
  artifact: Artifact | undefined;
  /** Keep the input artifact. */
  keep: boolean;
  /** `keep` overrides the user's keep_input_artifact. */
  forceOverride: boolean;
}

export interface PreparedPostProcessor extends Prepared {
  postProcess(ctx: RunContext, artifact: Artifact): Promise<PostProcessResult>;
}

export interface PreparedDataSource extends Prepared {
  execute(signal: AbortSignal): Promise<Record<string, unknown>>;
}

/** Shared by every component: its schema, served by GetSchema and used to decode its body. */
export interface ComponentBase {
  schema: ConfigSchema;
  description?: string;
}

/** Makes machines. `prepare` throws ConfigError on bad configuration. */
export interface Builder extends ComponentBase {
  prepare(config: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder>;
  destroyArtifact?(artifact: Artifact): Promise<void>;
  /** Optional features Describe lists for this builder, e.g. STEP_CACHE_CAPABILITY. */
  capabilities?: string[];
}

/** Changes a running machine through a communicator. */
export interface Provisioner extends ComponentBase {
  prepare(config: Record<string, unknown>, build: BuildContext): Promise<PreparedProvisioner>;
}

/** Turns one artifact into another. */
export interface PostProcessor extends ComponentBase {
  configure(config: Record<string, unknown>, build: BuildContext): Promise<PreparedPostProcessor>;
  destroyArtifact?(artifact: Artifact): Promise<void>;
}

/** Looks something up before the builds start (`data` blocks). */
export interface DataSource extends ComponentBase {
  /** The schema of the value `execute` returns. */
  outputSchema: ConfigSchema;
  configure(config: Record<string, unknown>, build: BuildContext): Promise<PreparedDataSource>;
}

/** The components one plugin (or core's built-ins) offers, by type name. */
export interface ComponentSet {
  builders?: Record<string, Builder>;
  provisioners?: Record<string, Provisioner>;
  postProcessors?: Record<string, PostProcessor>;
  dataSources?: Record<string, DataSource>;
  /** Optional: lists and removes what this plugin's builds left behind (kiln cleanup). */
  leftovers?: LeftoverFinder;
  /** Optional: the step cache entries this plugin's builders saved (kiln build -cache, kiln cache). */
  stepCache?: StepCacheStore;
}
