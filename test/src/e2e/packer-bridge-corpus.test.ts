import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packer116, requirePacker } from '../reference-packer.js';
import { kiln } from './cli-helpers.js';

/**
 * The corpus configurations with qemu sources — bento's packer_templates with
 * each os_pkrvars file — validated in full (plugin Prepare included) with
 * `-only` limited to the qemu source, packer-plugin-qemu served through the
 * Packer plugin bridge, against Packer 1.16 validating with the same binary:
 * the same acceptance or rejection for each var file.
 *
 * Of the plugins bento requires, only packer-plugin-qemu can be built here
 * (the Go module proxy serves no other; see docs/plugins/packer-bridge.md),
 * and Packer refuses a configuration whose required plugins are missing. So
 * both tools validate a tree derived at run time in a temporary directory
 * (symbolic links to the corpus files; nothing is copied into the
 * repository), in which only what names an unavailable plugin differs:
 * `required_plugins` keeps qemu, the `host-info` data source is removed (its
 * one use, `try(data.host-info.this.os_type, "unknown")`, becomes the
 * "unknown" that try() gives when it fails), and so are the `windows-update`
 * provisioner and the `vagrant` and `utm-vagrant` post-processors. Both get
 * `-var sources_enabled=["source.qemu.vm"]` (Packer checks every source type
 * of a build, even with -only) and `-var iso_checksum=none` (the var files'
 * checksums are files on the internet, unreachable here).
 */
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const bento = join(corpus, 'bento');
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const plugin = process.env.KILN_PACKER_QEMU_PLUGIN ?? join(stateDir, 'packer-plugin-qemu');
const SOURCE = 'github.com/hashicorp/qemu';

function need(): void {
  assert.ok(existsSync(bento), `no template corpus at ${corpus} (see its README)`);
  assert.ok(existsSync(plugin), `${plugin} is missing: run \`bash test/env/up.sh packerqemu\``);
  // A binary whose generated spec names settings its SDK lacks is refused by Packer 1.16 for every HCL template.
  assert.match(
    readFileSync(`${plugin}.recipe`, 'utf8'),
    /spec regenerated/,
    `${plugin} predates its spec regeneration: run \`bash test/env/up.sh packerqemu\``,
  );
  requirePacker(packer116);
}

/** `text` without the block (or `NAME = { ... }` entry) that starts at `header`; fails when absent. */
function withoutBlock(text: string, header: string): string {
  const start = text.indexOf(header);
  assert.ok(start >= 0, `the corpus no longer has ${header}`);
  let depth = 0;
  for (let i = text.indexOf('{', start); i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(0, start) + text.slice(i + 1);
  }
  assert.fail(`unbalanced braces after ${header}`);
}

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the corpus no longer has ${from}`);
  return text.split(from).join(to);
}

/** The derived tree described above, under `root`; returns its packer_templates directory. */
function deriveBento(root: string): string {
  const src = join(bento, 'packer_templates');
  const dst = join(root, 'packer_templates');
  mkdirSync(dst);
  const derived: Record<string, (text: string) => string> = {
    'pkr-plugins.pkr.hcl': (t) =>
      ['host-info', 'hyperv', 'parallels', 'utm', 'vagrant', 'virtualbox', 'vmware', 'windows-update'].reduce(
        (acc, name) => withoutBlock(acc, `    ${name} = {`),
        t,
      ),
    'pkr-sources.pkr.hcl': (t) =>
      replaced(
        withoutBlock(t, 'data "host-info" "this" {'),
        'try(data.host-info.this.os_type, "unknown")',
        '"unknown"',
      ),
    'pkr-builder.pkr.hcl': (t) =>
      [
        'provisioner "windows-update" {',
        'post-processor "vagrant" {',
        'post-processor "utm-vagrant" {',
      ].reduce(withoutBlock, t),
  };
  for (const entry of readdirSync(src)) {
    const change = derived[entry];
    if (change) writeFileSync(join(dst, entry), change(readFileSync(join(src, entry), 'utf8')));
    else symlinkSync(join(src, entry), join(dst, entry));
  }
  symlinkSync(join(bento, 'os_pkrvars'), join(root, 'os_pkrvars'));
  return dst;
}

function varFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) varFiles(p, out);
    else if (p.endsWith('.pkrvars.hcl')) out.push(p);
  }
  return out;
}

/** What a validate run said: its verdict and, for messages, its output. */
interface Verdict {
  valid: boolean;
  output: string;
}

function verdict(code: number | null, stdout: string, stderr: string): Verdict {
  return { valid: code === 0, output: `${stdout}${stderr}`.replace(/\n{2,}/g, '\n').slice(0, 1500) };
}

describe('Packer plugin bridge: the corpus’s qemu configurations validate as under Packer 1.16', {
  timeout: 3_600_000,
}, () => {
  let root = '';
  let kilnPlugins = '';
  let packerPlugins = '';
  let templates = '';

  before(async () => {
    need();
    root = mkdtempSync(join(tmpdir(), 'kiln-bridge-corpus-'));
    kilnPlugins = join(root, 'kiln-plugins');
    packerPlugins = join(root, 'packer-plugins');
    mkdirSync(join(root, 'tree'));
    templates = deriveBento(join(root, 'tree'));
    const installed = await kiln(['plugins', 'install', '-path', plugin, SOURCE], root, {
      KILN_PLUGIN_PATH: kilnPlugins,
    });
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);
    const binary = join(kilnPlugins, 'packer', SOURCE, 'packer-plugin-qemu_v1.1.7_x5.0_linux_amd64');
    // The source locked to the Packer binary, as `kiln init` records one: Kiln's own npm qemu plugin, which
    // otherwise serves the type "qemu", is not used, so "qemu" is served by packer-plugin-qemu.
    const sum = readFileSync(`${binary}_SHA256SUM`, 'utf8').trim();
    writeFileSync(
      join(templates, 'kiln.lock.json'),
      JSON.stringify({
        version: 1,
        plugins: {
          [SOURCE]: {
            package: `packer:${SOURCE}`,
            version: '1.1.7',
            integrity: `sha256:${sum}`,
            constraint: '>= 1.1.0',
          },
        },
      }),
    );
    const p = spawnSync(packer116, ['plugins', 'install', '--path', plugin, SOURCE], {
      env: { ...process.env, PACKER_PLUGIN_PATH: packerPlugins, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
    });
    assert.equal(p.status, 0, p.stdout + p.stderr);
  });
  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the qemu source is served by packer-plugin-qemu through the bridge', async () => {
    const vf = join(root, 'tree', 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl');
    const r = await kiln(
      ['validate', '-only=qemu.vm', ...common(vf), 'packer_templates'],
      join(root, 'tree'),
      { KILN_PLUGIN_PATH: kilnPlugins, KILN_LOG: '1' },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // The plugin process's own log, prefixed with its type and kind.
    assert.match(r.stderr, /\[qemu-builder\] .*starting builder -packer-default-plugin-name-/);
  });

  it('each os_pkrvars file: kiln validate -only=qemu.vm accepts or rejects as packer validate does', async (t) => {
    const files = varFiles(join(root, 'tree', 'os_pkrvars'));
    assert.ok(files.length > 50, `${files.length} var files`);
    const kilnSaid: Record<string, boolean> = {};
    const packerSaid: Record<string, boolean> = {};
    const outputs: string[] = [];
    const notServed: string[] = [];
    const messages: string[] = [];
    const refusedWith: string[] = [];
    for (const vf of files) {
      const name = relative(join(root, 'tree'), vf);
      const args = ['validate', '-only=qemu.vm', ...common(vf), 'packer_templates'];
      const k = await kiln(args, join(root, 'tree'), { KILN_PLUGIN_PATH: kilnPlugins });
      const p: SpawnSyncReturns<string> = spawnSync(packer116, args, {
        cwd: join(root, 'tree'),
        env: { ...process.env, PACKER_PLUGIN_PATH: packerPlugins, CHECKPOINT_DISABLE: '1', PACKER_LOG: '' },
        encoding: 'utf8',
        timeout: 300_000,
      });
      const kv = verdict(k.code, k.stdout, k.stderr);
      const pv = verdict(p.status, p.stdout, p.stderr);
      const kilnErrors = k.stderr.split('\n').filter((l) => l.startsWith('Error: '));
      if (pv.valid && kilnErrors.length && kilnErrors.every((l) => WINDOWS_PROVISIONER.test(l))) {
        notServed.push(name);
        t.diagnostic(`${name}: valid under Packer; Kiln has no powershell or windows-restart provisioner`);
        continue;
      }
      kilnSaid[name] = kv.valid;
      packerSaid[name] = pv.valid;
      // Where both refuse, the plugin's own errors ("* ..." lines under Packer) are Kiln's errors too.
      if (!kv.valid && !pv.valid) {
        const items = `${p.stdout}${p.stderr}`.split('\n').filter((l) => l.startsWith('* '));
        const lost = items.filter((l) => !k.stderr.includes(`Error: ${l.slice(2)}`));
        if (lost.length)
          messages.push(`${name}: Kiln does not report ${JSON.stringify(lost)}:\n${kv.output}`);
        refusedWith.push(...items);
      }
      if (kv.valid !== pv.valid)
        outputs.push(`${name}:\n--- packer 1.16\n${pv.output}\n--- kiln\n${kv.output}`);
      t.diagnostic(`${name}: ${pv.valid ? 'valid' : 'invalid'} (both: ${kv.valid === pv.valid})`);
    }
    assert.deepEqual(kilnSaid, packerSaid, outputs.join('\n\n'));
    assert.deepEqual(messages, []);
    assert.ok(refusedWith.length > 0, 'no refusal came from the plugin');
    // The Windows var files, and only they, run the provisioners Kiln does not have.
    assert.deepEqual(
      notServed,
      files.map((f) => relative(join(root, 'tree'), f)).filter((f) => f.startsWith('os_pkrvars/windows/')),
    );
    // Both verdicts occur: the plugin's own checks ran (not only its configuration decoding).
    assert.ok(Object.values(packerSaid).filter((v) => v).length > 40);
    assert.ok(Object.values(packerSaid).some((v) => !v));
  });
});

/**
 * Packer's built-in powershell and windows-restart provisioners (Windows
 * guests over WinRM) are not in Kiln (docs/communicators.md): a var file
 * that runs them is refused by Kiln with these errors alone. A known gap,
 * checked as such, not a difference of the bridge.
 */
const WINDOWS_PROVISIONER = /^Error: Unknown provisioner type "(powershell|windows-restart)"$/;

function common(varFile: string): string[] {
  return ['-var', 'sources_enabled=["source.qemu.vm"]', '-var', 'iso_checksum=none', `-var-file=${varFile}`];
}
