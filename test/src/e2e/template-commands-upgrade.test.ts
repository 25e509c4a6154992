import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type BuildPlan,
  initHclParser,
  type LoadedConfig,
  loadConfig,
  parseHcl,
  provisionerConfig,
  WELL_KNOWN_SOURCES,
} from '@kiln/core';
import { packer116, requirePacker } from '../reference-packer.js';
import { kiln, kilnBin, withTemplate } from './cli-helpers.js';

// kiln hcl2_upgrade through the real binary: the HCL2 it writes validates,
// `kiln inspect` and `kiln console` show the same variables, sources and
// builds as for the JSON template, and the loaded build plans agree
// component by component. Packer 1.16 upgrades one seed to the same blocks,
// and writes the same required_plugins for the plugins it knows.
const fixtures = fileURLToPath(new URL('../../../test/fixtures/templates/', import.meta.url));
const packer = packer116;

/** JSON templates to upgrade, with the -var each needs. */
const TEMPLATES: [string, string[]][] = [
  ['seed-001-docker.json', []],
  ['seed-002-docker-vars.json', []],
  ['diff/ok-two-builders.json', []],
  ['upgrade/rich.json', ['-var', 'required_one=r']],
];

/** Upgrades `template` into a temporary directory holding a copy of it; removed after `fn`. */
async function withUpgrade(
  template: string,
  fn: (dir: string, json: string, hcl: string) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-upgrade-'));
  try {
    const json = join(dir, 'template.json');
    await copyFile(join(fixtures, template), json);
    const r = await kiln(['hcl2_upgrade', 'template.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Successfully created template.json.pkr.hcl\n');
    await fn(dir, json, join(dir, 'template.json.pkr.hcl'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Variable name -> value from `kiln console` "variables" (both languages), locals included. */
async function consoleVariables(file: string, dir: string, vars: string[]): Promise<Map<string, string>> {
  const out = spawnSync(process.execPath, [kilnBin, 'console', ...vars, file], {
    cwd: dir,
    input: 'variables\n',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(out.status, 0, out.stderr);
  const values = new Map<string, string>();
  for (const line of out.stdout.split('\n')) {
    const hcl = /^(?:var|local)\.([\w-]+): (".*")$/.exec(line);
    const json = /^([\w-]+): (.*),$/.exec(line);
    if (hcl) values.set(hcl[1]!, JSON.parse(hcl[2]!) as string);
    else if (json) values.set(json[1]!, json[2]!);
  }
  for (const [k, v] of values)
    values.set(k, v === '(sensitive value)' || v === '<sensitive>' ? 'SENSITIVE' : normalize(v));
  return values;
}

/** Time- and random-dependent parts replaced: legacy {{timestamp}} is Unix seconds, HCL2's local.timestamp digits of the date. */
function normalize(s: string): string {
  return s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\b\d{14}\b|\b\d{10}\b/g, 'TIMESTAMP')
    .replace(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/g, 'DATE');
}

function normalized(v: unknown): unknown {
  return unwrapSingles(JSON.parse(normalize(JSON.stringify(v))));
}

/**
 * One-element lists of a scalar as the scalar: where a schema wants a list, a
 * JSON template may give one value (the decoder wraps it) and the upgrade
 * writes the list; both decode to the same configuration.
 */
function unwrapSingles(v: unknown): unknown {
  if (Array.isArray(v))
    return v.length === 1 && (v[0] === null || typeof v[0] !== 'object') ? v[0] : v.map(unwrapSingles);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSingles(x)]));
  return v;
}

/** The HCL2 name of a legacy build: its source's type and name. */
const hclName = (b: BuildPlan) => `${b.sourceType}.${b.sourceName.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** What a build does, in comparable form: legacy build names mapped to HCL2 source names. */
function plan(config: LoadedConfig, legacy: boolean) {
  const rename = (names: string[]) =>
    names.map((n) => {
      const b = config.builds.find((x) => x.sourceName === n);
      return legacy && b ? hclName(b) : n;
    });
  return config.builds.map((b) => ({
    name: legacy ? hclName(b) : b.name,
    builder: normalized(b.builder.evaluate()),
    provisioners: b.provisioners.map((p) => ({
      type: p.type,
      only: rename(p.only),
      except: rename(p.except),
      timing: [p.pauseBeforeMs, p.maxRetries, p.timeoutMs],
      config: normalized(provisionerConfig(b, p, { ID: 'artifact-1' })),
    })),
    postProcessors: b.postProcessors.map((chain) =>
      chain.map((p) => ({
        type: p.type,
        name: p.displayName,
        keep: p.keepInputArtifact,
        config: normalized(p.evaluate({ ID: 'artifact-1' })),
      })),
    ),
  }));
}

describe('kiln hcl2_upgrade', () => {
  for (const [template, vars] of TEMPLATES) {
    it(`upgrades ${template} to HCL2 that validates and builds the same plan`, async () => {
      await withUpgrade(template, async (dir, json, hcl) => {
        const v = await kiln(['validate', ...vars, hcl], dir);
        assert.equal(v.code, 0, v.stderr);
        assert.equal(v.stdout, 'The configuration is valid.\n');

        const ji = await kiln(['inspect', ...vars, json], dir);
        const hi = await kiln(['inspect', ...vars, hcl], dir);
        assert.equal(ji.code, 0, ji.stderr);
        assert.equal(hi.code, 0, hi.stderr);
        const jsonConfig = await loadConfig(json, options(vars));
        const hclConfig = await loadConfig(hcl, options(vars));
        const builders = /Builders:\n\n((?: {2}.+\n)+)/.exec(ji.stdout)![1]!.trim().split('\n');
        assert.equal(builders.length, jsonConfig.builds.length);
        for (const b of jsonConfig.builds) assert.match(hi.stdout, new RegExp(`\\n {6}${hclName(b)}\\n`));
        const provs = /Provisioners:\n\n((?: {2}.+\n)+)/.exec(ji.stdout)?.[1]?.trim().split(/\n\s*/) ?? [];
        for (const p of provs) assert.match(hi.stdout, new RegExp(`\\n {6}${p}\\n`));

        const jsonVars = await consoleVariables(json, dir, vars);
        const hclVars = await consoleVariables(hcl, dir, vars);
        if (!jsonVars.has('timestamp')) hclVars.delete('timestamp');
        assert.deepEqual(hclVars, jsonVars, 'the same variables (and locals) with the same values');
        assert.deepEqual(plan(hclConfig, false), plan(jsonConfig, true));
        assert.equal(await readFile(hcl, 'utf8'), await reformatted(hcl), 'the output is formatted');
      });
    });
  }

  it('translates Go-template calls into HCL2 expressions', async () => {
    await withUpgrade('upgrade/rich.json', async (_dir, _json, hcl) => {
      const text = await readFile(hcl, 'utf8');
      for (const want of [
        /required_version = ">= 1\.5\.0"/,
        /docker = \{\n\s+source\s+= "github\.com\/hashicorp\/docker"/,
        /default = env\("HOME"\)/,
        /variable "secret" \{\n\s+type\s+= string\n\s+default\s+= "hunter2"\n\s+sensitive = true/,
        /variable "required_one" \{\n\s+type = string\n\}/,
        /tag_prefix = "v-\$\{var\.region\}"/,
        /local "hidden" \{\n\s+expression = "\$\{var\.secret\}-x"\n\s+sensitive\s+= true/,
        /timestamp\s+= regex_replace\(timestamp\(\), "\[- TZ:\]", ""\)/,
        /source "docker" "alpine-box" \{/,
        /image\s+= var\.image\n/,
        /"ENV BUILD=\$\{source\.name\} TYPE=\$\{source\.type\}"/,
        /"\{\{\.Image\}\}"/,
        /formatdate\("YYYY-MM-DD hh:mm", timestamp\(\)\)/,
        /legacy_isotime\("Z0700"\)/,
        /\$\{uuidv4\(\)\}; shell keeps \$\$\{HOME\} and %%\{x\}/,
        /"\$\{path\.root\}\/out\/\$\{local\.tag_prefix\}-\$\{var\.required_one\}\.txt"/,
        /\$\{upper\(var\.region\)\} \$\{lower\(var\.image\)\}/,
        /only\s+= \["docker\.alpine-box"\]/,
        /execute_command = "chmod \+x \{\{ \.Path \}\}; \{\{ \.Vars \}\} sudo -E sh '\{\{ \.Path \}\}'"/,
        /\$\{build\.ID\} in \$\{path\.cwd\}/,
        /override = \{\n\s+alpine-box = \{/,
        /post-processors \{\n\s+post-processor "docker-tag" \{/,
        /except\s+= \["docker\.alpine-box", "file\.notes"\]/,
        /post-processor "compress" \{\n\s+\}/,
      ])
        assert.match(text, want);
      assert.doesNotMatch(text, /\{\{\s*(user|timestamp|uuid|build_name|template_dir|pwd|isotime)/);
    });
  });

  it('writes -output-file, with annotations on request', async () => {
    await withUpgrade('seed-002-docker-vars.json', async (dir) => {
      const r = await kiln(
        ['hcl2_upgrade', '-with-annotations', '-output-file=out/main.pkr.hcl', 'template.json'],
        dir,
      );
      assert.equal(r.code, 0, r.stderr);
      const text = await readFile(join(dir, 'out', 'main.pkr.hcl'), 'utf8');
      assert.match(text, /^# /);
      assert.equal((await kiln(['validate', join(dir, 'out')], dir)).code, 0);
    });
  });

  it('reports a JSON syntax error at its place and refuses HCL2 input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-upgrade-'));
    try {
      await copyFile(join(fixtures, 'diff/bad-trailing-comma.json'), join(dir, 'bad.json'));
      const bad = await kiln(['hcl2_upgrade', 'bad.json'], dir);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /on bad\.json line \d+:\n/);
      assert.equal(existsSync(join(dir, 'bad.json.pkr.hcl')), false);
      const hcl = await kiln(['hcl2_upgrade', join(fixtures, 'seed-003-docker-ubuntu.pkr.hcl')], dir);
      assert.equal(hcl.code, 1);
      assert.match(hcl.stderr, /is not a legacy JSON template/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the required_plugins packer 1.16 hcl2_upgrade writes, for every plugin it knows', async () => {
    const template = {
      builders: [
        { type: 'virtualbox-iso', name: 'vb' },
        { type: 'vmware-vmx', name: 'vm' },
        { type: 'vsphere-iso', name: 'vs' },
        { type: 'azure-arm', name: 'az' },
        { type: 'googlecompute' },
        { type: 'qemu' },
        { type: 'amazon-ebs' },
        { type: 'docker', image: 'x', commit: true },
        { type: 'null', communicator: 'none' },
      ],
      provisioners: [
        { type: 'ansible-local', playbook_file: 'x.yml' },
        { type: 'shell', inline: ['x'] },
      ],
      'post-processors': [['vagrant', 'vagrant-cloud'], { type: 'docker-tag', repository: 'r' }],
    };
    await withTemplate({ 't.json': template }, async (dir) => {
      const p = spawnSync(requirePacker(packer), ['hcl2_upgrade', '-output-file=p.pkr.hcl', 't.json'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      });
      assert.ok(existsSync(join(dir, 'p.pkr.hcl')), p.stdout + p.stderr);
      const k = await kiln(['hcl2_upgrade', '-output-file=k.pkr.hcl', 't.json'], dir);
      assert.equal(k.code, 0, k.stderr);
      const plugins = async (file: string) => {
        const text = await readFile(join(dir, file), 'utf8');
        return [...text.matchAll(/(\w+) = \{\n\s+source\s+= "([^"]+)"\n\s+version = "([^"]+)"/g)].map(
          ([, name, source, version]) => ({ name, source, version }),
        );
      };
      const theirs = await plugins('p.pkr.hcl');
      assert.deepEqual(
        theirs.map((x) => x.name),
        [
          'amazon',
          'ansible',
          'azure',
          'docker',
          'googlecompute',
          'qemu',
          'vagrant',
          'virtualbox',
          'vmware',
          'vsphere',
        ],
      );
      // The plugins Kiln ships get Kiln's version line (a deliberate difference); the others Packer's.
      const shipped = new Set(Object.keys(WELL_KNOWN_SOURCES));
      assert.deepEqual(
        await plugins('k.pkr.hcl'),
        theirs.map((x) => (shipped.has(x.source) ? { ...x, version: '>= 0.1.0' } : x)),
      );
    });
  });

  it('writes the blocks packer 1.16 hcl2_upgrade writes', async () => {
    await withUpgrade('seed-002-docker-vars.json', async (dir, _json, hcl) => {
      const p = spawnSync(
        requirePacker(packer),
        ['hcl2_upgrade', '-output-file=packer.pkr.hcl', 'template.json'],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, CHECKPOINT_DISABLE: '1' },
        },
      );
      assert.equal(p.status, 0, p.stderr);
      await initHclParser();
      const ours = structure(parseHcl(await readFile(hcl, 'utf8'), hcl).body);
      const theirs = structure(parseHcl(await readFile(join(dir, 'packer.pkr.hcl'), 'utf8'), 'p').body);
      // Kiln adds required_plugins (as later Packers do) and writes the
      // timestamp local only when used; sources keep the build's name.
      const skip = (s: string) => !/^(packer|locals)\b/.test(s);
      assert.deepEqual(
        ours
          .filter(skip)
          .map((s) => s.replace(/^source "docker" "docker"/, 'source "docker" "autogenerated_1"')),
        theirs.filter(skip),
      );
    });
  });
});

type Body = ReturnType<typeof parseHcl>['body'];

/** Blocks with their labels and attribute names, nested, one string per block. */
function structure(body: Body, prefix = ''): string[] {
  const out: string[] = [];
  for (const b of body.blocks) {
    const head = `${prefix}${b.type}${b.labels.map((l) => ` "${l.value}"`).join('')}`;
    out.push(
      `${head} [${b.body.attributes
        .map((a) => a.name)
        .sort()
        .join(' ')}]`,
    );
    out.push(...structure(b.body, `${head} > `));
  }
  return out;
}

function options(vars: string[]) {
  const pairs: [string, string][] = [];
  for (let i = 0; i < vars.length; i += 2) {
    const [k, ...v] = vars[i + 1]!.split('=');
    pairs.push([k!, v.join('=')]);
  }
  return { vars: pairs, varFiles: [], only: [], except: [], env: process.env };
}

async function reformatted(file: string): Promise<string> {
  const { formatHcl } = await import('@kiln/core');
  await initHclParser();
  return formatHcl(await readFile(file, 'utf8'), file).output;
}
