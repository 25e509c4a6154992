import type { BuildPlan, PostProcessorConfig, ProvisionerConfig } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { evaluateInto } from '../eval/evaluate.js';
import type { Block, Body } from '../syntax/ast.js';
import { hclComponent } from './component.js';
import { MetaReader } from './meta.js';
import { type ConfigScopeInput, configScope } from './scope.js';

/** A `source "type" "name"` block. */
export interface SourceDecl {
  type: string;
  name: string;
  block: Block;
}

const BUILD_ATTRS = new Set(['name', 'description', 'sources']);
const BUILD_BLOCKS = new Set([
  'source',
  'provisioner',
  'post-processor',
  'post-processors',
  'error-cleanup-provisioner',
  'hcp_packer_registry',
  'dynamic',
]);
const PROV_META = new Set([
  'name',
  'only',
  'except',
  'pause_before',
  'max_retries',
  'timeout',
  'override',
  'continue_on_error',
]);
const PP_META = new Set(['name', 'only', 'except', 'keep_input_artifact']);

interface Instance {
  source: SourceDecl;
  name: string;
  override?: Body;
}

/** Turns `build` blocks into one BuildPlan per source they use. */
export function planBuilds(
  blocks: Block[],
  sources: Map<string, SourceDecl>,
  input: ConfigScopeInput,
  sensitive: SensitiveValues,
  diags: TemplateDiagnostic[],
  syntaxOnly = false,
): BuildPlan[] {
  const plans: BuildPlan[] = [];
  const base = configScope(input);
  for (const build of blocks) {
    // Problems decoding the meta-arguments (name, only, timeout ...) of the
    // block and its components. As Packer, such a build is left out (inspect
    // lists the others); -syntax-only does not look at them.
    const metaDiags: TemplateDiagnostic[] = [];
    const meta = new MetaReader(build.body, base, metaDiags);
    const blockName = meta.string('name');
    for (const a of build.body.attributes)
      if (!BUILD_ATTRS.has(a.name))
        diags.push({
          severity: 'error',
          summary: 'Unsupported argument',
          detail: `An argument named "${a.name}" is not expected in a build block.`,
          range: a.nameRange,
        });
    const instances: Instance[] = [];
    const find = (ref: string, range: Block['typeRange']): SourceDecl | undefined => {
      const key = ref.replace(/^source\./, '');
      const s = sources.get(key);
      if (!s)
        diags.push({
          severity: 'error',
          summary: 'Unknown source',
          detail: `The build refers to the source "${ref}", which is not declared. Declared sources: ${[...sources.keys()].map((k) => `source.${k}`).join(', ') || '(none)'}.`,
          range,
        });
      return s;
    };
    const srcAttr = build.body.attributes.find((a) => a.name === 'sources');
    if (srcAttr) {
      const elems = srcAttr.expr.kind === 'Tuple' ? srcAttr.expr.elements : [];
      const v = evaluateInto(srcAttr.expr, base, diags);
      const refs = v.isKnown && !v.isNull && 'elems' in v && Array.isArray(v.raw) ? v.elems : [];
      refs.forEach((r, i) => {
        if (!r.isKnown || r.type.kind !== 'string') return;
        const s = find(r.str, elems[i]?.range ?? srcAttr.expr.range);
        if (s) instances.push({ source: s, name: s.name });
      });
    }
    for (const b of build.body.blocks) {
      if (!BUILD_BLOCKS.has(b.type))
        diags.push({
          severity: 'error',
          summary: 'Unsupported block type',
          detail: `Blocks of type "${b.type}" are not expected in a build block.`,
          range: b.typeRange,
        });
      if (
        b.type === 'hcp_packer_registry' ||
        (b.type === 'dynamic' && b.labels[0]?.value === 'hcp_packer_registry')
      )
        diags.push({
          severity: 'warning',
          summary: 'hcp_packer_registry is ignored',
          detail: 'Kiln does not publish to HCP Packer; the block is accepted and ignored.',
          range: b.typeRange,
        });
      else if (b.type === 'dynamic')
        diags.push({
          severity: 'error',
          summary: 'Unsupported block type',
          detail: `A dynamic "${b.labels[0]?.value ?? ''}" block is not expected in a build block.`,
          range: b.typeRange,
        });
      if (b.type !== 'source') continue;
      const s = find(b.labels[0]?.value ?? '', b.labels[0]?.range ?? b.typeRange);
      if (!s) continue;
      const name = new MetaReader(b.body, base, metaDiags).string('name') ?? s.name;
      instances.push({ source: s, name, override: b.body });
    }
    const referencesSource =
      (srcAttr && !(srcAttr.expr.kind === 'Tuple' && srcAttr.expr.elements.length === 0)) ||
      build.body.blocks.some((b) => b.type === 'source');
    if (!referencesSource && !syntaxOnly)
      diags.push({
        severity: 'error',
        summary: 'missing source reference',
        detail: 'a build block must reference at least one source to be built',
        range: build.typeRange,
      });
    const built = instances.map((inst) =>
      planOne(build, blockName, inst, input, sensitive, diags, metaDiags),
    );
    if (syntaxOnly) plans.push(...built);
    else {
      diags.push(...metaDiags);
      if (!metaDiags.some((d) => d.severity === 'error')) plans.push(...built);
    }
  }
  return plans;
}

function planOne(
  build: Block,
  blockName: string | undefined,
  inst: Instance,
  input: ConfigScopeInput,
  sensitive: SensitiveValues,
  diags: TemplateDiagnostic[],
  /** Where problems with meta-arguments go (nowhere for -syntax-only, as Packer does not decode them then). */
  metaDiags: TemplateDiagnostic[],
): BuildPlan {
  const { type } = inst.source;
  const source = { type, name: inst.name };
  const short = `${type}.${inst.name}`;
  const name = blockName ? `${blockName}.${short}` : short;
  const scopeFor = (generated?: Record<string, unknown>) =>
    configScope(input, { source, build: generated ? { name: blockName ?? '', ...generated } : 'unknown' });
  const metaScope = configScope(input, { source, build: 'unknown' });
  const applies = (only: string[], except: string[]) => {
    const hit = (n: string) => [short, name, `source.${short}`].includes(n);
    return (only.length === 0 || only.some(hit)) && !except.some(hit);
  };
  const bodies = [inst.source.block.body, ...(inst.override ? [inst.override] : [])];
  const plan: BuildPlan = {
    name,
    ...(blockName ? { buildBlockName: blockName } : {}),
    sourceType: type,
    sourceName: inst.name,
    builder: hclComponent(
      'builder',
      type,
      inst.source.block.labels[0]?.range ?? inst.source.block.typeRange,
      bodies,
      () => configScope(input, { source }),
      new Set(['name']),
      sensitive,
    ),
    provisioners: [],
    postProcessors: [],
  };
  /** What provisioner and post-processor blocks share: only/except, the component, its display name. */
  const component = <K extends 'provisioner' | 'post-processor'>(b: Block, kind: K, meta: Set<string>) => {
    const m = new MetaReader(b.body, metaScope, metaDiags);
    const only = m.strings('only');
    const except = m.strings('except');
    if (!applies(only, except)) return undefined;
    const t = b.labels[0]?.value ?? '';
    const range = b.labels[0]?.range ?? b.typeRange;
    return {
      m,
      base: {
        ...hclComponent(kind, t, range, [b.body], scopeFor, meta, sensitive),
        readsBuildObject: true,
        displayName: m.string('name') ?? t,
        only,
        except,
      },
    };
  };
  const provisioner = (b: Block): ProvisionerConfig | undefined => {
    const c = component(b, 'provisioner', PROV_META);
    if (!c) return undefined;
    const { m, base } = c;
    return {
      ...base,
      override: m.object('override'),
      pauseBeforeMs: m.durationMs('pause_before'),
      maxRetries: m.count('max_retries'),
      timeoutMs: m.durationMs('timeout'),
      ...(m.bool('continue_on_error') ? { continueOnError: true } : {}),
    };
  };
  const postProcessor = (b: Block): PostProcessorConfig | undefined => {
    const c = component(b, 'post-processor', PP_META);
    return c && { ...c.base, keepInputArtifact: c.m.bool('keep_input_artifact') };
  };
  for (const b of build.body.blocks) {
    if (b.type === 'provisioner') {
      const p = provisioner(b);
      if (p) plan.provisioners.push(p);
    } else if (b.type === 'error-cleanup-provisioner') {
      const p = provisioner(b);
      if (p) plan.errorCleanupProvisioner = p;
    } else if (b.type === 'post-processor') {
      const p = postProcessor(b);
      if (p) plan.postProcessors.push([p]);
    } else if (b.type === 'post-processors') {
      const chain = b.body.blocks
        .filter((x) => x.type === 'post-processor')
        .map(postProcessor)
        .filter((x) => x !== undefined);
      if (chain.length) plan.postProcessors.push(chain);
    }
  }
  return plan;
}
