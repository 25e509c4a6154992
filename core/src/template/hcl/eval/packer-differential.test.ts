// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL expression text, not JS templates
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { packerFunctions } from '../../functions/index.js';
import { packerConsoleValues } from '../../reference-packer.test-data.js';
import { initHclParser } from '../syntax/parse.js';
import { printable } from './console-format.js';
import { evaluate } from './evaluate.js';
import { parseExpression } from './parse-expression.js';
import { makeScope } from './scope.js';
import { Value } from './value.js';

/**
 * Expressions whose result `packer console` (1.16) and Kiln must print
 * identically. Left out: inexact numbers converted to strings (Packer prints
 * 1/3 with 512 bits of precision, Kiln with a double's 16 digits).
 */
const EXPRESSIONS = [
  '[1, 2, "a"]',
  '{b = 1, a = [true, null], c = {}}',
  '10 / 3',
  '[0.1 + 0.2, 0.3 / 0.1, 1 / 3 * 3, -5 % 3, 1.1 * 1.1, 2.5 % 1, 5 / 0]',
  '"${0.1 + 0.2} ${10 / 4}"',
  '0 / 0',
  '[1234567, 12345678901234567890, 0.000001, 1234567.5, -0.25]',
  '"a\\n\\"b\\" ${var.name}"',
  '["x\\ty", "é\\u0001"]',
  'upper("hello")',
  'lower("HeLLo")',
  'title("hello world-wide web")',
  'format("%v|%5d|%-5s|%05.2f|%x|%X|%o|%b|%e|%q|%t|%%", "v", 42, "ab", 3.14159, 255, 255, 8, 5, 1234.5678, "q", true)',
  'formatlist("%s=%d", ["a", "b"], [1, 2])',
  'join("-", ["a", "b"], ["c"])',
  'split(",", "a,,b")',
  'replace("hello world", "o", "0")',
  'replace("hello world", "/o(.)/", "<$1>")',
  'regex_replace("hello world", "o(.)", "<$1>")',
  'substr("hello world", 6, -1)',
  'trimspace("  x \\n")',
  'chomp("line\\n\\n")',
  'indent(2, "a\\nb\\nc")',
  'length({a = 1, b = 2})',
  'lookup({a = "x"}, "b", "dflt")',
  'merge({a = 1, b = 2}, {b = 3, c = 4})',
  'concat([1, 2], ["x"])',
  'contains(["a", "b"], "b")',
  'flatten([[1, [2, 3]], [], [4]])',
  'distinct(["a", "b", "a", "c"])',
  'compact(["a", "", "b"])',
  'element(["a", "b", "c"], 4)',
  'keys({z = 1, a = 2})',
  'values({z = 1, a = 2})',
  'zipmap(["a", "b"], [1, 2])',
  'range(1, 10, 3)',
  'range(3)',
  'range(0, 1, 0.1)',
  'slice(["a", "b", "c", "d"], 1, 3)',
  'sort(["b", "a", "10", "9"])',
  'reverse([1, 2, 3])',
  'setunion(["b", "a"], ["c", "a"])',
  'setintersection(["a", "b", "c"], ["b", "c", "d"])',
  'setproduct(["a", "b"], [1, 2])',
  'coalesce("", "b", "c")',
  'coalescelist([], ["x"])',
  'min(3, 1, 2)',
  'max(3, 1.5, 2)',
  'abs(-4.5)',
  'ceil(1.2)',
  'floor(-1.2)',
  'pow(2, 10)',
  'log(100, 10)',
  'parseint("ff", 16)',
  'signum(-7)',
  'jsonencode({a = [1, "<b>", true, null], b = {c = "d"}})',
  'jsondecode("{\\"a\\": [1, 2.5, \\"x\\", null, false]}")',
  'yamlencode({b = [1, {c = "x y", d = true}], a = "x", e = null, f = "1", g = "multi\\nline", h = {}, i = [[]]})',
  'yamlencode(["a", ["b", "c"], {}])',
  'jsonencode([1000000000000000000000, 0.5, "é", {"<k>" = "&"}])',
  'yamldecode("a: 1\\nb: [x, y]\\n")',
  'csvdecode("a,b\\n1,2\\n3,4\\n")',
  'base64encode("héllo")',
  'base64decode("aMOpbGxv")',
  'urlencode("a b&c=d/é")',
  'md5("kiln")',
  'sha1("kiln")',
  'sha256("kiln")',
  'sha512("kiln")',
  'cidrhost("10.12.112.0/20", 16)',
  'cidrnetmask("172.16.0.0/12")',
  'cidrsubnet("10.1.2.0/24", 4, 15)',
  'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
  'formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZZ h H AA", "2018-01-02T23:12:01-08:00")',
  'timeadd("2017-11-22T00:00:00Z", "1h30m")',
  '[for k, v in {a = 1, b = 2} : "${k}${v}" if v > 1]',
  '{for s in ["a", "bb", "cc"] : length(s) => s...}',
  '"%{for x in [1, 2, 3]}${x}%{if x < 3},%{endif}%{endfor}"',
  '[{a = 1}, {a = 2}][*].a',
  'true ? "yes" : "no"',
  '1 == "1"',
  'try(nope, "fallback")',
  'can(nope)',
  'nope',
  'upper(1, 2)',
  'upper([])',
  '1 + "x"',
  'nosuchfunction(1)',
  'format("%d", "x")',
  'format("%d", 1.5)',
  'format("%z", 1)',
  'format("%s")',
  'element([], 0)',
  '[1][2]',
  '{a = 1}.a.b',
  '{a = "x"}["b"]',
  '"x" == "x" && 1',
  'substr("abc", 5, 1)',
  'upper(null)',
];

function kilnConsole(text: string): string {
  const scope = makeScope(
    { var: Value.object({ name: Value.string('kiln') }) },
    packerFunctions({ baseDir: process.cwd() }),
  );
  const p = parseExpression(text, '<console-input>');
  const r = p.diagnostics.length
    ? { value: Value.unknown(), diagnostics: p.diagnostics.slice(0, 1) }
    : evaluate(p.expr, scope);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length)
    return errs
      .map((e) => {
        const values = e.values?.length ? `with ${e.values.join(',\n     ')}.\n` : '';
        return `Error: ${e.summary}\n${values}${e.detail ?? ''}`;
      })
      .join('\n');
  return printable(r.value);
}

/**
 * packer console prints each error as "Error: summary", a source block, maybe
 * the values the expression used ("with ..."), then the detail wrapped at 80
 * columns; keep summary, values and detail.
 */
function normalisePacker(out: string): string {
  if (!out.startsWith('Error: ')) return out;
  return out
    .split(/^(?=Error: )/m)
    .map((e) => {
      const paras = e.trim().split(/\n\n+/);
      const body = paras.slice(1).filter((p) => !p.startsWith('  on '));
      return `${paras[0]}\n${body.join('\n')}`;
    })
    .join('\n');
}

describe('differential: packer console 1.16', () => {
  let packer: string[] = [];
  before(async () => {
    await initHclParser();
    packer = await packerConsoleValues(
      { 'vars.pkr.hcl': 'variable "name" {\n  default = "kiln"\n}\n' },
      EXPRESSIONS,
    );
  });

  EXPRESSIONS.forEach((text, i) => {
    it(text, () => {
      const unwrap = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
      assert.equal(unwrap(kilnConsole(text)), unwrap(normalisePacker(packer[i]!)));
    });
  });
});
