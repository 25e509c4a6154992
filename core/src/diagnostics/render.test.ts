import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsToJson } from './render-json.js';
import { renderDiagnostics } from './render-text.js';
import { SourceCache } from './source-cache.js';

const sources = new SourceCache();
sources.set('t.pkr.hcl', 'source "docker" "u" {\n  imgae = "x"\n}\n');
const diag = {
  severity: 'error' as const,
  summary: 'Unsupported argument "imgae"',
  detail: 'Did you mean "image"?',
  range: {
    filename: 't.pkr.hcl',
    start: { line: 2, column: 3, byte: 24 },
    end: { line: 2, column: 8, byte: 29 },
  },
};

describe('diagnostics rendering', () => {
  it('prints the summary, place, source line, caret and detail', () => {
    assert.equal(
      renderDiagnostics([diag], { sources }),
      'Error: Unsupported argument "imgae"\n\n  on t.pkr.hcl line 2:\n    2:   imgae = "x"\n         ^^^^^\n\nDid you mean "image"?\n\n',
    );
  });

  it('colours when asked, and never claims the source is unavailable', () => {
    const text = renderDiagnostics([{ ...diag, severity: 'warning' }], { sources, color: true });
    assert.ok(text.includes('\x1b[33m'));
    const gone = renderDiagnostics([
      { ...diag, range: { ...diag.range, filename: '/nonexistent/x.pkr.hcl' } },
    ]);
    assert.doesNotMatch(gone, /not available/);
    assert.match(gone, /on \/nonexistent\/x\.pkr\.hcl line 2:/);
  });

  it('has a JSON form with the snippet', () => {
    assert.deepEqual(diagnosticsToJson([diag], sources)[0]!.snippet, { line: 2, code: '  imgae = "x"' });
  });
});
