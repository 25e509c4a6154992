import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { printable } from '../hcl/eval/console-format.js';
import { evaluate } from '../hcl/eval/evaluate.js';
import { parseExpression } from '../hcl/eval/parse-expression.js';
import { makeScope } from '../hcl/eval/scope.js';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { containsSensitive } from '../hcl/eval/value-marks.js';
import { initHclParser } from '../hcl/syntax/parse.js';
import { packerFunctions } from './index.js';

let dir = '';

function run(text: string, opts: { allowEnv?: boolean } = {}) {
  const fns = packerFunctions({ baseDir: dir, env: { KILN_TEST: 'yes' }, allowEnv: opts.allowEnv ?? false });
  const scope = makeScope(
    { var: Value.object({ secret: Value.string('s3cret').mark(), id: Value.unknown(T.string) }) },
    fns,
  );
  const p = parseExpression(text, 'f.pkr.hcl');
  assert.deepEqual(p.diagnostics, [], text);
  return evaluate(p.expr, scope);
}

function show(text: string, opts: { allowEnv?: boolean } = {}): string {
  const r = run(text, opts);
  assert.deepEqual(
    r.diagnostics.map((d) => d.detail),
    [],
    text,
  );
  return printable(r.value).replace(/\s*\n\s*/g, ' ');
}

before(async () => {
  await initHclParser();
  dir = mkdtempSync(join(tmpdir(), 'kiln-fn-'));
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  writeFileSync(join(dir, 'greet.tpl'), 'Hi ${name}!%{ for x in items }\n- ${upper(x)}%{ endfor }');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'a.sh'), '');
  writeFileSync(join(dir, 'sub', 'b.txt'), '');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('functions', () => {
  const cases: [string, string][] = [
    ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 23:12 UTC'],
    ['formatdate("H:mm AA \'o\'\'clock\' h", "2018-01-02T13:05:01+02:00")', "1:05 PM o'clock 13"],
    ['timeadd("2017-11-22T00:00:00Z", "-1.5h")', '2017-11-21T22:30:00Z'],
    ['length(legacy_isotime("2006-01-02"))', '10'],
    ['length(legacy_strftime("%Y-%m-%d %H:%M"))', '16'],
    ['length(uuidv4())', '36'],
    ['can(regex("^\\\\d{4}-", timestamp()))', 'true'],
    ['env("KILN_TEST")', 'yes'],
    ['file("hello.txt")', 'hello '],
    ['fileexists("hello.txt")', 'true'],
    ['fileexists("nope.txt")', 'false'],
    ['fileset(".", "sub/*.sh")', '[ "sub/a.sh", ]'],
    ['basename("/a/b/c.txt")', 'c.txt'],
    ['dirname("/a/b/c.txt")', '/a/b'],
    ['templatefile("greet.tpl", {name = "kiln", items = ["a", "b"]})', 'Hi kiln! - A - B'],
    ['regex("(?i)^HEL", "hello")', 'hel'],
    ['regexall("(\\\\w)(\\\\d)", "a1 b2")', '[ [ "a", "1", ], [ "b", "2", ], ]'],
    ['regex_replace("a-b-c", "-(.)", "+$1")', 'a+b+c'],
    ['regex_replace("2020-01", "(?P<y>\\\\d+)-(?P<m>\\\\d+)", "$${m}/$y")', '01/2020'],
    ['regex("\\\\pL+", "12éb3")', 'éb'],
    ['regex("\\\\p{Greek}+", "aαβ")', 'αβ'],
    ['regex("[[:digit:]]+", "ab12c")', '12'],
    ['regex("\\\\Qa.b\\\\E", "xa.by")', 'a.b'],
    ['regexall("(a)|(b)", "ab")', '[ [ "a", null, ], [ null, "b", ], ]'],
    ['startswith("kiln", "ki")', 'true'],
    ['endswith("kiln", "ln")', 'true'],
    ['strrev("añb")', 'bña'],
    ['trimsuffix("file.txt", "")', 'file.txt'],
    ['convert("1.5", number)', '1.5'],
    ['convert("true", bool)', 'true'],
    ['convert(convert(["b", "a"], set(string)), list(string))', '[ "a", "b", ]'],
    ['convert({a = 1}, object({a = string, b = optional(number)}))', '{ "a" = "1" }'],
    ['alltrue([true, true])', 'true'],
    ['anytrue([false, true])', 'true'],
    ['cidrsubnet("fd00::/56", 16, 162)', 'fd00::a200:0:0:0/72'],
    ['format("%[2]s %[1]s", "a", "b")', 'b a'],
    ['format("%#v", {a = 1})', '{"a":1}'],
    ['chunklist(["a", "b", "c"], 2)', '[ [ "a", "b", ], [ "c", ], ]'],
    ['sum([1, 2.5])', '3.5'],
    ['rfc3339_parse("2024-01-02T03:04:05+02:00").unix', '1704157445'],
    ['unix_timestamp_parse(0).rfc3339', '1970-01-01T00:00:00Z'],
    ['uuidv5("dns", "example.com")', 'cfbff0d1-9375-5685-968c-48ce8b15ae17'],
    ['textencodebase64("héllo", "UTF-16LE")', 'aADpAGwAbABvAA=='],
    ['textdecodebase64("6Q==", "latin1")', 'é'],
    ['substr(bcrypt("x", 4), 0, 7)', '$2a$04$'],
    ['upper("éß")', 'Éß'],
    ['regex_replace("aaa", "a*", "b")', 'b'],
    ['replace("abc", "", "-")', '-a-b-c-'],
    ['strcontains("kiln", "il")', 'true'],
    ['yamlencode({b = [1], a = "x"})', '"a": "x" "b": - 1 '],
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(show(text, { allowEnv: true }), want));

  it('env() is refused where Packer does not allow it', () => {
    const r = run('env("KILN_TEST")');
    assert.equal(r.diagnostics[0]?.summary, 'Error in function call');
    assert.match(r.diagnostics[0]?.detail ?? '', /only be used in the default value of a variable/);
  });
  it('secret-store functions name the service Kiln does not contact', () => {
    for (const text of [
      'vault("secret/x", "k")',
      'consul_key("k")',
      'aws_secretsmanager("n", "k")',
      'aws_secretsmanager_raw("n")',
    ]) {
      assert.match(
        run(text).diagnostics[0]?.detail ?? '',
        /(Vault|Consul|AWS Secrets Manager).* is not contacted by Kiln/,
        text,
      );
    }
  });
  it('reports failures with the function and argument', () => {
    assert.match(
      run('file("missing.txt")').diagnostics[0]?.detail ?? '',
      /no file exists at \S*\/missing\.txt/,
    );
    assert.match(run('regex("x", "abc")').diagnostics[0]?.detail ?? '', /did not match/);
    assert.equal(run('convert("abc", number)').diagnostics[0]?.summary, 'Invalid function argument');
    assert.match(run('lookup({a = 1}, "b")').diagnostics[0]?.detail ?? '', /expects 3 argument\(s\)/);
  });
  it('propagates unknown arguments as unknown results of the right type', () => {
    for (const text of ['upper(var.id)', 'format("%s", var.id)', 'sha256(var.id)', 'split(",", var.id)']) {
      const r = run(text);
      assert.deepEqual(r.diagnostics, [], text);
      assert.equal(r.value.isKnown, false, text);
    }
    assert.equal(show('length([var.id, "x"])'), '2');
    assert.equal(run('split(",", var.id)').value.type.kind, 'list');
    assert.equal(run('can(var.id)').value.isKnown, false);
  });
  it('propagates sensitive arguments to results', () => {
    for (const text of [
      'upper(var.secret)',
      'sha256(var.secret)',
      'join(",", [var.secret])',
      'jsonencode({p = var.secret})',
      'try(var.secret, "")',
      'convert(var.secret, string)',
    ]) {
      const r = run(text);
      assert.deepEqual(r.diagnostics, [], text);
      assert.ok(containsSensitive(r.value), text);
    }
  });
});
