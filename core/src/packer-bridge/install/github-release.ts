import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import semver from 'semver';
import yauzl from 'yauzl';
import { satisfies, type VersionConstraint } from '../../install/constraint.js';
import { PluginInstallError } from '../../install/install-error.js';
import { describePackerPlugin } from '../describe.js';
import { PACKER_API_MAJOR, PACKER_API_MINOR } from '../handshake.js';
import { type BinaryInstall, installPackerBinary, parsePackerSource } from './install-binary.js';

/** Where `kiln init` finds a Packer plugin's releases, and with what token. */
export interface GithubEndpoints {
  /** GitHub's API (tags of the plugin's repository). */
  api: string;
  /** Where release assets are downloaded from. */
  downloads: string;
  /** PACKER_GITHUB_API_TOKEN, sent to the API only, as Packer does. */
  token?: string;
}

/**
 * GitHub's addresses, or the ones KILN_GITHUB_API_URL and
 * KILN_GITHUB_DOWNLOAD_URL name (a GitHub Enterprise, a mirror, a test
 * server).
 */
export function githubEndpoints(env: NodeJS.ProcessEnv = process.env): GithubEndpoints {
  return {
    api: (env.KILN_GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    downloads: (env.KILN_GITHUB_DOWNLOAD_URL ?? 'https://github.com').replace(/\/$/, ''),
    ...(env.PACKER_GITHUB_API_TOKEN ? { token: env.PACKER_GITHUB_API_TOKEN } : {}),
  };
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

async function get(url: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'user-agent': 'kiln' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(url, { headers, redirect: 'follow' });
  } catch (e) {
    throw new PluginInstallError(`cannot reach ${new URL(url).origin}: ${(e as Error).message}`);
  }
}

/** The release versions of a plugin's repository, from its tags (newest first). */
async function releaseVersions(gh: GithubEndpoints, repo: string): Promise<string[]> {
  const url = `${gh.api}/repos/${repo}/git/matching-refs/tags`;
  const r = await get(url, gh.token);
  if (r.status === 401 || r.status === 403)
    throw new PluginInstallError(
      `GitHub refused to list the releases of ${repo} (${r.status}${r.status === 403 ? ': rate limited?' : ''}); set PACKER_GITHUB_API_TOKEN to a GitHub token`,
    );
  if (r.status === 404) throw new PluginInstallError(`no repository ${repo} on GitHub (${url})`);
  if (!r.ok) throw new PluginInstallError(`listing the releases of ${repo} failed: HTTP ${r.status}`);
  const refs = (await r.json()) as { ref?: string }[];
  return refs
    .map((x) => String(x.ref ?? '').replace(/^refs\/tags\/v?/, ''))
    .filter((v) => semver.valid(v) === v)
    .sort(semver.rcompare);
}

/** Reads `packer-plugin-NAME_vVERSION_SHA256SUMS`: file name -> hex checksum. */
function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length === 2) sums.set(parts[1]!.replace(/^\*/, ''), parts[0]!.toLowerCase());
  }
  return sums;
}

/** Extracts one entry of a zip file to `dest`. */
function extract(zipPath: string, entryName: string, dest: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open the zip file'));
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('cannot read the zip entry'));
          pipeline(stream, createWriteStream(dest, { mode: 0o755 })).then(() => zip.close(), reject);
        });
      });
      zip.on('close', () => resolve(found));
      zip.on('end', () => {
        if (!found) zip.close();
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** What {@link installFromGithub} installed. */
export interface GithubInstall extends BinaryInstall {
  /** `sha256:HEX` of the installed binary (recorded in the lock file). */
  integrity: string;
}

/**
 * Installs a Packer plugin from its GitHub releases, as `packer init` does:
 * the newest tag of `github.com/OWNER/packer-plugin-NAME` that satisfies the
 * constraint (or exactly `exact`) whose SHA256SUMS lists a zip for this OS,
 * architecture and API x5.0; the zip's checksum verified against it, and
 * the binary against `integrity` when the lock file records one.
 */
export async function installFromGithub(
  source: string,
  constraint: VersionConstraint,
  opts: { exact?: string; integrity?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<GithubInstall> {
  const env = opts.env ?? process.env;
  const { host, namespace, name } = parsePackerSource(source);
  if (host !== 'github.com')
    throw new PluginInstallError(
      `only github.com sources can be fetched as Packer plugin releases (got ${host})`,
    );
  const gh = githubEndpoints(env);
  const repo = `${namespace}/packer-plugin-${name}`;
  const versions = opts.exact
    ? [opts.exact]
    : (await releaseVersions(gh, repo)).filter((v) => satisfies(v, constraint));
  if (versions.length === 0)
    throw new PluginInstallError(`no release of ${repo} satisfies "${constraint.packer || 'any version'}"`);
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  const skipped: string[] = [];
  for (const v of versions) {
    const base = `${gh.downloads}/${repo}/releases/download/v${v}`;
    const sumsRes = await get(`${base}/packer-plugin-${name}_v${v}_SHA256SUMS`);
    if (!sumsRes.ok) {
      skipped.push(`v${v}: no SHA256SUMS (HTTP ${sumsRes.status})`);
      continue;
    }
    const sums = parseSums(await sumsRes.text());
    const zipName = [...sums.keys()].find((f) => {
      const m = new RegExp(
        `^packer-plugin-${name}_v${v.replace(/\./g, '\\.')}_x(\\d+)\\.(\\d+)_${os}_${arch}\\.zip$`,
      ).exec(f);
      return m && Number(m[1]) === PACKER_API_MAJOR && Number(m[2]) <= PACKER_API_MINOR;
    });
    if (!zipName) {
      skipped.push(
        `v${v}: no build for ${os}_${arch} with plugin API x${PACKER_API_MAJOR}.${PACKER_API_MINOR}`,
      );
      continue;
    }
    const work = mkdtempSync(join(tmpdir(), 'kiln-packer-init-'));
    try {
      const zipRes = await get(`${base}/${zipName}`);
      if (!zipRes.ok || !zipRes.body)
        throw new PluginInstallError(`downloading ${zipName} failed: HTTP ${zipRes.status}`);
      const zipData = Buffer.from(await zipRes.arrayBuffer());
      const sum = createHash('sha256').update(zipData).digest('hex');
      if (sum !== sums.get(zipName))
        throw new PluginInstallError(
          `${zipName} does not match its checksum in the release's SHA256SUMS (${sum}, expected ${sums.get(zipName)}); it was not installed`,
        );
      const zipPath = join(work, zipName);
      writeFileSync(zipPath, zipData);
      const binary = join(work, 'plugin');
      const entry = zipName.replace(/\.zip$/, os === 'windows' ? '.exe' : '');
      if (!(await extract(zipPath, entry, binary)))
        throw new PluginInstallError(`${zipName} holds no ${entry}`);
      const binarySum = createHash('sha256').update(readFileSync(binary)).digest('hex');
      if (opts.integrity && opts.integrity !== `sha256:${binarySum}`)
        throw new PluginInstallError(
          `${repo} v${v} holds a binary with sha256:${binarySum}, but the lock file records ${opts.integrity}; the release changed. Run \`kiln init -upgrade\` if you trust the new one.`,
        );
      const description = await describePackerPlugin(binary);
      if (description.version.replace(/^v/, '') !== v)
        throw new PluginInstallError(`the binary of ${repo} v${v} says it is version ${description.version}`);
      const out = installPackerBinary(binary, `${host}/${namespace}/${name}`, description, env);
      return { ...out, integrity: `sha256:${binarySum}` };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  throw new PluginInstallError(`no usable release of ${repo}: ${skipped.join('; ')}`);
}
