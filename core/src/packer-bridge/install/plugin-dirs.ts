import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pluginPath } from '../../install/plugin-path.js';

/**
 * Where Packer plugin binaries are found, in order: Kiln's own directory for
 * them (`$KILN_PLUGIN_PATH/packer`, where `kiln plugins install --path` and
 * `kiln init` put them), then Packer's: `$PACKER_PLUGIN_PATH`, else
 * `$PACKER_CONFIG_DIR/.packer.d/plugins`, `~/.packer.d/plugins` when that
 * exists, `$XDG_CONFIG_HOME/packer/plugins`, `~/.config/packer/plugins`.
 */
export function packerPluginDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [kilnPackerDir(env), packerOwnDir(env)];
}

/** Kiln's directory for Packer plugin binaries (Packer's layout inside). */
export function kilnPackerDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(pluginPath(env), 'packer');
}

/** Packer 1.16's plugin directory for this environment. */
export function packerOwnDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PACKER_PLUGIN_PATH) return env.PACKER_PLUGIN_PATH;
  if (env.PACKER_CONFIG_DIR) return join(env.PACKER_CONFIG_DIR, '.packer.d', 'plugins');
  const home = env.HOME ?? homedir();
  if (existsSync(join(home, '.packer.d'))) return join(home, '.packer.d', 'plugins');
  const config = env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(config, 'packer', 'plugins');
}

/** `packer-plugin-NAME_vVERSION_xAPI_OS_ARCH`, as Packer names installed binaries. */
const BINARY =
  /^packer-plugin-([A-Za-z0-9-]+)_v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)_x(\d+\.\d+)_([a-z0-9]+)_([a-z0-9]+)(\.exe)?$/;

/** What a binary's name and place say about it. */
export interface FoundBinary {
  /** Source address from its directory ("github.com/hashicorp/qemu"). */
  source: string;
  pluginName: string;
  version: string;
  apiVersion: string;
  path: string;
  /** The SHA-256 its _SHA256SUM file records. */
  sha256: string;
}

/** A binary found and not used, and why. */
export interface SkippedBinary {
  path: string;
  reason: string;
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/**
 * Lists the Packer plugin binaries for this OS and architecture under `dir`
 * (`HOST/NAMESPACE/NAME/packer-plugin-NAME_v..._SHA256SUM` layout). A binary
 * without its _SHA256SUM file is skipped, as Packer skips it; the checksum
 * itself is verified when the binary is used.
 */
export function listPackerBinaries(dir: string): { found: FoundBinary[]; skipped: SkippedBinary[] } {
  const found: FoundBinary[] = [];
  const skipped: SkippedBinary[] = [];
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  for (const file of walk(dir, 4)) {
    const base = file.slice(file.lastIndexOf(sep) + 1);
    if (base.endsWith('_SHA256SUM')) continue;
    const m = BINARY.exec(base);
    if (!m) continue;
    const [, name, version, api, fileOs, fileArch] = m;
    if (fileOs !== os || fileArch !== arch) continue;
    const parts = relative(dir, file).split(sep);
    if (parts.length !== 4 || parts[2] !== name) {
      skipped.push({ path: file, reason: 'not in a HOST/NAMESPACE/NAME directory named after the plugin' });
      continue;
    }
    let sha256: string;
    try {
      sha256 = readFileSync(`${file}_SHA256SUM`, 'utf8').trim().split(/\s+/)[0]!.toLowerCase();
    } catch {
      skipped.push({ path: file, reason: 'no _SHA256SUM file beside it (Packer ignores it too)' });
      continue;
    }
    found.push({
      source: parts.slice(0, 3).join('/'),
      pluginName: name!,
      version: version!,
      apiVersion: `x${api}`,
      path: file,
      sha256,
    });
  }
  return { found, skipped };
}

function walk(dir: string, depth: number): string[] {
  if (depth === 0 || !existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, depth - 1));
    else if (e.isFile() || (e.isSymbolicLink() && statSync(p, { throwIfNoEntry: false })?.isFile()))
      out.push(p);
  }
  return out;
}
