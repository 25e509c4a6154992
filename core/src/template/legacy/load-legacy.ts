import { dirname, resolve } from 'node:path';
import type { Node } from 'jsonc-parser';
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
import type { LegacyFunctionInput } from './gotemplate/functions.js';
import {
  type JsonDocument,
  nodeRange,
  nodeValue,
  parseJsonDocument,
  properties,
  property,
} from './json-document.js';
import {
  checkRootKeys,
  durationField,
  entryOf,
  type LegacyEntry,
  listSection,
  retriesField,
  stringField,
  stringList,
} from './sections.js';
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

  const builders = builderEntries(doc, root, diags);
  for (const b of builders) {
    config.sources.push({ type: b.type, name: b.name!, range: nodeRange(doc, property(b.node, 'type')!) });
  }
  const names = new Set(builders.map((b) => b.name!));
  const checkNames = (node: Node, key: string, list: string[], what: string) => {
    if (syntaxOnly) return;
    for (const n of list) {
      if (names.has(n)) continue;
      diags.push({
        severity: 'error',
        summary: `${what}: "${key}" names builder "${n}", which does not exist`,
        detail: `The builders in this template are: ${[...names].join(', ') || '(none)'}.`,
        range: nodeRange(doc, property(node, key)!),
      });
    }
  };
  const provisioners = listSection(doc, root, 'provisioners', diags)
    .map((n) => entryOf(doc, n, 'provisioner', diags))
    .filter((e): e is LegacyEntry => e !== undefined);
  const provMeta = provisioners.map((p, i) => {
    const only = stringList(doc, p.node, 'only', diags);
    const except = stringList(doc, p.node, 'except', diags);
    checkNames(p.node, 'only', only, `provisioner ${i + 1}`);
    checkNames(p.node, 'except', except, `provisioner ${i + 1}`);
    const override = property(p.node, 'override');
    if (override && override.type !== 'object')
      diags.push({
        severity: 'error',
        summary: '"override" must be an object keyed by builder name',
        range: nodeRange(doc, override),
      });
    for (const [k, keyNode] of properties(override)) {
      if (!names.has(k) && !syntaxOnly)
        diags.push({
          severity: 'error',
          summary: `provisioner ${i + 1}: "override" names builder "${k}", which does not exist`,
          range: nodeRange(doc, keyNode),
        });
    }
    return {
      only,
      except,
      override,
      pauseBeforeMs: durationField(doc, p.node, 'pause_before', diags),
      timeoutMs: durationField(doc, p.node, 'timeout', diags),
      maxRetries: retriesField(doc, p.node, diags),
    };
  });
  const chains = postProcessorChains(doc, root, diags).map((chain) =>
    chain.map((pp, j) => {
      const only = pp.node.type === 'object' ? stringList(doc, pp.node, 'only', diags) : [];
      const except = pp.node.type === 'object' ? stringList(doc, pp.node, 'except', diags) : [];
      checkNames(pp.node, 'only', only, `post-processor ${j + 1}`);
      checkNames(pp.node, 'except', except, `post-processor ${j + 1}`);
      const keep = pp.node.type === 'object' ? property(pp.node, 'keep_input_artifact') : undefined;
      if (keep && keep.type !== 'boolean')
        diags.push({
          severity: 'error',
          summary: '"keep_input_artifact" must be true or false',
          range: nodeRange(doc, keep),
        });
      return { pp, only, except, keep: keep?.type === 'boolean' ? Boolean(keep.value) : undefined };
    }),
  );
  if (!syntaxOnly && builders.length === 0 && diags.length === 0)
    diags.push({
      severity: 'error',
      summary: 'At least one builder must be defined',
      range: nodeRange(doc, root),
    });

  const applies = (only: string[], except: string[], name: string) =>
    (only.length === 0 || only.includes(name)) && !except.includes(name);
  for (const b of builders) {
    const name = b.name!;
    const ctx: LegacyBuildContext = { buildName: name, buildType: b.type, fn };
    const plan: BuildPlan = {
      name,
      sourceType: b.type,
      sourceName: name,
      builder: legacyComponent('builder', b.type, doc, b.node, BUILDER_KEYS, ctx),
      provisioners: [],
      postProcessors: [],
    };
    provisioners.forEach((p, i) => {
      const m = provMeta[i]!;
      if (!applies(m.only, m.except, name)) return;
      const extra = property(m.override, name);
      const base = legacyComponent('provisioner', p.type, doc, p.node, PROVISIONER_KEYS, ctx, extra);
      const prov: ProvisionerConfig = {
        ...base,
        displayName: p.type,
        only: m.only,
        except: m.except,
        override: Object.fromEntries(
          properties(m.override).map(([k, , v]) => [k, nodeValue(v) as Record<string, unknown>]),
        ),
        pauseBeforeMs: m.pauseBeforeMs,
        maxRetries: m.maxRetries,
        timeoutMs: m.timeoutMs,
      };
      plan.provisioners.push(prov);
    });
    for (const chain of chains) {
      const selected: PostProcessorConfig[] = chain
        .filter((c) => applies(c.only, c.except, name))
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

function builderEntries(doc: JsonDocument, root: Node, diags: TemplateDiagnostic[]): LegacyEntry[] {
  const seen = new Map<string, Node>();
  const out: LegacyEntry[] = [];
  listSection(doc, root, 'builders', diags).forEach((n, i) => {
    const e = entryOf(doc, n, 'builder', diags);
    if (!e) return;
    const name = stringField(doc, n, 'name', diags) ?? e.type;
    const at = property(n, 'name') ?? property(n, 'type')!;
    if (seen.has(name)) {
      const p = doc.index.pos(seen.get(name)!.offset);
      diags.push({
        severity: 'error',
        summary: `builder ${i + 1}: builder with name "${name}" already exists`,
        detail: `The first one is at ${doc.index.filename}:${p.line}:${p.column}. Give each builder a unique "name".`,
        range: nodeRange(doc, at),
      });
      return;
    }
    seen.set(name, at);
    out.push({ ...e, name });
  });
  return out;
}

function postProcessorChains(doc: JsonDocument, root: Node, diags: TemplateDiagnostic[]): LegacyEntry[][] {
  return listSection(doc, root, 'post-processors', diags).map((item) => {
    const members = item.type === 'array' ? (item.children ?? []) : [item];
    return members
      .map((m) => entryOf(doc, m, 'post-processor', diags))
      .filter((e): e is LegacyEntry => e !== undefined);
  });
}
