import type {
  Builder,
  ComponentBase,
  ComponentKind,
  ComponentSet,
  ConfigSchema,
  PostProcessor,
  Provisioner,
} from '@kiln/plugin-sdk';
import type { RequiredPlugin, SchemaProvider } from '../config/model.js';
import { type SourceRange, TemplateError } from '../config/source-range.js';
import { retiredComponent } from '../template/retired-components.js';
import { pick, typesOf } from './component-set.js';
import type { PluginDiscovery, PluginPackage } from './plugin-package.js';
import { explainUnknownType } from './unknown-type.js';

/** Starts plugin packages (the plugin host); each at most once per run. */
export interface PluginStarter {
  /** Starts the package (or returns the running one) and the components it serves. */
  start(pkg: PluginPackage): Promise<ComponentSet>;
  /**
   * One component of a package, when the starter can load components one by
   * one (Packer plugin binaries: a process per component); undefined: use
   * {@link start}.
   */
  component?(
    pkg: PluginPackage,
    kind: ComponentKind,
    type: string,
  ): Promise<ComponentBase | undefined> | undefined;
  /** Stops every plugin it started; `force` kills them at once. */
  shutdown(force?: boolean): Promise<void>;
}

/** Where a registry finds components. */
export interface ComponentRegistryOptions {
  builtins: () => Promise<ComponentSet>;
  discovery: () => PluginDiscovery;
  /** Absent: plugin packages are listed but cannot be started. */
  starter?: PluginStarter;
  /** The template's required_plugins, for the `kiln init` hint. */
  requiredPlugins?: RequiredPlugin[];
}

/**
 * Resolves component types to built-ins or plugin packages, starting only the
 * plugins a template uses. It is both the template loader's SchemaProvider
 * and the build runner's ComponentResolver.
 */
export class ComponentRegistry implements SchemaProvider {
  readonly #o: ComponentRegistryOptions;
  #builtins: Promise<ComponentSet> | undefined;
  #loadedBuiltins: ComponentSet | undefined;
  #discovery: PluginDiscovery | undefined;
  readonly #started = new Map<string, Promise<ComponentSet>>();
  readonly #components = new Map<string, Promise<ComponentBase | undefined>>();
  #startedAny = false;

  constructor(options: ComponentRegistryOptions) {
    this.#o = options;
  }

  /** Sets the template's required_plugins (known only after loading). */
  setRequiredPlugins(required: RequiredPlugin[]): void {
    this.#o.requiredPlugins = required;
  }

  /** The plugin packages available, and the candidates that were ignored. */
  discovery(): PluginDiscovery {
    this.#discovery ??= this.#o.discovery();
    return this.#discovery;
  }

  async schemaFor(kind: ComponentKind, type: string): Promise<ConfigSchema | undefined> {
    return (await this.find(kind, type))?.schema;
  }

  /** The component for a kind and type, or undefined when nothing provides it. */
  async find(kind: ComponentKind, type: string): Promise<ComponentBase | undefined> {
    const builtin = pick(await this.#builtinSet(), kind, type);
    if (builtin) return builtin;
    const pkg = this.discovery().plugins.find((p) => p.components[kind]?.includes(type));
    if (!pkg) return undefined;
    if (!this.#o.starter) throw new Error(`cannot start plugin ${pkg.name}: no plugin host is available`);
    const starter = this.#o.starter;
    const key = `${pkg.name}\0${kind}\0${type}`;
    let one = this.#components.get(key);
    if (!one) {
      one = starter.component?.(pkg, kind, type);
      if (one) this.#components.set(key, one);
    }
    if (one) {
      this.#startedAny = true;
      const c = await one;
      if (c) return c;
    }
    let started = this.#started.get(pkg.name);
    if (!started) {
      started = starter.start(pkg);
      this.#started.set(pkg.name, started);
    }
    const component = pick(await started, kind, type);
    if (!component)
      throw new Error(`plugin ${pkg.name} ${pkg.version} declares ${kind} "${type}" but does not serve it`);
    return component;
  }

  /** Explains why nothing provides a type, and what would. */
  async explainUnknown(kind: ComponentKind, type: string): Promise<string> {
    await this.#builtinSet();
    return this.describeAvailable(kind, type);
  }

  /**
   * The synchronous form of {@link explainUnknown} (the template loader's
   * describeAvailable); built-ins are listed once any lookup has loaded them.
   */
  describeAvailable(kind: ComponentKind, type: string): string {
    return explainUnknownType({
      kind,
      type,
      builtins: typesOf(this.#loadedBuiltins ?? {}, kind),
      plugins: this.discovery().plugins,
      requiredPlugins: this.#o.requiredPlugins ?? [],
    });
  }

  /** Like {@link find}, but a TemplateError placed at `range` when nothing provides the type. */
  async get(kind: ComponentKind, type: string, range?: SourceRange): Promise<ComponentBase> {
    const c = await this.find(kind, type);
    if (c) return c;
    const retired = retiredComponent(kind, type);
    if (retired)
      throw new TemplateError([
        {
          severity: 'error',
          summary: `The ${kind} "${type}" was retired`,
          detail: `${retired.reason}\n\n${retired.replacement}`,
          ...(range ? { range } : {}),
        },
      ]);
    throw new TemplateError([
      {
        severity: 'error',
        summary: `Unknown ${kind} type "${type}"`,
        detail: await this.explainUnknown(kind, type),
        ...(range ? { range } : {}),
      },
    ]);
  }

  #builtinSet(): Promise<ComponentSet> {
    this.#builtins ??= this.#o.builtins().then((set) => {
      this.#loadedBuiltins = set;
      return set;
    });
    return this.#builtins;
  }

  builder(type: string, range?: SourceRange): Promise<Builder> {
    return this.get('builder', type, range) as Promise<Builder>;
  }

  provisioner(type: string, range?: SourceRange): Promise<Provisioner> {
    return this.get('provisioner', type, range) as Promise<Provisioner>;
  }

  postProcessor(type: string, range?: SourceRange): Promise<PostProcessor> {
    return this.get('post-processor', type, range) as Promise<PostProcessor>;
  }

  /** Shuts down every plugin this registry started. */
  async shutdown(force = false): Promise<void> {
    if (this.#started.size > 0 || this.#startedAny) await this.#o.starter?.shutdown(force);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}
