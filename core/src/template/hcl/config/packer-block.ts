import semver from 'semver';
import { parseSize } from '../../../cache/prune.js';
import type { ExecutorDefault, Placement, RequiredPlugin } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import type { EvalScope } from '../eval/scope.js';
import type { Block } from '../syntax/ast.js';
import { labelCountProblem } from './block-labels.js';
import { constraintProblem } from './version-constraint.js';

/** Packer's constraint syntax (">= 1.0, != 1.3.1", "~> 1.2") as a semver range. */
export function toSemverRange(constraint: string): string {
  return constraint
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const m = /^~>\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(c);
      if (!m) return c.replace(/^=\s*/, '').replace(/^!=\s*(.*)$/, '<$1 || >$1');
      const [maj, min, pat] = [m[1], m[2], m[3]];
      if (pat !== undefined) return `>=${maj}.${min}.${pat} <${maj}.${Number(min) + 1}.0`;
      if (min !== undefined) return `>=${maj}.${min}.0 <${Number(maj) + 1}.0.0`;
      return `>=${maj}.0.0`;
    })
    .join(' ');
}

/** True when `version` satisfies a Packer-style constraint (an invalid constraint is false). */
export function satisfiesConstraint(version: string, constraint: string): boolean {
  const parts = constraint.split(',').map((c) => toSemverRange(c));
  try {
    return parts.every((p) => semver.satisfies(version, p, { includePrerelease: true }));
  } catch {
    return false;
  }
}

/** kiln {}'s string defaults, with what each may hold (undefined: any string). */
const KILN_STRINGS: Record<'executor' | 'namespace' | 'image', readonly string[] | undefined> = {
  executor: ['local', 'kubernetes'],
  namespace: undefined,
  image: undefined,
};

/**
 * Reads packer {} / kiln {} blocks: required_version (checked),
 * required_plugins, and kiln {}'s defaults (`cache`, `executor`,
 * `namespace`, `image`).
 */
export function readPackerBlocks(
  blocks: Block[],
  scope: EvalScope,
  version: string,
  diags: TemplateDiagnostic[],
): { requiredVersion?: string; plugins: RequiredPlugin[]; cache?: boolean; executor?: ExecutorDefault } {
  const plugins: RequiredPlugin[] = [];
  let requiredVersion: string | undefined;
  let cache: boolean | undefined;
  let executor: ExecutorDefault | undefined;
  for (const b of blocks) {
    for (const a of b.body.attributes) {
      if (b.type === 'kiln' && a.name in KILN_STRINGS) {
        const name = a.name as keyof typeof KILN_STRINGS;
        const v = evaluateInto(a.expr, scope, diags);
        if (!v.isKnown) continue;
        const allowed = KILN_STRINGS[name];
        if (v.type.kind !== 'string' || (allowed && !allowed.includes(v.str))) {
          diags.push({
            severity: 'error',
            summary: 'Invalid value for kiln block argument',
            detail: `"${name}" must be ${allowed ? allowed.map((x) => `"${x}"`).join(' or ') : 'a string'}, as the -${name} flag of kiln build.`,
            range: a.expr.range,
          });
          continue;
        }
        executor = { ...executor, [name === 'executor' ? 'name' : name]: v.str };
        continue;
      }
      if (a.name === 'files_max_size' && b.type === 'kiln') {
        const v = evaluateInto(a.expr, scope, diags);
        if (!v.isKnown) continue;
        if (v.type.kind !== 'string' || parseSize(v.str) === undefined) {
          diags.push({
            severity: 'error',
            summary: 'Invalid value for kiln block argument',
            detail:
              '"files_max_size" must be a size such as "16MiB" or "500KB" ("0": no files come back from the pods), as KILN_KUBERNETES_FILES_MAX_SIZE.',
            range: a.expr.range,
          });
          continue;
        }
        executor = { ...executor, filesMaxSize: v.str };
        continue;
      }
      // Kiln's own defaults live in kiln {} only: a packer {} block stays what Packer accepts.
      if (a.name === 'cache' && b.type === 'kiln') {
        const v = evaluateInto(a.expr, scope, diags);
        if (!v.isKnown) continue;
        if (v.type.kind !== 'bool') {
          diags.push({
            severity: 'error',
            summary: 'Incorrect attribute value type',
            detail:
              'Inappropriate value for attribute "cache": bool required (true turns the step cache on, as kiln build -cache).',
            range: a.expr.range,
          });
          continue;
        }
        cache = v.bool;
        continue;
      }
      if (a.name !== 'required_version') {
        diags.push({
          severity: 'error',
          summary: 'Unsupported argument',
          detail: `An argument named "${a.name}" is not expected in a ${b.type} block.`,
          range: a.nameRange,
        });
        continue;
      }
      const v = evaluateInto(a.expr, scope, diags);
      if (!v.isKnown || v.type.kind !== 'string') continue;
      requiredVersion = v.str;
      if (!satisfiesConstraint(version, v.str))
        diags.push({
          severity: 'error',
          summary: 'Unsupported Packer Core version',
          detail: `This configuration does not support version ${version} of the template language: it requires ${v.str}.`,
          range: a.expr.range,
        });
    }
    for (const rp of b.body.blocks) {
      if (rp.type === 'placement' && b.type === 'kiln') {
        const placement = readPlacement(rp, scope, diags);
        if (placement) executor = { ...executor, placements: [...(executor?.placements ?? []), placement] };
        continue;
      }
      if (rp.type !== 'required_plugins') {
        diags.push({
          severity: 'error',
          summary: 'Unsupported block type',
          detail: `Blocks of type "${rp.type}" are not expected in a ${b.type} block.`,
          range: rp.typeRange,
        });
        continue;
      }
      for (const a of rp.body.attributes) {
        const v = evaluateInto(a.expr, scope, diags);
        const js = v.isKnown
          ? (toJs(v, { unknownAs: () => undefined }) as Record<string, unknown> | null)
          : null;
        if (!js || typeof js !== 'object' || typeof js.source !== 'string') {
          diags.push({
            severity: 'error',
            summary: 'Invalid required_plugins entry',
            detail: `"${a.name}" must be an object like { source = "github.com/hashicorp/docker", version = ">= 1.0.0" }.`,
            range: a.expr.range,
          });
          continue;
        }
        if (!('version' in js)) {
          diags.push({
            severity: 'error',
            summary: 'No version constraint was set',
            detail:
              'The version field must be specified as a string. Ex: `version = ">= 1.2.0, < 2.0.0"`. See https://developer.hashicorp.com/packer/docs/templates/hcl_templates/blocks/packer#version-constraints for docs.',
            range: a.expr.range,
          });
          continue;
        }
        const problem = typeof js.version === 'string' ? constraintProblem(js.version) : { malformed: '' };
        if (problem) {
          diags.push({
            severity: 'error',
            summary: 'Invalid version constraint',
            detail:
              typeof js.version !== 'string'
                ? 'Version must be specified as a string. See https://developer.hashicorp.com/packer/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax for docs.'
                : problem.prerelease
                  ? `Unsupported prerelease for constraint "${js.version}"`
                  : `This string does not use correct version constraint syntax. See https://developer.hashicorp.com/packer/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax for docs.\nmalformed constraint: ${problem.malformed}`,
            range: a.expr.range,
          });
          continue;
        }
        plugins.push({
          name: a.name,
          source: js.source,
          version: typeof js.version === 'string' ? js.version : '',
          range: a.nameRange,
        });
      }
    }
  }
  return {
    ...(requiredVersion ? { requiredVersion } : {}),
    plugins,
    ...(cache !== undefined ? { cache } : {}),
    ...(executor ? { executor } : {}),
  };
}

const PLACEMENT_MAPS = { node_selector: 'nodeSelector', requests: 'requests', limits: 'limits' } as const;

/**
 * kiln { placement "<builds>" { node_selector = {...} requests = {...}
 * limits = {...} } }: maps of strings (numbers are written as strings, as
 * "cpu" = 2 means "2").
 */
function readPlacement(b: Block, scope: EvalScope, diags: TemplateDiagnostic[]): Placement | undefined {
  const labelProblem = labelCountProblem(b, ['pattern']);
  if (labelProblem) {
    diags.push(labelProblem);
    return undefined;
  }
  const placement: Placement = { pattern: b.labels[0]!.value };
  for (const a of b.body.attributes) {
    const field = PLACEMENT_MAPS[a.name as keyof typeof PLACEMENT_MAPS];
    if (!field) {
      diags.push({
        severity: 'error',
        summary: 'Unsupported argument',
        detail: `An argument named "${a.name}" is not expected in a placement block (node_selector, requests, limits).`,
        range: a.nameRange,
      });
      continue;
    }
    const v = evaluateInto(a.expr, scope, diags);
    if (!v.isKnown) continue;
    const js = toJs(v, { unknownAs: () => undefined });
    const entries = js && typeof js === 'object' && !Array.isArray(js) ? Object.entries(js) : undefined;
    if (!entries || entries.some(([, x]) => typeof x !== 'string' && typeof x !== 'number')) {
      diags.push({
        severity: 'error',
        summary: 'Incorrect attribute value type',
        detail: `Inappropriate value for attribute "${a.name}": a map of strings required (e.g. { cpu = "2", memory = "4Gi" }).`,
        range: a.expr.range,
      });
      continue;
    }
    placement[field] = Object.fromEntries(entries.map(([k, x]) => [k, String(x)]));
  }
  for (const nested of b.body.blocks)
    diags.push({
      severity: 'error',
      summary: 'Unsupported block type',
      detail: `Blocks of type "${nested.type}" are not expected in a placement block.`,
      range: nested.typeRange,
    });
  return placement;
}
