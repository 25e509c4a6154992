import { type BuildContext, ConfigError, type Prepared } from '@kiln/plugin-sdk';
import {
  type BuildPlan,
  buildPlaceholders,
  type ComponentConfig,
  type PostProcessorConfig,
  type ProvisionerConfig,
} from '../config/model.js';
import { type TemplateDiagnostic, TemplateError } from '../config/source-range.js';
import { diagnose } from './diagnose.js';
import { appliesTo, overrideFor } from './matches.js';
import type {
  BuildFlags,
  ComponentResolver,
  PreparedBuild,
  ReadyPostProcessor,
  ReadyProvisioner,
} from './types.js';

/** What {@link prepareBuilds} returns: the builds, and every warning found. */
export interface PreparedRun {
  builds: PreparedBuild[];
  warnings: TemplateDiagnostic[];
}

/** The BuildContext a plan's components are prepared with. */
export function contextFor(plan: BuildPlan, flags: BuildFlags): BuildContext {
  return {
    runId: flags.runId,
    buildName: plan.name,
    builderType: plan.sourceType,
    debug: flags.debug,
    force: flags.force,
    onError: flags.onError,
    templateDir: flags.templateDir,
    userVariables: flags.userVariables,
  };
}

/** A provisioner's configuration for one build: its body with the build's override applied. */
export function provisionerConfig(
  plan: BuildPlan,
  config: ProvisionerConfig,
  generated?: Record<string, unknown>,
): Record<string, unknown> {
  return { ...config.evaluate(generated), ...overrideFor(plan, config.override) };
}

/**
 * Prepares every component of every build before any build starts, so that
 * all configuration errors are reported together, each at its place in the
 * template. Throws a TemplateError carrying all of them.
 */
export async function prepareBuilds(
  plans: BuildPlan[],
  resolver: ComponentResolver,
  flags: BuildFlags,
): Promise<PreparedRun> {
  const errors: TemplateDiagnostic[] = [];
  const warnings: TemplateDiagnostic[] = [];
  const attempt = async <T extends Prepared>(config: ComponentConfig, f: () => Promise<T>) => {
    try {
      const r = await f();
      for (const w of r.warnings ?? []) warnings.push(...diagnose(new ConfigError([w]), config));
      return r;
    } catch (error) {
      errors.push(...diagnose(error, config));
      return undefined;
    }
  };
  const builds = await Promise.all(plans.map((plan) => prepareOne(plan, resolver, flags, attempt)));
  for (const w of warnings) w.severity = 'warning';
  if (errors.length > 0) throw new TemplateError(errors);
  return { builds: builds.filter((b): b is PreparedBuild => b !== undefined), warnings };
}

type Attempt = <T extends Prepared>(config: ComponentConfig, f: () => Promise<T>) => Promise<T | undefined>;

async function prepareOne(
  plan: BuildPlan,
  resolver: ComponentResolver,
  flags: BuildFlags,
  attempt: Attempt,
): Promise<PreparedBuild | undefined> {
  const context = contextFor(plan, flags);
  let builder: PreparedBuild['builder'] | undefined;
  const prepared = await attempt(plan.builder, async () => {
    builder = await resolver.builder(plan.builder.type, plan.builder.range);
    return builder.prepare(plan.builder.evaluate(), context);
  });
  // Only a builder that names what it generates gets Packer's strict build.*
  // (a plugin that names nothing may still generate more: build.* stays unknown).
  const generated = prepared?.generatedVariables ?? [];
  const placeholders = generated.length > 0 ? buildPlaceholders(generated) : undefined;
  const before = (config: ComponentConfig) => (config.readsBuildObject ? placeholders : undefined);
  const provisioner = async (config: ProvisionerConfig): Promise<ReadyProvisioner | undefined> => {
    let component: ReadyProvisioner['component'] | undefined;
    let body: Record<string, unknown> = {};
    const p = await attempt(config, async () => {
      component = await resolver.provisioner(config.type, config.range);
      body = provisionerConfig(plan, config, before(config));
      return component.prepare(body, context);
    });
    return p && component ? { config, component, prepared: p, body } : undefined;
  };
  const postProcessor = async (config: PostProcessorConfig): Promise<ReadyPostProcessor | undefined> => {
    let component: ReadyPostProcessor['component'] | undefined;
    const p = await attempt(config, async () => {
      component = await resolver.postProcessor(config.type, config.range);
      return component.configure(config.evaluate(before(config)), context);
    });
    return p && component ? { config, component, prepared: p } : undefined;
  };
  const provisioners = await Promise.all(
    plan.provisioners.filter((p) => appliesTo(plan, p.only, p.except)).map(provisioner),
  );
  const errorCleanup = plan.errorCleanupProvisioner
    ? await provisioner(plan.errorCleanupProvisioner)
    : undefined;
  const chains = await Promise.all(
    plan.postProcessors.map((chain) =>
      Promise.all(chain.filter((p) => appliesTo(plan, p.only, p.except)).map(postProcessor)),
    ),
  );
  if (!builder || !prepared) return undefined;
  if (provisioners.some((p) => !p) || chains.some((c) => c.some((p) => !p))) return undefined;
  if (plan.errorCleanupProvisioner && !errorCleanup) return undefined;
  return {
    plan,
    context,
    builder,
    prepared,
    provisioners: provisioners as ReadyProvisioner[],
    ...(errorCleanup ? { errorCleanup } : {}),
    chains: (chains as ReadyPostProcessor[][]).filter((c) => c.length > 0),
  };
}
