// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL source text, not JS templates
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { corpusDir, hclFiles } from '../syntax/corpus.test-data.js';
import { initHclParser, parseHcl } from '../syntax/parse.js';
import { formatHcl } from './format.js';

const PACKER = process.env.KILN_REFERENCE_PACKER ?? '/usr/bin/packer';

/** A body as plain data without positions, to check formatting kept the meaning. */
function meaning(body: ReturnType<typeof parseHcl>['body']): string {
  return JSON.stringify(body, (k, v) =>
    k === 'range' || k.endsWith('Range') || k === 'raw' ? undefined : v,
  );
}

/** Undo the layout: strip indentation and some spaces, keeping the file valid. */
function mess(text: string): string {
  return text
    .split('\n')
    .map((l) =>
      l
        .replace(/^[ \t]+/, '')
        .replace(' = ', '=')
        .replace(/, /g, ','),
    )
    .join('\n');
}

/** [input, output as packer fmt writes it]. */
const CASES: [string, string][] = [
  ['a=1\nbbb  =   "x"\n', 'a   = 1\nbbb = "x"\n'],
  ['x {\ny = 1\n}\n', 'x {\n  y = 1\n}\n'],
  ['a = [1,2 ,3]\n', 'a = [1, 2, 3]\n'],
  ['a = {b=1,c=2}\n', 'a = { b = 1, c = 2 }\n'],
  ['a = {}\n', 'a = {}\n'],
  ['a = f( x , y... )\n', 'a = f(x, y...)\n'],
  ['a = 1+2*-3\n', 'a = 1 + 2 * -3\n'],
  ['a = x - -y\n', 'a = x - -y\n'],
  ['a = !x\n', 'a = !x\n'],
  ['a = x [ 0 ].y\n', 'a = x[0].y\n'],
  ['a = x[*].y\nb = x.*.y\n', 'a = x[*].y\nb = x.*.y\n'],
  ['a = x.12.y\n', 'a = x.12.y\n'],
  ['a = "${ upper( x ) }  kept  "\n', 'a = "${upper(x)}  kept  "\n'],
  ['a = "%{ if x ~}y%{ endif }"\n', 'a = "%{if x~}y%{endif}"\n'],
  ['a = [ for k,v in x: v if k>0 ]\n', 'a = [for k, v in x : v if k > 0]\n'],
  ['a = {for k,v in x: k=>v...}\n', 'a = { for k, v in x : k => v... }\n'],
  ['a = x ? 1:2\n', 'a = x ? 1 : 2\n'],
  ['a = 1 # one\nbb = 22 // two\n', 'a  = 1  # one\nbb = 22 // two\n'],
  ['a = <<EOT\n   ${ x }  raw\nEOT\nbb = 1\n', 'a  = <<EOT\n   ${x}  raw\nEOT\nbb = 1\n'],
  ['a = [\n1,\n2,\n]\n', 'a = [\n  1,\n  2,\n]\n'],
  ['x {\n\n\n  y = 1\n}\n', 'x {\n\n\n  y = 1\n}\n'],
  ['b "l" { c = 1 }\n', 'b "l" { c = 1 }\n'],
  ['a = 1   \n', 'a = 1\n'],
  [
    'locals {\na = templatefile("x.tpl", {\nb = <<-EOT\n    line ${ var.x }\n      more\n    EOT\nc=1\n})\nd = [<<EOT\nx\nEOT\n, "y"]\n}\nbuild {\nprovisioner "shell" {\ninline = [<<-EOF\n  echo ${ upper("a") }\n  EOF\n]\n}\n}\n',
    'locals {\n  a = templatefile("x.tpl", {\n    b = <<-EOT\n    line ${var.x}\n      more\n    EOT\n    c = 1\n  })\n  d = [<<EOT\nx\nEOT\n  , "y"]\n}\nbuild {\n  provisioner "shell" {\n    inline = [<<-EOF\n  echo ${upper("a")}\n  EOF\n    ]\n  }\n}\n',
  ],
  ['a = 1', 'a = 1'],
];

describe('formatHcl', () => {
  before(() => initHclParser());

  for (const [input, expected] of CASES) {
    it(JSON.stringify(input), () => {
      const r = formatHcl(input, 'f.pkr.hcl');
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.output, expected);
      assert.equal(r.changed, input !== expected);
      assert.equal(formatHcl(r.output, 'f.pkr.hcl').output, r.output, 'not idempotent');
    });
  }

  it('keeps the blanks at the end of a file without a final newline, as hclwrite', () => {
    assert.equal(formatHcl('a = 1\nb =   2   ', 't').output, 'a = 1\nb = 2   ');
    assert.equal(formatHcl('a = 1\n\n  \t', 't').output, 'a = 1\n\n   ');
    assert.equal(formatHcl('a = 1 \t\n', 't').output, 'a = 1\n');
  });

  it('does not indent by the interpolations of a heredoc that span lines', () => {
    const text = 'x = <<EOF\nhello ${\n  upper("a")\n} there\nEOF\n';
    assert.equal(formatHcl(text, 't').output, 'x = <<EOF\nhello ${\nupper("a")\n} there\nEOF\n');
  });

  it('counts columns in grapheme clusters when aligning, as hclwrite', () => {
    const text = 'a = "e\u0301" # x\nbb = 1 # y\nccc = "\u{1F1EB}\u{1F1F7}"\nd = 1\n';
    assert.equal(
      formatHcl(text, 't').output,
      'a   = "e\u0301" # x\nbb  = 1   # y\nccc = "\u{1F1EB}\u{1F1F7}"\nd   = 1\n',
    );
  });

  it('aligns only line comments: a /* */ comment ending a line stays one space after it', () => {
    const text = 'a = 1 /* x */\nbb = 2 # y\nccc = 3 // z\n';
    assert.equal(formatHcl(text, 't').output, 'a   = 1 /* x */\nbb  = 2 # y\nccc = 3 // z\n');
  });

  it('keeps CRLF line endings', () => {
    const r = formatHcl('a=1\r\nbb {\r\nc = "x" # k\r\n}\r\n', 'f.pkr.hcl');
    assert.equal(r.output, 'a = 1\r\nbb {\r\n  c = "x" # k\r\n}\r\n');
  });

  it('leaves a file with syntax errors alone and says why', () => {
    const r = formatHcl('a = 1 b = 2\n', 'bad.pkr.hcl');
    assert.equal(r.output, 'a = 1 b = 2\n');
    assert.equal(r.changed, false);
    assert.equal(r.diagnostics[0].summary, 'Missing newline after argument');
  });

  it('keeps every corpus file parseable, meaning-preserving and idempotent', (t) => {
    const corpus = corpusDir();
    if ('missing' in corpus) {
      t.skip(corpus.missing);
      return;
    }
    hclFiles(corpus.dir).forEach((f, i) => {
      const original = readFileSync(f, 'utf8');
      for (const input of i % 4 === 0 ? [original, mess(original)] : [original]) {
        const once = formatHcl(input, f);
        assert.deepEqual(once.diagnostics, [], f);
        const reparsed = parseHcl(once.output, f);
        assert.deepEqual(reparsed.diagnostics, [], `${f}: formatted output does not parse`);
        assert.equal(
          meaning(reparsed.body),
          meaning(parseHcl(input, f).body),
          `${f}: formatting changed the meaning`,
        );
        assert.equal(formatHcl(once.output, f).output, once.output, `${f}: not idempotent`);
      }
    });
  });

  it('writes what packer fmt writes', (t) => {
    const corpus = corpusDir();
    if (!existsSync(PACKER)) {
      t.skip(`reference packer not found at ${PACKER} (set KILN_REFERENCE_PACKER)`);
      return;
    }
    if ('missing' in corpus) {
      t.skip(corpus.missing);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'kiln-fmt-diff-'));
    try {
      const inputs = new Map<string, string>();
      hclFiles(corpus.dir)
        .filter((_, i) => i % 10 === 0)
        .forEach((f, i) => {
          const name = `f${i}-${basename(f)}`;
          const text = mess(readFileSync(f, 'utf8').replace(/!(?=[A-Za-z(])/g, '! '));
          inputs.set(name, text);
          writeFileSync(join(dir, name), text);
        });
      const run = spawnSync(PACKER, ['fmt', dir], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 0, `packer fmt failed: ${run.stderr}`);
      for (const [name, text] of inputs) {
        const theirs = readFileSync(join(dir, name), 'utf8').replace(/! /g, '!');
        assert.equal(formatHcl(text, name).output, theirs, name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
