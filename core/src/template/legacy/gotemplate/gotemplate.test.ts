import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoTime } from '@kiln/plugin-sdk';
import { GoTemplateError, renderGoTemplate, renderTemplateFields } from './evaluate.js';
import { legacyFunctions } from './functions.js';

const t0 = new Date(Date.UTC(2024, 1, 3, 14, 5, 9, 120));
const ctx = {
  funcs: legacyFunctions({
    userVars: new Map([
      ['name', 'World'],
      ['csv', 'a,b,c'],
    ]),
    buildName: 'docker',
    buildType: 'docker',
    templateDir: '/tpl',
    pwd: '/cwd',
    initTime: t0,
    version: '1.11.2',
  }),
};
const r = (s: string) => renderGoTemplate(s, ctx);

describe('Go template interpolation', () => {
  it('calls functions with string and raw-string literals and pipes', () => {
    assert.equal(r('Hello {{user `name`}}!'), 'Hello World!');
    assert.equal(r('{{ user "name" | upper }}'), 'WORLD');
    assert.equal(r('{{ lower (user `name`) }}'), 'world');
    assert.equal(r('{{ split (user `csv`) "," 1 }}'), 'b');
    assert.equal(r('{{ replace "a" "x" 1 "banana" }}'), 'bxnana');
    assert.equal(r('{{ replace_all "a" "x" "banana" }}'), 'bxnxnx');
    assert.equal(r('{{ clean_resource_name "My Image:1.0" }}'), 'my-image-1-0');
    assert.equal(
      r('{{build_name}}/{{build_type}} {{template_dir}} {{pwd}} {{packer_version}}'),
      'docker/docker /tpl /cwd 1.11.2',
    );
  });

  it('formats time with Go layouts', () => {
    assert.equal(r('{{timestamp}}'), String(Math.floor(t0.getTime() / 1000)));
    assert.equal(r('{{isotime "2006-01-02"}}'), '2024-02-03');
    assert.equal(r('{{isotime}}'), '2024-02-03T14:05:09Z');
    assert.equal(formatGoTime(t0, 'Jan _2 15:04:05.000 PM Mon'), 'Feb  3 14:05:09.120 PM Sat');
    assert.match(r('{{uuid}}'), /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('trims whitespace with {{- and -}}', () => {
    assert.equal(r('a   {{- "b" -}}   c'), 'abc');
  });

  it('keeps fields and deferred functions for a later pass', () => {
    const s = 'http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{ build `ID` }}';
    assert.equal(renderGoTemplate(s, { ...ctx, deferred: new Set(['build']) }), s);
    assert.equal(
      renderTemplateFields('{{.Vars}} {{.Path}}', { Vars: 'A=1', Path: '/tmp/s.sh' }),
      'A=1 /tmp/s.sh',
    );
  });

  it('reports errors with the offset of the failing action', () => {
    const at = (s: string) => {
      try {
        r(s);
      } catch (e) {
        assert.ok(e instanceof GoTemplateError);
        return [e.offset, e.message];
      }
      assert.fail('expected an error');
    };
    assert.deepEqual(at('x {{ nope }}'), [5, 'function "nope" not defined']);
    assert.match(String(at('{{ sed "s/a/b/" "x" }}')[1]), /deprecated/);
    assert.match(String(at('{{ env `HOME` }}')[1]), /only|not allowed/);
    assert.deepEqual(at('ab {{ user `x`'), [3, 'unclosed action: missing "}}"']);
  });
});
