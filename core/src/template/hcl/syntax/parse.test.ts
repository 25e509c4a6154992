import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { corpusDir, hclFiles } from './corpus.test-data.js';
import { initHclParser, parseHcl } from './parse.js';
import { SYNTAX_CASES } from './syntax-cases.test-data.js';

const where = (d: { range?: { start: { line: number; column: number } } }) =>
  d.range ? `${d.range.start.line}:${d.range.start.column}` : '';

describe('parseHcl', () => {
  before(() => initHclParser());

  it('parses every corpus file without diagnostics', (t) => {
    const corpus = corpusDir();
    if ('missing' in corpus) {
      t.skip(corpus.missing);
      return;
    }
    const files = hclFiles(corpus.dir);
    assert.ok(files.length > 0, `no .pkr.hcl files under ${corpus.dir}`);
    for (const f of files) {
      const { body, diagnostics } = parseHcl(readFileSync(f, 'utf8'), f);
      assert.deepEqual(
        diagnostics.map((d) => `${where(d)} ${d.summary}`),
        [],
        f,
      );
      assert.ok(body.items.length > 0, `${f}: empty body`);
    }
  });

  for (const c of SYNTAX_CASES) {
    it(`${c.valid ? 'accepts' : 'rejects'}: ${c.name}`, () => {
      const { diagnostics } = parseHcl(c.text, 'case.pkr.hcl');
      if (c.valid) {
        assert.deepEqual(diagnostics, []);
        return;
      }
      assert.ok(diagnostics.length > 0, 'expected a diagnostic');
      for (const d of diagnostics) {
        assert.equal(d.severity, 'error');
        assert.equal(d.range?.filename, 'case.pkr.hcl');
      }
      if (c.summary) assert.equal(diagnostics[0].summary, c.summary);
      if (c.at) assert.equal(where(diagnostics[0]), c.at);
    });
  }

  it('names both positions of a redefined attribute', () => {
    const { diagnostics } = parseHcl('a = 1\nb = 2\na = 3\n', 'f.pkr.hcl');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].summary, 'Attribute redefined');
    assert.match(diagnostics[0].detail ?? '', /already set at f\.pkr\.hcl:1,1-2/);
    assert.equal(where(diagnostics[0]), '3:1');
  });

  it('counts columns in characters and offsets in UTF-8 bytes', () => {
    const { body } = parseHcl('a = "é😀"\nb = 1\n', 'f.pkr.hcl');
    const a = body.attributes[0];
    assert.deepEqual(a.expr.range.end, { line: 1, column: 9, byte: 12 });
    assert.deepEqual(body.attributes[1].nameRange.start, { line: 2, column: 1, byte: 13 });
  });

  it('gives blocks their labels and brace ranges', () => {
    const { body, diagnostics } = parseHcl('source "docker" ubuntu {\n  image = "x"\n}\n', 'f.pkr.hcl');
    assert.deepEqual(diagnostics, []);
    const b = body.blocks[0];
    assert.equal(b.type, 'source');
    assert.deepEqual(
      b.labels.map((l) => [l.value, l.quoted, where({ range: l.range })]),
      [
        ['docker', true, '1:8'],
        ['ubuntu', false, '1:17'],
      ],
    );
    assert.equal(where({ range: b.openBraceRange }), '1:24');
    assert.equal(where({ range: b.closeBraceRange }), '3:1');
    assert.equal(b.body.attributes[0].name, 'image');
  });

  it('handles empty files, comments only, a byte-order mark and CRLF', () => {
    const empty = parseHcl('', 'f.pkr.hcl');
    assert.deepEqual([empty.body.items, empty.diagnostics], [[], []]);
    assert.deepEqual(parseHcl('# a\n// b\n/* c */\n', 'f.pkr.hcl').diagnostics, []);
    assert.equal(parseHcl('\ufeffa = 1\n', 'f.pkr.hcl').body.attributes[0].name, 'a');
    const crlf = parseHcl('a = 1\r\nb {\r\n  c = "x"\r\n}\r\n', 'f.pkr.hcl');
    assert.deepEqual(crlf.diagnostics, []);
    assert.equal(crlf.body.blocks[0].body.attributes[0].name, 'c');
  });

  it('reports absurd nesting instead of overflowing the stack', () => {
    const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { diagnostics } = parseHcl(deep, 'f.pkr.hcl');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].summary, 'Configuration nested too deeply');
  });

  it('throws a clear error before initHclParser', async () => {
    const fresh = await import(`./grammar.js?fresh=${Date.now()}`);
    assert.throws(() => fresh.hclParser(), /initHclParser/);
  });
});
