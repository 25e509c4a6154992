import type { Node } from 'jsonc-parser';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { type JsonDocument, nodeRange, properties, property } from './json-document.js';
import {
  durationField,
  entryOf,
  type LegacyEntry,
  listSection,
  retriesField,
  stringField,
  stringList,
} from './sections.js';

/** A provisioner entry with its checked meta-arguments. */
export interface ProvisionerEntry extends LegacyEntry {
  only: string[];
  except: string[];
  override: Node | undefined;
  pauseBeforeMs: number;
  timeoutMs: number;
  maxRetries: number;
}

/** A post-processor entry of a chain with its checked meta-arguments. */
export interface PostProcessorEntry {
  pp: LegacyEntry;
  only: string[];
  except: string[];
  keep: boolean | undefined;
}

/** The builders, provisioners and post-processor chains of a template, checked. */
export interface LegacyEntries {
  builders: LegacyEntry[];
  provisioners: ProvisionerEntry[];
  chains: PostProcessorEntry[][];
  /** The root-level "error-cleanup-provisioner": runs when provisioning fails. */
  errorCleanup?: ProvisionerEntry;
}

/**
 * Reads the "builders", "provisioners" and "post-processors" sections:
 * types, unique builder names, only/except/override naming real builders
 * (not with `syntaxOnly`), durations and retries.
 */
export function readEntries(
  doc: JsonDocument,
  root: Node,
  syntaxOnly: boolean,
  diags: TemplateDiagnostic[],
): LegacyEntries {
  const builders = builderEntries(doc, root, diags);
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
  const cleanupNode = property(root, 'error-cleanup-provisioner');
  const cleanup = cleanupNode ? entryOf(doc, cleanupNode, 'provisioner', diags) : undefined;
  return {
    builders,
    provisioners: provisioners.map((p, i) => ({ ...p, ...provMeta[i]! })),
    chains,
    ...(cleanup
      ? {
          errorCleanup: {
            ...cleanup,
            only: [],
            except: [],
            override: undefined,
            pauseBeforeMs: durationField(doc, cleanup.node, 'pause_before', diags),
            timeoutMs: durationField(doc, cleanup.node, 'timeout', diags),
            maxRetries: retriesField(doc, cleanup.node, diags),
          },
        }
      : {}),
  };
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
