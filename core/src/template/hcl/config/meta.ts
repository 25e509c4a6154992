import { parseDuration } from '@kiln/plugin-sdk';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import type { EvalScope } from '../eval/scope.js';
import type { Body } from '../syntax/ast.js';

/** Reads the meta-arguments of a provisioner or post-processor block (name, only, timeout ...). */
export class MetaReader {
  constructor(
    private readonly body: Body,
    private readonly scope: EvalScope,
    private readonly diags: TemplateDiagnostic[],
  ) {}

  private value(
    name: string,
  ): { v: unknown; range: import('../../../config/source-range.js').SourceRange } | undefined {
    const a = this.body.attributes.find((x) => x.name === name);
    if (!a) return undefined;
    const v = evaluateInto(a.expr, this.scope, this.diags);
    return { v: v.isKnown ? toJs(v, { unknownAs: () => undefined }) : undefined, range: a.expr.range };
  }

  private wrong(
    name: string,
    what: string,
    range: import('../../../config/source-range.js').SourceRange,
  ): void {
    this.diags.push({
      severity: 'error',
      summary: `Invalid value for "${name}"`,
      detail: `"${name}" must be ${what}.`,
      range,
    });
  }

  string(name: string): string | undefined {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return undefined;
    if (typeof r.v === 'string') return r.v;
    this.wrong(name, 'a string', r.range);
    return undefined;
  }

  strings(name: string): string[] {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return [];
    if (Array.isArray(r.v) && r.v.every((x) => typeof x === 'string')) return r.v as string[];
    this.wrong(name, 'a list of strings', r.range);
    return [];
  }

  bool(name: string): boolean | undefined {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return undefined;
    if (typeof r.v === 'boolean') return r.v;
    this.wrong(name, 'true or false', r.range);
    return undefined;
  }

  durationMs(name: string): number {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return 0;
    const ms = typeof r.v === 'string' ? parseDuration(r.v) : undefined;
    if (ms !== undefined) return ms;
    this.wrong(name, 'a duration such as "30s" or "5m"', r.range);
    return 0;
  }

  count(name: string): number {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return 0;
    const n = Number(r.v);
    if (Number.isInteger(n) && n >= 0) return n;
    this.wrong(name, 'a whole number', r.range);
    return 0;
  }

  object(name: string): Record<string, Record<string, unknown>> {
    const r = this.value(name);
    if (!r || r.v === undefined || r.v === null) return {};
    if (typeof r.v === 'object' && !Array.isArray(r.v)) return r.v as Record<string, Record<string, unknown>>;
    this.wrong(name, 'an object keyed by source name', r.range);
    return {};
  }
}
