// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL and legacy template text, not JS templates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigSchema } from '@kiln/plugin-sdk';
import { goLayoutToFormatdate } from './go-layout-to-formatdate.js';
import { upgradeTemplate } from './upgrade.js';

async function upgrade(template: object, schemas: Record<string, ConfigSchema> = {}) {
  const r = await upgradeTemplate({
    file: 't.json',
    text: JSON.stringify(template),
    pluginVersion: '>= 0.1.0',
    schemaFor: async (_kind, type) => schemas[type],
  });
  assert.deepEqual(r.diagnostics, []);
  return r;
}

describe('goLayoutToFormatdate', () => {
  it('translates the chunks formatdate can express, quoting literal letters', () => {
    assert.equal(goLayoutToFormatdate('2006-01-02T15:04:05Z07:00'), "YYYY-MM-DD'T'hh:mm:ssZ");
    assert.equal(goLayoutToFormatdate('Jan _2'), undefined);
    assert.equal(goLayoutToFormatdate('Monday, 2 January 06 3:4:5 PM MST'), 'EEEE, D MMMM YY H:m:s AA ZZZ');
    assert.equal(goLayoutToFormatdate("20060102 o'clock"), "YYYYMMDD' o''clock'");
    assert.equal(goLayoutToFormatdate('15:04:05.000'), undefined);
    assert.equal(goLayoutToFormatdate('-0700 -07:00'), 'ZZZZ ZZZZZ');
  });
});

describe('upgradeTemplate', () => {
  it('names sources after builds, made safe for references, and renames only/except/override', async () => {
    const { output } = await upgrade({
      builders: [{ type: 'null', name: 'my box', communicator: 'none' }, { type: 'null' }],
      provisioners: [
        { type: 'shell-local', inline: ['a'], only: ['my box'], override: { 'my box': { inline: ['b'] } } },
      ],
      'post-processors': [{ type: 'manifest', except: ['null'] }],
    });
    assert.match(output, /source "null" "my_box" \{/);
    assert.match(output, /source "null" "null" \{/);
    assert.match(output, /sources = \["source\.null\.my_box", "source\.null\.null"\]/);
    assert.match(output, /only\s+= \["null\.my_box"\]/);
    assert.match(output, /except = \["null\.null"\]/);
    assert.match(output, /my_box = \{/);
    assert.doesNotMatch(output, /packer \{/, 'no packer block without first-party plugins or a version');
  });

  it('keeps ${ and %{ literal, and plugin-time fields as written', async () => {
    const { output, warnings } = await upgrade({
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'shell-local', inline: ['echo ${HOME} %{x} {{ .Vars }} "q" \\ {{user `v`}}'] }],
    });
    assert.match(output, /"echo \$\$\{HOME\} %%\{x\} \{\{ \.Vars \}\} \\"q\\" \\\\ \$\{var\.v\}"/);
    assert.deepEqual(warnings, []);
  });

  it('declares variables only referenced (from a -var-file) as required, numbers as strings', async () => {
    const { output } = await upgrade({
      variables: { n: 3, b: true },
      builders: [{ type: 'null', communicator: 'none', x: '{{user `from_file`}}' }],
    });
    assert.match(output, /variable "n" \{\n\s+type\s+= string\n\s+default = "3"\n\}/);
    assert.match(output, /variable "b" \{\n\s+type\s+= string\n\s+default = "true"\n\}/);
    assert.match(output, /variable "from_file" \{\n\s+type = string\n\}/);
  });

  it('keeps calls without an HCL2 equivalent as written, with a comment and a warning', async () => {
    const { output, warnings } = await upgrade({
      variables: { s: 'a' },
      builders: [
        { type: 'null', communicator: 'none', x: '{{replace `a` `b` 1 (user `s`)}}', y: '{{sed `x`}}' },
      ],
    });
    assert.match(output, /x\s+= "\{\{replace `a` `b` 1 \(user `s`\)\}\}"/);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /^source "null" "null": \{\{replace/);
    assert.match(output, /^# \{\{sed `x`\}\} was kept as written: "sed" has no HCL2 equivalent$/m);
  });

  it('writes nested blocks where the schema has blocks, attributes where it has attributes', async () => {
    const schema: ConfigSchema = {
      attributes: { tags: { type: 'map(string)' }, matrix: { type: 'map(any)' } },
      blocks: {
        disk: { nesting: 'list', body: { attributes: { size: { type: 'number' } } } },
        filter: { nesting: 'single', body: { attributes: { owners: { type: 'list(string)' } } } },
      },
    };
    const { output } = await upgrade(
      {
        builders: [
          {
            type: 'thing',
            tags: { a: 'b' },
            matrix: { row: { x: 1 } },
            disk: [{ size: 1 }, { size: 2 }],
            filter: { owners: ['me'] },
            guessed: [{ k: 'v' }],
          },
        ],
      },
      { thing: schema },
    );
    assert.match(output, /tags = \{\n\s+a = "b"\n\s+\}/);
    assert.match(output, /matrix = \{\n\s+row = \{/);
    assert.match(output, /disk \{\n\s+size = 1\n\s+\}\n\s+disk \{\n\s+size = 2\n\s+\}/);
    assert.match(output, /filter \{\n\s+owners = \["me"\]\n\s+\}/);
    assert.match(output, /guessed \{\n\s+k = "v"\n\s+\}/);
  });

  it("writes required_plugins for every plugin Packer knows, Kiln-shipped ones at Kiln's version", async () => {
    const { output } = await upgrade({
      builders: [
        { type: 'virtualbox-iso' },
        { type: 'docker' },
        { type: 'vmware-vmx' },
        { type: 'parallels-iso' },
      ],
      provisioners: [{ type: 'ansible-local' }],
      'post-processors': [{ type: 'vagrant' }],
    });
    const block = output.slice(output.indexOf('required_plugins {'), output.indexOf('\n  }\n'));
    assert.deepEqual(
      [...block.matchAll(/(\w+) = \{\n\s+source\s+= "([^"]+)"\n\s+version = "([^"]+)"/g)].map((m) =>
        m.slice(1),
      ),
      [
        ['ansible', 'github.com/hashicorp/ansible', '>= 0.1.0'],
        ['docker', 'github.com/hashicorp/docker', '>= 0.1.0'],
        ['vagrant', 'github.com/hashicorp/vagrant', '~> 1'],
        ['virtualbox', 'github.com/hashicorp/virtualbox', '~> 1'],
        ['vmware', 'github.com/hashicorp/vmware', '~> 1'],
      ],
    );
  });

  it('writes a list where the schema wants one and the JSON template gives one value', async () => {
    const schema = {
      attributes: { tags: { type: 'list(string)', aliases: ['tag'] }, n: { type: 'string' } },
    };
    const { output } = await upgrade(
      {
        builders: [{ type: 'null', communicator: 'none' }],
        'post-processors': [{ type: 'thing', tag: 'v1', n: 'x' }],
      },
      { thing: schema as unknown as ConfigSchema },
    );
    assert.match(output, /tag += \["v1"\]/);
    assert.match(output, /n += "x"/);
  });

  it('reports JSON syntax errors with their place', async () => {
    const r = await upgradeTemplate({ file: 'bad.json', text: '{"builders": [}', pluginVersion: '>= 0' });
    assert.equal(r.output, '');
    assert.ok(r.diagnostics.length > 0);
    assert.equal(r.diagnostics[0]!.range?.filename, 'bad.json');
  });
});
