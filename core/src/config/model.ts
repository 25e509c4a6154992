import type { ComponentKind, ConfigSchema } from '@kiln/plugin-sdk';
import type { EvalScope } from '../template/hcl/eval/scope.js';
import type { SourceRange, TemplateDiagnostic } from './source-range.js';

/**
 * The loaded configuration: what the template layer (legacy JSON or HCL2)
 * hands to the build planner, inspect, validate and init. Both template
 * formats produce exactly this shape.
 */
export interface LoadedConfig {
  format: 'json' | 'hcl';
  /** The path the user gave (file or directory). */
  path: string;
  /** Directory of the template (path.root / template_dir). */
  rootDir: string;
  /** Every file that was read, in load order. */
  files: string[];
  variables: VariableInfo[];
  /**
   * Each variable's value as components receive it (BuildContext.userVariables):
   * a string as it is, any other value as JSON. Sensitive values are here in
   * clear, for the components that need them: never print these.
   */
  userVariables?: Record<string, string>;
  /** HCL2 local values (`display` as for variables); absent for legacy JSON. */
  locals?: VariableInfo[];
  /** From packer {} / kiln {} blocks; empty for legacy JSON. */
  requiredPlugins: RequiredPlugin[];
  /** packer { required_version } / min_packer_version. */
  requiredVersion?: string;
  /** kiln { cache = true|false }: the step cache's default when neither -cache nor KILN_CACHE says. */
  cacheDefault?: boolean;
  /** kiln { executor, namespace, image }: where builds run when neither the flags nor KILN_EXECUTOR say. */
  executorDefault?: ExecutorDefault;
  sources: SourceInfo[];
  builds: BuildPlan[];
  /** Warnings found while loading (errors are thrown as TemplateError). */
  warnings: TemplateDiagnostic[];
  /** Masks this load's sensitive values (variables, sensitive locals) in a line of output. */
  maskSensitive?: (text: string) => string;
  /** The build block descriptions and the template's description, when given. */
  description?: string;
  /**
   * HCL2 `data "type" "name"` blocks, in order. Their outputs are what
   * {@link LoadOptions.executeDataSource} returned while loading, or unknown.
   */
  dataSources?: DataSourceConfig[];
  /** HCL2: what top-level expressions see (var, local, path, packer, functions), for `kiln console`. */
  scope?: EvalScope;
  /** HCL2 build blocks as written, for inspect; a block whose header fails to evaluate is left out. */
  buildBlocks?: BuildBlockSummary[];
}

/** One HCL2 `build` block as `inspect` lists it: every component, whatever its `only`/`except`. */
export interface BuildBlockSummary {
  name?: string;
  description?: string;
  /** `type.name` of each source used, `sources` entries first. */
  sources: string[];
  /** `type` or `type.name` (with a `name` argument), in order. */
  provisioners: string[];
  /** One list per chain, items as for provisioners. */
  postProcessors: string[][];
}

export interface VariableInfo {
  name: string;
  type?: string;
  description?: string;
  sensitive: boolean;
  /** The value in force after all precedence rules, masked when sensitive. */
  display: string;
  range?: SourceRange;
}

export interface RequiredPlugin {
  /** The local name (the key inside required_plugins). */
  name: string;
  source: string;
  /** Packer constraint syntax, e.g. ">= 1.0, != 1.3.1". */
  version: string;
  range?: SourceRange;
}

export interface SourceInfo {
  type: string;
  name: string;
  range: SourceRange;
}

/** A component block whose body is evaluated when it is needed. */
export interface ComponentConfig {
  kind: ComponentKind;
  type: string;
  /** The block's own range (its type label), for errors about the whole block. */
  range: SourceRange;
  /**
   * Evaluates the body. `generated` holds what the builder generated (build.*),
   * available to provisioners and post-processors; absent at validate time,
   * when references to it evaluate to unknown placeholders. Throws TemplateError.
   */
  evaluate(generated?: Record<string, unknown>): Record<string, unknown>;
  /** Where an attribute path of this body is in the template (for plugin diagnostics). */
  locate(path: (string | number)[]): SourceRange;
  /** Where the value of an attribute path is (its expression), for type errors; falls back to locate. */
  locateValue?(path: (string | number)[]): SourceRange;
  /**
   * HCL2 provisioners and post-processors: `build.*` is an object. Before the
   * builder runs they are prepared with {@link buildPlaceholders} (Packer's
   * known keys and the builder's generated variables, unknown) when the
   * builder names what it generates, so that build.name is known and an
   * attribute the builder does not generate is an error.
   */
  readsBuildObject?: boolean;
}

/** A `data "type" "name"` block. */
export interface DataSourceConfig extends ComponentConfig {
  kind: 'data-source';
  name: string;
}

export interface ProvisionerConfig extends ComponentConfig {
  kind: 'provisioner';
  /** `name` argument, or the type. */
  displayName: string;
  only: string[];
  except: string[];
  /** Per-build overrides, keyed by build/source name. */
  override: Record<string, Record<string, unknown>>;
  pauseBeforeMs: number;
  maxRetries: number;
  /** HCL2 `continue_on_error`: a failure (after every retry) is reported and the build goes on. */
  continueOnError?: boolean;
  /** 0 = no timeout. */
  timeoutMs: number;
}

export interface PostProcessorConfig extends ComponentConfig {
  kind: 'post-processor';
  displayName: string;
  only: string[];
  except: string[];
  /** undefined: the user did not say (the post-processor decides). */
  keepInputArtifact: boolean | undefined;
}

/** One build: a source with its provisioners and post-processor chains. */
export interface BuildPlan {
  /** What output lines are prefixed with: "docker" (JSON) or "docker-example.docker.ubuntu" (HCL2). */
  name: string;
  /** The build block's name, when it has one (HCL2). */
  buildBlockName?: string;
  sourceType: string;
  sourceName: string;
  builder: ComponentConfig & { kind: 'builder' };
  provisioners: ProvisionerConfig[];
  /** Each inner list is one chain, run in order. */
  postProcessors: PostProcessorConfig[][];
  errorCleanupProvisioner?: ProvisionerConfig;
}

/** Where the template layer gets component schemas (built-ins and plugins). */
export interface SchemaProvider {
  schemaFor(kind: ComponentKind, type: string): Promise<ConfigSchema | undefined>;
}

/** The executor settings of a kiln {} block (kiln build's -executor, -namespace, -image). */
export interface ExecutorDefault {
  name?: string;
  namespace?: string;
  image?: string;
  /** files_max_size: the most the files a build writes in its pod may pack to, to come back ("16MiB"). */
  filesMaxSize?: string;
  /** placement "<builds>" {} blocks, in order. */
  placements?: Placement[];
}

/**
 * Where the builds a pattern (as -only) names run on a cluster: a
 * kiln { placement "qemu.*" { ... } } block.
 */
export interface Placement {
  pattern: string;
  /** Node labels the build's pod requires. */
  nodeSelector?: Record<string, string>;
  /** Resource requests and limits of the build's container ("cpu" = "2", "memory" = "4Gi"). */
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

/** Options every load takes, from the command line. */
export interface LoadOptions {
  /** -var name=value, in order. */
  vars: [string, string][];
  /** -var-file paths, in order. */
  varFiles: string[];
  only: string[];
  except: string[];
  /** The process environment (PKR_VAR_*, env()). */
  env: Record<string, string | undefined>;
  /** Check syntax only: no evaluation against schemas. */
  syntaxOnly?: boolean;
  /**
   * Evaluate what can be (inspect, console): only errors reading the files
   * throw; a local or data source that fails to evaluate is left out, as are
   * build blocks that fail; other evaluation errors are not reported.
   */
  partial?: boolean;
  /** For an unknown component type: a sentence saying which installed plugins offer what. */
  describeAvailable?: (kind: ComponentKind, type: string) => string | undefined;
  /** The version `packer.version` / `{{packer_version}}` report and required_version is checked against. */
  version?: string;
  /**
   * HCL2 var files: warn about names no variable declares (`validate` does by
   * default, `build` with -warn-on-undeclared-var, as Packer).
   */
  warnOnUndeclaredVar?: boolean;
  /**
   * Configures and runs a data source. When given, HCL2 data sources are
   * handed to it while the configuration loads, in dependency order with
   * locals (a local may use a data source and a data source a local);
   * `data.*` values stay unknown where it returns nothing, or without it.
   * Throws TemplateError.
   */
  executeDataSource?: DataSourceExecutor;
  /**
   * -use-sequential-evaluation: every data source before any local, as Packer
   * did before 1.12 (a data source cannot use a local).
   */
  sequential?: boolean;
}

/**
 * Configures one data source with its evaluated body and executes it,
 * returning its output. When it was only configured (validate without
 * -evaluate-datasources), each attribute of its output schema holds
 * {@link UNKNOWN_OUTPUT}, as Packer's typed placeholder (so that a reference
 * to an attribute the data source does not have is an error); undefined
 * leaves the whole output unknown.
 */
export const UNKNOWN_OUTPUT: unique symbol = Symbol('unknown data source output');

/** What every builder's generated data holds in Packer (BuilderDataCommonKeys). */
export const BUILD_COMMON_KEYS = [
  'ID',
  'Host',
  'Port',
  'User',
  'Password',
  'ConnType',
  'PackerRunUUID',
  'PackerHTTPPort',
  'PackerHTTPIP',
  'PackerHTTPAddr',
  'SSHPublicKey',
  'SSHPrivateKey',
  'WinRMPassword',
];

/** `build.*` before the builder runs: the common keys and the builder's generated variables, unknown. */
export function buildPlaceholders(generatedVariables: string[] = []): Record<string, unknown> {
  return Object.fromEntries([...BUILD_COMMON_KEYS, ...generatedVariables].map((k) => [k, UNKNOWN_OUTPUT]));
}

export type DataSourceExecutor = (
  ds: DataSourceConfig,
  body: Record<string, unknown>,
) => Promise<Record<string, unknown> | undefined>;
