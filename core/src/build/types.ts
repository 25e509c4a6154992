import type {
  BuildContext,
  Builder,
  PostProcessor,
  PreparedBuilder,
  PreparedPostProcessor,
  PreparedProvisioner,
  Provisioner,
} from '@kiln/plugin-sdk';
import type { BuildPlan, PostProcessorConfig, ProvisionerConfig } from '../config/model.js';
import type { SourceRange } from '../config/source-range.js';

/** Finds the component that implements a type (built-in or plugin). */
export interface ComponentResolver {
  builder(type: string, range?: SourceRange): Promise<Builder>;
  provisioner(type: string, range?: SourceRange): Promise<Provisioner>;
  postProcessor(type: string, range?: SourceRange): Promise<PostProcessor>;
}

/** A provisioner ready to run in one build. */
export interface ReadyProvisioner {
  config: ProvisionerConfig;
  component: Provisioner;
  prepared: PreparedProvisioner;
  /** The body it was prepared with (values the builder generates as placeholders): what its cache key digests. */
  body?: Record<string, unknown>;
}

/** A post-processor ready to run in one build. */
export interface ReadyPostProcessor {
  config: PostProcessorConfig;
  component: PostProcessor;
  prepared: PreparedPostProcessor;
}

/** A build whose every component was prepared without error. */
export interface PreparedBuild {
  plan: BuildPlan;
  context: BuildContext;
  builder: Builder;
  prepared: PreparedBuilder;
  provisioners: ReadyProvisioner[];
  errorCleanup?: ReadyProvisioner;
  chains: ReadyPostProcessor[][];
}

/** The flags of `kiln build` that every build sees. */
export interface BuildFlags {
  runId: string;
  debug: boolean;
  force: boolean;
  onError: BuildContext['onError'];
  templateDir: string;
  userVariables: Record<string, string>;
}

/** kiln build -cache: what cached builds need to know about the run. */
export interface CacheFlags {
  /** The template's path, recorded with each entry. */
  template: string;
  /** Where relative file paths resolve (default process.cwd()). */
  cwd?: string;
  /** After the builds, the oldest entries are removed until the rest fit (0: no cap). */
  maxSizeBytes?: number;
}
