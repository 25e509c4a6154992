// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL source text, not JS templates
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { expressionShape } from './ast-shape.js';
import { initHclParser, parseHcl } from './parse.js';

/** [HCL expression source, expected shape]. */
const CASES: [string, string][] = [
  ['42', '42'],
  ['1.5e3', '1.5e3'],
  ['true', 'true'],
  ['null', 'null'],
  ['"plain"', '"plain"'],
  ['""', '""'],
  ['"a\\n\\t\\"\\\\\\u00e9"', '"a\\n\\t\\"\\\\é"'],
  ['"$${x} %%{y}"', '"${x} %{y}"'],
  ['"${x}"', 'wrap(x)'],
  ['"a${x}b"', '"a${x}b"'],
  ['"a ${~ x ~} b"', '"a${~x~}b"'],
  ['"%{if c}y%{else}n%{endif}"', '"%{if c}y%{else}n%{endif}"'],
  ['"%{ for k, v in m ~} ${k}%{ endfor }"', '"%{for k, v in m}${k}%{endfor}"'],
  ['<<EOT\nhello ${name}\nEOT', '<<EOT:"hello ${name}\\n"'],
  ['<<-EOT\n    a\n      b\n    EOT', '<<-EOT:"a\\n  b\\n"'],
  // Strip markers and <<- act on HCL's per-line literal tokens (results checked with packer console).
  [
    '<<-EOT\n    %{ if true ~}\n    yes\n    %{~ endif }\n    EOT',
    '<<-EOT:"    %{if true}    yes\\n%{endif}\\n"',
  ],
  [
    '<<EOT\n  %{~ if true ~}\n  yes\n  %{~ endif ~}\n  done\nEOT',
    '<<EOT:"%{if true}  yes\\n%{endif}  done\\n"',
  ],
  ['<<-EOT\n    x\n${"y"}\n    EOT', '<<-EOT:"    x\\n${"y"}\\n"'],
  ['<<-EOT\n      a\n\n    b\n    EOT', '<<-EOT:"  a\\n\\nb\\n"'],
  [
    '<<-EOT\n    line1\n\n      indented\n\ttabbed\n    EOT',
    '<<-EOT:"   line1\\n\\n     indented\\ntabbed\\n"',
  ],
  ['"${~ "v"}"', 'wrap("v")'],
  ['var.x', 'var.x'],
  ['local.y', 'local.y'],
  ['source.docker.ubuntu', 'source.docker.ubuntu'],
  ['path.root', 'path.root'],
  ['a.b[0].c', 'a.b[0].c'],
  ['a.0.b', 'a.0.b'],
  ['a.12.b', 'a.12.b'],
  ['x.*.3', 'splat.*(x; .3)'],
  ['a["k"]', 'a["k"]'],
  ['a[i]', 'index(a, i)'],
  ['a[i].b', 'getattr(index(a, i), b)'],
  ['f(x).y', 'getattr(f(x), y)'],
  ['x[*].id', 'splat[*](x; .id)'],
  ['x[*].a[0]', 'splat[*](x; .a[0])'],
  ['x.*.id', 'splat.*(x; .id)'],
  ['x.*.id[0]', 'index(splat.*(x; .id), 0)'],
  ['[1, "a", b]', '[1, "a", b]'],
  ['[\n  1,\n  2,\n]', '[1, 2]'],
  ['{a = 1, "b" : 2, (c) = 3}', '{a = 1, ("b") : 2, (paren(c)) = 3}'],
  ['{\n  a = 1\n  b = 2\n}', '{a = 1, b = 2}'],
  ['f()', 'f()'],
  ['f(a, b...)', 'f(a, b...)'],
  ['provider::ns::f(1)', 'provider::ns::f(1)'],
  ['!a', '(!a)'],
  ['-a', '(-a)'],
  ['-x[0]', '(-x[0])'],
  ['1 + 2 * 3', '(1 + (2 * 3))'],
  ['1 - 2 - 3', '((1 - 2) - 3)'],
  ['a * b % c', '((a * b) % c)'],
  ['a < b == c > d', '((a < b) == (c > d))'],
  ['a || b && c', '(a || (b && c))'],
  ['!a && b', '((!a) && b)'],
  ['a == "" && b != ""', '((a == "") && (b != ""))'],
  ['(1 + 2) * 3', '(paren((1 + 2)) * 3)'],
  ['a ? b : c', '(a ? b : c)'],
  ['a || b ? 1 + 2 : 3', '((a || b) ? (1 + 2) : 3)'],
  ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
  ['a ? b : c ? d : e ? f : g', '(a ? b : (c ? d : (e ? f : g)))'],
  ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
  ['a ? b : c ? d ? e : f : g', '(a ? b : (c ? (d ? e : f) : g))'],
  ['(a ? b : c) ? d : e', '(paren((a ? b : c)) ? d : e)'],
  ['a ? b : (c ? d : e)', '(a ? b : paren((c ? d : e)))'],
  ['!a ? -b : c || d ? e : f', '((!a) ? (-b) : ((c || d) ? e : f))'],
  ['[for v in xs : v]', '[for v in xs : v]'],
  ['[for k, v in xs : v if k > 0]', '[for k, v in xs : v if (k > 0)]'],
  ['{for k, v in m : k => v}', '{for k, v in m : k => v}'],
  ['{for k, v in m : v => k... if v != null}', '{for k, v in m : v => k... if (v != null)}'],
];

describe('expressions', () => {
  before(() => initHclParser());

  for (const [src, shape] of CASES) {
    it(src.replace(/\n/g, '⏎'), () => {
      const { body, diagnostics } = parseHcl(`x = ${src}\n`, 'e.pkr.hcl');
      assert.deepEqual(diagnostics, []);
      assert.equal(expressionShape(body.attributes[0].expr), shape);
    });
  }

  it('records ranges on nested expressions', () => {
    const { body } = parseHcl('x = f(a.b, 2)\n', 'e.pkr.hcl');
    const call = body.attributes[0].expr;
    assert.equal(call.kind, 'FunctionCall');
    if (call.kind !== 'FunctionCall') return;
    assert.deepEqual([call.range.start.column, call.range.end.column], [5, 14]);
    assert.deepEqual([call.args[0].range.start.column, call.args[0].range.end.column], [7, 10]);
    assert.deepEqual([call.nameRange.start.column, call.closeParenRange.start.column], [5, 13]);
  });
});
