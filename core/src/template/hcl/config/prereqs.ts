import { type DataSourceExecutor, UNKNOWN_OUTPUT } from '../../../config/model.js';
import { type SourceRange, type TemplateDiagnostic, TemplateError } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { fromJs } from '../eval/js.js';
import { T } from '../eval/types.js';
import { Value } from '../eval/value.js';
import type { Expression } from '../syntax/ast.js';
import type { DataDecl } from './data-sources.js';
import { evaluateLocal, type LocalDecl } from './locals.js';
import { traversalsIn } from './references.js';
import { type ConfigScopeInput, configScope } from './scope.js';

/** What {@link evaluatePrereqs} works on. */
export interface PrereqInput {
  locals: LocalDecl[];
  data: DataDecl[];
  /** Receives the locals and data outputs as they are evaluated. */
  scope: ConfigScopeInput;
  sensitive: SensitiveValues;
  /** Syntax-only: errors in locals are dropped, data sources never run. */
  quiet: boolean;
  /** Partial loads (inspect, console): a local that fails is left out, so what uses it fails too. */
  drop?: boolean;
  execute?: DataSourceExecutor | undefined;
  /** Packer's -use-sequential-evaluation: data sources first (they cannot see locals), then locals. */
  sequential?: boolean | undefined;
}

type Node = { key: string; range: SourceRange; deps: string[] } & (
  | { kind: 'local'; decl: LocalDecl }
  | { kind: 'data'; decl: DataDecl }
);

/**
 * Evaluates locals and data sources in dependency order, as Packer 1.12+
 * does: a local may use a data source and a data source a local. A cycle is
 * an error at each block in it. Data sources run only with an executor; a
 * failed one stops the walk (what depends on it cannot be evaluated).
 */
export async function evaluatePrereqs(input: PrereqInput, diags: TemplateDiagnostic[]): Promise<void> {
  const nodes = new Map<string, Node>();
  for (const d of input.locals)
    nodes.set(`local.${d.name}`, {
      key: `local.${d.name}`,
      kind: 'local',
      decl: d,
      range: d.range,
      deps: [],
    });
  for (const d of input.data) {
    const key = `data.${d.config.type}.${d.config.name}`;
    nodes.set(key, {
      key,
      kind: 'data',
      decl: d,
      range: d.block.labels[1]?.range ?? d.config.range,
      deps: [],
    });
  }
  for (const n of nodes.values()) {
    const refs = n.kind === 'local' ? referencesOf(n.decl.expr) : referencesOf(n.decl.block.body);
    n.deps = [...new Set(refs)].filter(
      (r) => nodes.has(r) && !(input.sequential && n.kind === 'data' && r.startsWith('local.')),
    );
  }
  const sorted = sortNodes(nodes);
  const { cycles } = sorted;
  const order = input.sequential
    ? [...sorted.order.filter((n) => n.kind === 'data'), ...sorted.order.filter((n) => n.kind === 'local')]
    : sorted.order;
  for (const cycle of input.quiet ? [] : cycles) {
    const what = cycle.every((k) => k.startsWith('local.'))
      ? 'local values'
      : 'local values and data sources';
    for (const key of cycle) {
      const n = nodes.get(key)!;
      diags.push({
        severity: 'error',
        summary: `Cycle in ${what}`,
        detail: `${key} depends, directly or not, on itself: ${cycle.join(', ')}.`,
        range: n.range,
      });
    }
  }
  const locals = new Map<string, Value>();
  const scope = input.scope;
  for (const n of order) {
    if (n.kind === 'local') {
      scope.locals = locals;
      if (input.drop) {
        const own: TemplateDiagnostic[] = [];
        const v = evaluateLocal(n.decl, configScope(scope), input.sensitive, false, own);
        if (!own.some((d) => d.severity === 'error')) locals.set(n.decl.name, v);
        continue;
      }
      locals.set(n.decl.name, evaluateLocal(n.decl, configScope(scope), input.sensitive, input.quiet, diags));
      continue;
    }
    if (!input.execute || input.quiet) continue;
    try {
      const ds = n.decl.config;
      const output = await input.execute(ds, ds.evaluate());
      if (output) scope.data?.outputs.set(`${ds.type}.${ds.name}`, outputValue(output));
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      diags.push(...e.diagnostics);
      break;
    }
  }
  scope.locals = locals;
}

/** A data source's output as a value; attributes holding UNKNOWN_OUTPUT are unknown (configured, not run). */
function outputValue(output: Record<string, unknown>): Value {
  if (!Object.values(output).includes(UNKNOWN_OUTPUT)) return fromJs(output);
  return Value.object(
    Object.fromEntries(
      Object.entries(output).map(([k, v]) => [
        k,
        v === UNKNOWN_OUTPUT ? Value.unknown(T.dynamic) : fromJs(v),
      ]),
    ),
  );
}

/** `local.<name>` and `data.<type>.<name>` references anywhere in an expression or body. */
function referencesOf(x: Expression | object): string[] {
  const out: string[] = [];
  for (const t of traversalsIn(x as Expression)) {
    const [a, b] = t.steps;
    if (t.root === 'local' && a?.kind === 'attr') out.push(`local.${a.name}`);
    if (t.root === 'data' && a?.kind === 'attr' && b?.kind === 'attr') out.push(`data.${a.name}.${b.name}`);
  }
  return out;
}

/**
 * Dependencies before dependents, in declaration order where free (Tarjan's
 * strongly connected components, which come out in reverse topological
 * order); `cycles` lists each component of more than one node, or one node
 * that uses itself. Nodes in or after a cycle are left out of `order`.
 */
function sortNodes(nodes: Map<string, Node>): { order: Node[]; cycles: string[][] } {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order: Node[] = [];
  const cycles: string[][] = [];
  const broken = new Set<string>();
  let next = 0;
  const visit = (key: string): void => {
    index.set(key, next);
    low.set(key, next);
    next++;
    stack.push(key);
    onStack.add(key);
    const n = nodes.get(key)!;
    for (const d of n.deps) {
      if (!index.has(d)) {
        visit(d);
        low.set(key, Math.min(low.get(key)!, low.get(d)!));
      } else if (onStack.has(d)) low.set(key, Math.min(low.get(key)!, index.get(d)!));
    }
    if (low.get(key) !== index.get(key)) return;
    const scc: string[] = [];
    let k: string;
    do {
      k = stack.pop()!;
      onStack.delete(k);
      scc.unshift(k);
    } while (k !== key);
    if (scc.length > 1 || n.deps.includes(key)) {
      cycles.push(scc);
      for (const s of scc) broken.add(s);
    } else if (n.deps.some((d) => broken.has(d))) broken.add(key);
    else order.push(n);
  };
  for (const key of nodes.keys()) if (!index.has(key)) visit(key);
  return { order, cycles };
}
