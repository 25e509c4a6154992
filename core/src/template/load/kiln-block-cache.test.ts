import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TemplateError } from '../../config/source-range.js';
import { loadConfig } from './load-config.js';
import { fixtureSchemas, noOptions } from './schemas-fixture.test.js';

const root = mkdtempSync(join(tmpdir(), 'kiln-block-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const load = async (block: string) => {
  const d = join(root, `c${n++}`);
  mkdirSync(d);
  const path = join(d, 't.pkr.hcl');
  writeFileSync(
    path,
    `${block}\nsource "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n`,
  );
  try {
    return { config: await loadConfig(path, noOptions(), fixtureSchemas), errors: [] as string[] };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { config: undefined, errors: e.diagnostics.map((d) => `${d.summary}: ${d.detail}`) };
  }
};

describe('kiln { cache }: the step cache default', () => {
  it('is read from a kiln block', async () => {
    assert.equal((await load('kiln {\n  cache = true\n}')).config?.cacheDefault, true);
    assert.equal((await load('kiln {\n  cache = false\n}')).config?.cacheDefault, false);
    assert.equal((await load('packer {}')).config?.cacheDefault, undefined);
  });

  it('is refused in a packer block, which stays what Packer accepts', async () => {
    const { errors } = await load('packer {\n  cache = true\n}');
    assert.deepEqual(errors, [
      'Unsupported argument: An argument named "cache" is not expected in a packer block.',
    ]);
  });

  it('must be a bool', async () => {
    const { errors } = await load('kiln {\n  cache = "yes please"\n}');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /Inappropriate value for attribute "cache": bool required/);
  });
});

describe('kiln { executor, namespace, image }: where builds run by default', () => {
  it('is read from a kiln block', async () => {
    const { config } = await load(
      'kiln {\n  executor  = "kubernetes"\n  namespace = "builds"\n  image     = "kiln:1"\n}',
    );
    assert.deepEqual(config?.executorDefault, { name: 'kubernetes', namespace: 'builds', image: 'kiln:1' });
    assert.equal((await load('kiln {}')).config?.executorDefault, undefined);
  });

  it('names the executors there are, and stays out of packer blocks', async () => {
    const bad = await load('kiln {\n  executor = "swarm"\n}');
    assert.deepEqual(bad.errors, [
      'Invalid value for kiln block argument: "executor" must be "local" or "kubernetes", as the -executor flag of kiln build.',
    ]);
    const packer = await load('packer {\n  executor = "kubernetes"\n}');
    assert.deepEqual(packer.errors, [
      'Unsupported argument: An argument named "executor" is not expected in a packer block.',
    ]);
  });
});

describe('kiln { placement "<builds>" {} }: where builds run on a cluster', () => {
  it('reads node selectors, requests and limits as maps of strings, in order', async () => {
    const { config } = await load(
      'kiln {\n  placement "qemu.*" {\n    node_selector = { "kiln/kvm" = "true" }\n    requests = { cpu = 2, memory = "4Gi" }\n  }\n  placement "qemu.big" {\n    limits = { memory = "8Gi" }\n  }\n}',
    );
    assert.deepEqual(config?.executorDefault?.placements, [
      { pattern: 'qemu.*', nodeSelector: { 'kiln/kvm': 'true' }, requests: { cpu: '2', memory: '4Gi' } },
      { pattern: 'qemu.big', limits: { memory: '8Gi' } },
    ]);
  });

  it('names what is wrong: a missing pattern, an unknown argument, a value that is not a map', async () => {
    const { errors } = await load(
      'kiln {\n  placement {\n  }\n  placement "a" {\n    tolerations = []\n    requests = ["2"]\n  }\n}',
    );
    assert.deepEqual(errors, [
      'Missing pattern for placement: All placement blocks must have 1 labels (pattern).',
      'Unsupported argument: An argument named "tolerations" is not expected in a placement block (node_selector, requests, limits).',
      'Incorrect attribute value type: Inappropriate value for attribute "requests": a map of strings required (e.g. { cpu = "2", memory = "4Gi" }).',
    ]);
  });
});

describe('a *.kiln.hcl file beside the configuration', () => {
  const dirWith = (files: Record<string, string>) => {
    const d = join(root, `k${n++}`);
    mkdirSync(d);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  };
  const tpl = 'source "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n';

  it('holds the kiln block, so the .pkr.hcl files stay what Packer reads', async () => {
    const d = dirWith({
      't.pkr.hcl': tpl,
      'settings.kiln.hcl': 'kiln {\n  cache = true\n  executor = "local"\n}\n',
    });
    const dirConfig = await loadConfig(d, noOptions(), fixtureSchemas);
    assert.equal(dirConfig.cacheDefault, true);
    assert.deepEqual(dirConfig.executorDefault, { name: 'local' });
    // A single-file template reads the .kiln.hcl files of its directory too.
    const fileConfig = await loadConfig(join(d, 't.pkr.hcl'), noOptions(), fixtureSchemas);
    assert.equal(fileConfig.cacheDefault, true);
  });

  it('refuses anything but kiln blocks in it, and is no configuration on its own', async () => {
    const d = dirWith({ 't.pkr.hcl': tpl, 'x.kiln.hcl': 'variable "v" {}\nkiln {}\n' });
    await assert.rejects(loadConfig(d, noOptions(), fixtureSchemas), (e: TemplateError) => {
      assert.equal(e.diagnostics[0]!.summary, 'Not a kiln block');
      assert.match(e.diagnostics[0]!.detail!, /a variable block belongs in a \.pkr\.hcl file/);
      return true;
    });
    const alone = dirWith({ 'x.kiln.hcl': 'kiln {}\n' });
    await assert.rejects(loadConfig(alone, noOptions(), fixtureSchemas), /No configuration files/);
  });
});

describe('kiln { files_max_size }: how much of the files a build writes in its pod comes back', () => {
  it('is a size', async () => {
    assert.deepEqual((await load('kiln {\n  files_max_size = "64MiB"\n}')).config?.executorDefault, {
      filesMaxSize: '64MiB',
    });
    const bad = await load('kiln {\n  files_max_size = "lots"\n}');
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!, /"files_max_size" must be a size such as "16MiB"/);
  });
});
