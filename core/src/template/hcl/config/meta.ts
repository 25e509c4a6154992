import { DurationError, parseGoDuration } from '@kiln/plugin-sdk';
import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import { ConversionError, convert } from '../eval/convert.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import type { EvalScope } from '../eval/scope.js';
import { T, type Type } from '../eval/types.js';
import type { Value } from '../eval/value.js';
import type { Body } from '../syntax/ast.js';

/**
 * Reads the meta-arguments of a build, provisioner or post-processor block
 * (name, only, timeout ...) as Packer decodes them: each value converted to
 * the argument's type with HCL's conversion rules (a number is a fine
 * `name`), a failed conversion reported as "Unsuitable value type".
 */
export class MetaReader {
  constructor(
    private readonly body: Body,
    private readonly scope: EvalScope,
    private readonly diags: TemplateDiagnostic[],
  ) {}

  /** The attribute converted to `type`; undefined when absent, null, unknown or unsuitable. */
  private value(name: string, type: Type): { v: Value; range: SourceRange } | undefined {
    const a = this.body.attributes.find((x) => x.name === name);
    if (!a) return undefined;
    const raw = evaluateInto(a.expr, this.scope, this.diags);
    try {
      const v = convert(raw, type);
      return v.isKnown && !v.isNull ? { v, range: a.expr.range } : undefined;
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      this.diags.push({
        severity: 'error',
        summary: 'Unsuitable value type',
        detail: `Unsuitable value: ${e.detail.replace(/\.$/, '')}`,
        range: a.expr.range,
      });
      return undefined;
    }
  }

  string(name: string): string | undefined {
    return this.value(name, T.string)?.v.str;
  }

  strings(name: string): string[] {
    const r = this.value(name, T.list(T.string));
    return r ? r.v.elems.filter((e) => e.isKnown && !e.isNull).map((e) => e.str) : [];
  }

  bool(name: string): boolean | undefined {
    return this.value(name, T.bool)?.v.bool;
  }

  /** A Go duration (pause_before, timeout), in milliseconds; 0 when absent or empty. */
  durationMs(name: string): number {
    const r = this.value(name, T.string);
    if (!r || r.v.str === '') return 0;
    try {
      return parseGoDuration(r.v.str);
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
      this.diags.push({
        severity: 'error',
        summary: `Failed to parse ${name} duration`,
        detail: e.message,
        range: r.range,
      });
      return 0;
    }
  }

  count(name: string): number {
    const r = this.value(name, T.number);
    if (!r) return 0;
    const n = r.v.num;
    if (Number.isInteger(n) && n >= 0) return n;
    this.diags.push({
      severity: 'error',
      summary: 'Unsuitable value type',
      detail: Number.isInteger(n)
        ? `Unsuitable value: ${name} must be 0 or more`
        : 'Unsuitable value: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
      range: r.range,
    });
    return 0;
  }

  object(name: string): Record<string, Record<string, unknown>> {
    const a = this.body.attributes.find((x) => x.name === name);
    if (!a) return {};
    const v = evaluateInto(a.expr, this.scope, this.diags);
    const js = v.isKnown ? toJs(v, { unknownAs: () => undefined }) : undefined;
    if (js === undefined || js === null) return {};
    if (typeof js === 'object' && !Array.isArray(js)) return js as Record<string, Record<string, unknown>>;
    this.diags.push({
      severity: 'error',
      summary: `Invalid value for "${name}"`,
      detail: `"${name}" must be an object keyed by source name.`,
      range: a.expr.range,
    });
    return {};
  }
}
