import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** npm's configuration as kiln uses it: options for pacote / npm-registry-fetch. */
export interface NpmConfig {
  /** Flat options (registry, `@scope:registry`, `//host/:_authToken`, proxy, ca, strictSSL, ...). */
  options: Record<string, unknown>;
  /** The .npmrc files that were read, lowest precedence first. */
  files: string[];
  /** The user and project .npmrc text, concatenated (for an npm run as a child with --userconfig). */
  npmrcText: string;
  /** The registry URL a package is fetched from (scoped registry or the default). */
  registryFor(name: string): string;
}

/** Shown when no registry is configured (npm's built-in default is used). */
export const DEFAULT_REGISTRY_LABEL = 'the default npm registry';

type Raw = Record<string, string | boolean | string[]>;

/**
 * Reads npm's configuration the way npm does, lowest precedence first: the
 * global npmrc (`$PREFIX/etc/npmrc`), the user's (`~/.npmrc` or
 * `npm_config_userconfig`), the project's (`.npmrc` in `projectDir`), then
 * `npm_config_*` environment variables. `${VAR}` is expanded in keys and values.
 */
export function loadNpmConfig(projectDir: string, env: NodeJS.ProcessEnv = process.env): NpmConfig {
  const envCfg: Raw = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(k);
    if (m && v !== undefined) envCfg[m[1]!.toLowerCase().replace(/(?!^)_/g, '-')] = v;
  }
  const prefix = str(envCfg.prefix) ?? dirname(dirname(process.execPath));
  const globalFile = str(envCfg.globalconfig) ?? join(prefix, 'etc', 'npmrc');
  const userFile = str(envCfg.userconfig) ?? join(env.HOME ?? homedir(), '.npmrc');
  const projectFile = join(resolve(projectDir), '.npmrc');
  const raw: Raw = {};
  const files: string[] = [];
  let npmrcText = '';
  for (const file of [...new Set([globalFile, userFile, projectFile])]) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    Object.assign(raw, parseIni(text, env));
    files.push(file);
    if (file !== globalFile) npmrcText += `${text}\n`;
  }
  Object.assign(raw, envCfg);
  const options = flatten(raw, projectDir);
  return {
    options,
    files,
    npmrcText,
    registryFor(name: string): string {
      const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
      const r = (scope && str(options[`${scope}:registry`])) || str(options.registry);
      return r ?? DEFAULT_REGISTRY_LABEL;
    },
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Parses npmrc (ini) text: `key = value`, `key[] = value`, `;`/`#` comments. */
export function parseIni(text: string, env: NodeJS.ProcessEnv): Raw {
  const out: Raw = {};
  const expand = (s: string) =>
    s.replace(/(\\*)\$\{([^}?]+)(\?)?\}/g, (all, esc: string, name: string, opt?: string) => {
      if (esc.length % 2) return all.slice(1);
      const v = env[name];
      if (v === undefined && !opt) return all;
      return `${esc}${v ?? ''}`;
    });
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith(';') || t.startsWith('#') || t.startsWith('[')) continue;
    const eq = t.indexOf('=');
    let key = expand((eq < 0 ? t : t.slice(0, eq)).trim());
    let value: string | boolean = eq < 0 ? true : expand(unquote(t.slice(eq + 1).trim()));
    if (value === 'true') value = true;
    else if (value === 'false') value = false;
    if (key.endsWith('[]')) {
      key = key.slice(0, -2);
      const prev = out[key];
      out[key] = [...(Array.isArray(prev) ? prev : []), String(value)];
    } else out[key] = value;
  }
  return out;
}

function unquote(v: string): string {
  if (/^".*"$/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v.slice(1, -1);
    }
  }
  if (/^'.*'$/.test(v)) return v.slice(1, -1);
  return v;
}

const FLAT: Record<string, string> = {
  'https-proxy': 'httpsProxy',
  noproxy: 'noProxy',
  'no-proxy': 'noProxy',
  'strict-ssl': 'strictSSL',
  'fetch-timeout': 'timeout',
  'fetch-retries': 'fetchRetries',
  'fetch-retry-mintimeout': 'fetchRetryMintimeout',
  'fetch-retry-maxtimeout': 'fetchRetryMaxtimeout',
  'local-address': 'localAddress',
  'user-agent': 'userAgent',
  'prefer-offline': 'preferOffline',
  'prefer-online': 'preferOnline',
};

const NUMERIC = new Set(['timeout', 'fetchRetries', 'fetchRetryMintimeout', 'fetchRetryMaxtimeout']);

function flatten(raw: Raw, projectDir: string): Record<string, unknown> {
  const o: Record<string, unknown> = {
    fetchRetries: 1,
    fetchRetryMintimeout: 500,
    fetchRetryMaxtimeout: 2000,
    timeout: 30_000,
  };
  for (const [k, v] of Object.entries(raw)) {
    const key = FLAT[k] ?? k;
    o[key] = NUMERIC.has(key) && typeof v === 'string' ? Number(v) : v;
  }
  if (typeof raw.registry === 'string' && !raw.registry.endsWith('/')) o.registry = `${raw.registry}/`;
  const cafile = str(raw.cafile);
  if (cafile && o.ca === undefined) o.ca = readFileSync(resolve(projectDir, cafile), 'utf8');
  if (typeof raw.cache === 'string') o.cache = join(raw.cache, '_cacache');
  return o;
}
