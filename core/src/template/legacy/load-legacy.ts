import { dirname, resolve } from 'node:path';
import semver from 'semver';
import type {
  BuildPlan,
  LoadedConfig,
  LoadOptions,
  PostProcessorConfig,
  ProvisionerConfig,
} from '../../config/model.js';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import type { SensitiveValues } from '../load/sensitive.js';
import { type LegacyBuildContext, legacyComponent } from './components.js';
import { type ProvisionerEntry, readEntries } from './entries.js';
import { renderGoTemplate } from './gotemplate/evaluate.js';
import { type LegacyFunctionInput, legacyFunctions } from './gotemplate/functions.js';
import { nodeRange, parseJsonDocument, property } from './json-document.js';
import { checkRootKeys } from './sections.js';
import { resolveLegacyVariables } from './variables.js';

const PROVISIONER_KEYS = new Set([
  'type',
  'only',
  'except',
  'override',
  'pause_before',
  'timeout',
  'max_retries',
]);
const POST_PROCESSOR_KEYS = new Set(['type', 'name', 'only', 'except', 'keep_input_artifact']);
const BUILDER_KEYS = new Set(['type', 'name']);

/** What the legacy loader needs besides the file. */
export interface LegacyLoadInput {
  file: string;
  text: string;
  options: LoadOptions;
  sensitive: SensitiveValues;
  version: string;
  initTime: Date;
}

/**
 * Loads a legacy JSON template into the common configuration shape. Returns
 * the configuration (possibly partial) and every problem found.
 */
export function loadLegacyTemplate(input: LegacyLoadInput): {
  config: LoadedConfig;
  diagnostics: TemplateDiagnostic[];
} {
  const { file, options } = input;
  const diags: TemplateDiagnostic[] = [];
  const rootDir = dirname(resolve(file));
  const config: LoadedConfig = {
    format: 'json',
    path: file,
    rootDir,
    files: [file],
    variables: [],
    requiredPlugins: [],
    sources: [],
    builds: [],
    warnings: [],
  };
  const { doc, diagnostics } = parseJsonDocument(file, input.text);
  diags.push(...diagnostics);
  const root = doc.root;
  if (!root) return { config, diagnostics: diags };
  if (root.type !== 'object') {
    diags.push({
      severity: 'error',
      summary: 'A template must be a JSON object',
      range: nodeRange(doc, root),
    });
    return { config, diagnostics: diags };
  }
  checkRootKeys(doc, root, diags);
  const syntaxOnly = options.syntaxOnly ?? false;
  const fnBase = {
    templateDir: rootDir,
    pwd: process.cwd(),
    initTime: input.initTime,
    version: input.version,
  };
  const { values, infos } = resolveLegacyVariables(
    doc,
    root,
    {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
      syntaxOnly,
      fn: fnBase,
      sensitive: input.sensitive,
    },
    diags,
  );
  config.variables = infos;
  config.userVariables = Object.fromEntries(values);
  const description = property(root, 'description');
  if (description?.type === 'string') config.description = String(description.value);
  const minVersion = property(root, 'min_packer_version');
  if (minVersion?.type === 'string') {
    config.requiredVersion = `>= ${minVersion.value}`;
    const min = semver.coerce(String(minVersion.value));
    if (!min)
      diags.push({
        severity: 'error',
        summary: '"min_packer_version" is not a version',
        range: nodeRange(doc, minVersion),
      });
    else if (semver.lt(input.version, min))
      diags.push({
        severity: 'error',
        summary: `This template requires Packer version ${minVersion.value} or higher`,
        detail: `Kiln implements the template language of Packer ${input.version}.`,
        range: nodeRange(doc, minVersion),
      });
  }

  const fn: LegacyBuildContext['fn'] = {
    ...fnBase,
    userVars: values,
    onUndefinedUser: (n: string) => {
      if (!syntaxOnly) throw new Error(`variable "${n}" is not declared in the "variables" section`);
    },
  } satisfies Omit<LegacyFunctionInput, 'buildName' | 'buildType'>;

  const { builders, provisioners, chains, errorCleanup } = readEntries(doc, root, syntaxOnly, diags);
  for (const b of builders) {
    config.sources.push({ type: b.type, name: b.name!, range: nodeRange(doc, property(b.node, 'type')!) });
  }
  if (!syntaxOnly && builders.length === 0 && diags.length === 0)
    diags.push({
      severity: 'error',
      summary: 'At least one builder must be defined',
      range: nodeRange(doc, root),
    });

  const applies = (only: string[], except: string[], names: string[]) =>
    (only.length === 0 || names.some((n) => only.includes(n))) && !names.some((n) => except.includes(n));
  for (const b of builders) {
    const name = renderName(b.name!, fn);
    const ctx: LegacyBuildContext = { buildName: name, buildType: b.type, fn };
    const plan: BuildPlan = {
      name,
      sourceType: b.type,
      sourceName: name,
      builder: legacyComponent('builder', b.type, doc, b.node, BUILDER_KEYS, ctx),
      provisioners: [],
      postProcessors: [],
    };
    const provisionerConfig = (p: ProvisionerEntry): ProvisionerConfig => {
      const extra = property(p.override, b.name!) ?? property(p.override, name);
      return {
        ...legacyComponent('provisioner', p.type, doc, p.node, PROVISIONER_KEYS, ctx, extra),
        displayName: p.type,
        only: p.only,
        except: p.except,
        // evaluate() already merges this build's override, rendered; the raw
        // JSON must not be applied a second time over it.
        override: {},
        pauseBeforeMs: p.pauseBeforeMs,
        maxRetries: p.maxRetries,
        timeoutMs: p.timeoutMs,
      };
    };
    for (const p of provisioners) {
      if (applies(p.only, p.except, [b.name!, name])) plan.provisioners.push(provisionerConfig(p));
    }
    if (errorCleanup) plan.errorCleanupProvisioner = provisionerConfig(errorCleanup);
    for (const chain of chains) {
      const selected: PostProcessorConfig[] = chain
        .filter((c) => applies(c.only, c.except, [b.name!, name]))
        .map((c) => ({
          ...legacyComponent('post-processor', c.pp.type, doc, c.pp.node, POST_PROCESSOR_KEYS, ctx),
          displayName: c.pp.name ?? c.pp.type,
          only: c.only,
          except: c.except,
          keepInputArtifact: c.keep,
        }));
      if (selected.length) plan.postProcessors.push(selected);
    }
    config.builds.push(plan);
  }
  return { config, diagnostics: diags };
}

/** A builder name with user variables rendered, as Packer does at build time; as written when it does not render. */
function renderName(raw: string, fn: LegacyBuildContext['fn']): string {
  try {
    return renderGoTemplate(raw, { funcs: legacyFunctions({ ...fn, onUndefinedUser: () => undefined }) });
  } catch {
    return raw;
  }
}
