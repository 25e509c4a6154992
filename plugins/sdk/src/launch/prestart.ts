import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  ENV_PLUGIN_DEBUG,
  ENV_PLUGIN_TOKEN,
  ENV_PROTOCOL_VERSIONS,
  ENV_REATTACH,
  ENV_SOCKET_DIR,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
} from '@kiln/proto/handshake';
import { hashString, kilnCacheDir } from '../bundle.js';
import { ownedTempPrefix } from './stale-temp.js';

/**
 * Plugins started before the command framework loads.
 *
 * A `kiln build` or `kiln validate` of a template starts the plugins its
 * components need, each a process of its own that takes about as long to
 * start as core itself. Core learns which ones only after it has loaded and
 * evaluated the template, so the two starts would run one after the other.
 * Instead, the kiln binary, before it loads anything else, reads which
 * plugins the last run of the same template launched (a hint in the user's
 * cache directory, prestart/) and starts them at once, the way
 * `launchPlugin` would; when core then launches a plugin that matches one
 * of them exactly (name, version, command, arguments, protocol versions,
 * socket parent), it takes that process over instead of spawning another.
 * A hint that no longer fits costs one idle process, killed (and its socket
 * directory removed) when kiln exits, however it exits; a plugin exits by
 * itself when kiln's end of its stdin closes. At exit, kiln writes what
 * this run launched as the next run's hint. KILN_PRESTART=0 turns it off.
 */

/** A plugin launch as a hint records it: what must match for a prestarted process to be taken over. */
export interface PrestartSpec {
  name: string;
  version?: string;
  command: string;
  args: string[];
  protocolVersions: number[];
  /** The parent of the plugin's socket directory. */
  socketParent: string;
}

/** A prestarted plugin process, as `launchPlugin` takes it over. */
export interface PrestartedPlugin {
  child: ChildProcessWithoutNullStreams;
  socketDir: string;
  token: string;
}

interface Waiting extends PrestartedPlugin {
  key: string;
  failed: boolean;
}

interface PrestartState {
  hintFile: string;
  read: string;
  waiting: Waiting[];
  launched: Map<string, PrestartSpec>;
}

const STATE = Symbol.for('kiln.plugin-prestart');
type Holder = { [STATE]?: PrestartState };

const keyOf = (s: PrestartSpec) =>
  JSON.stringify([s.name, s.version ?? '', s.command, s.args, s.protocolVersions, s.socketParent]);

/** The template a `build` or `validate` command line names, when there is one to start plugins for. */
export function prestartTemplate(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'validate') return undefined;
  if (env.KILN_PRESTART === '0' || env[ENV_REATTACH]) return undefined;
  if (rest.some((a) => /^--?(syntax-only|h|help)(=.*)?$/.test(a))) return undefined;
  const template = rest.at(-1);
  if (!template || template.startsWith('-')) return undefined;
  try {
    statSync(template);
  } catch {
    return undefined;
  }
  return resolve(template);
}

function hintFileFor(template: string, env: NodeJS.ProcessEnv): string {
  const cache = kilnCacheDir(env);
  const name = hashString(template);
  return join(cache, 'prestart', `${name}.json`);
}

function readHint(file: string): PrestartSpec[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { plugins?: unknown };
    if (!Array.isArray(parsed.plugins)) return [];
    return parsed.plugins.filter(
      (p): p is PrestartSpec =>
        typeof p?.name === 'string' &&
        typeof p.command === 'string' &&
        Array.isArray(p.args) &&
        p.args.every((a: unknown) => typeof a === 'string') &&
        Array.isArray(p.protocolVersions) &&
        typeof p.socketParent === 'string',
    );
  } catch {
    return [];
  }
}

// Loaded only when a plugin is started: a template without hints (most
// `validate` runs) pays for neither module.
const builtin = createRequire(import.meta.url) as <T>(id: string) => T;

function start(spec: PrestartSpec): Waiting | undefined {
  const { spawn } = builtin<typeof import('node:child_process')>('node:child_process');
  const { randomBytes } = builtin<typeof import('node:crypto')>('node:crypto');
  let socketDir: string | undefined;
  try {
    socketDir = mkdtempSync(join(spec.socketParent, ownedTempPrefix('kiln-plugin')));
    const token = randomBytes(32).toString('hex');
    const env = pluginEnvironment({ protocolVersions: spec.protocolVersions }, socketDir, token);
    const child = spawn(spec.command, [...spec.args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const w: Waiting = { key: keyOf(spec), child, socketDir, token, failed: false };
    child.on('error', () => {
      w.failed = true;
    });
    child.stdin.on('error', () => {});
    // Until core takes it over, the process keeps nothing of kiln's alive.
    setRef(child, false);
    return w;
  } catch {
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * The environment a plugin process starts with (the handshake's variables,
 * see @kiln/proto's handshake): this process's, with `extra` over it; a
 * `cookie` of null sends none (negative tests).
 */
export function pluginEnvironment(
  opts: { protocolVersions: readonly number[]; env?: NodeJS.ProcessEnv; cookie?: string | null },
  socketDir: string,
  token: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  delete env[ENV_PLUGIN_DEBUG];
  delete env[MAGIC_COOKIE_KEY];
  if (opts.cookie !== null) env[MAGIC_COOKIE_KEY] = opts.cookie ?? MAGIC_COOKIE_VALUE;
  env[ENV_PROTOCOL_VERSIONS] = opts.protocolVersions.join(',');
  env[ENV_SOCKET_DIR] = socketDir;
  env[ENV_PLUGIN_TOKEN] = token;
  return env;
}

/** At exit: stops what was not taken over, and writes this run's launches as the next run's hint. */
function finish(state: PrestartState): void {
  for (const w of state.waiting) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    rmSync(w.socketDir, { recursive: true, force: true });
  }
  state.waiting = [];
  const text = JSON.stringify({ plugins: [...state.launched.values()] });
  if (text === state.read) return;
  const tmp = `${state.hintFile}.${process.pid}.tmp`;
  try {
    mkdirSync(join(state.hintFile, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, state.hintFile);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * Starts the plugins the last run of this command line's template launched
 * (see the module comment). Call it first thing in the kiln binary; a
 * command line without a template, or with KILN_PRESTART=0, starts nothing.
 */
export function prestartPlugins(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const template = prestartTemplate(argv, env);
  const holder = globalThis as Holder;
  if (!template || holder[STATE]) return;
  const hintFile = hintFileFor(template, env);
  const specs = readHint(hintFile);
  const state: PrestartState = {
    hintFile,
    read: JSON.stringify({ plugins: specs }),
    waiting: specs.map(start).filter((w) => w !== undefined),
    launched: new Map(),
  };
  holder[STATE] = state;
  process.once('exit', () => finish(state));
}

/**
 * Called by `launchPlugin` for each plugin it starts: records the launch for
 * the next run's hint and hands over a prestarted process that matches it,
 * if there is one still running. Outside a kiln run that prestarted, does
 * nothing.
 */
export function takePrestarted(spec: PrestartSpec): PrestartedPlugin | undefined {
  const state = (globalThis as Holder)[STATE];
  if (!state) return undefined;
  const key = keyOf(spec);
  state.launched.set(key, {
    name: spec.name,
    ...(spec.version ? { version: spec.version } : {}),
    command: spec.command,
    args: [...spec.args],
    protocolVersions: [...spec.protocolVersions],
    socketParent: spec.socketParent,
  });
  const i = state.waiting.findIndex((w) => w.key === key);
  if (i < 0) return undefined;
  const [w] = state.waiting.splice(i, 1);
  if (w.failed || w.child.exitCode !== null || w.child.signalCode !== null) {
    rmSync(w.socketDir, { recursive: true, force: true });
    return undefined;
  }
  setRef(w.child, true);
  return { child: w.child, socketDir: w.socketDir, token: w.token };
}

/** Whether the process and its pipes keep the event loop alive. */
function setRef(child: ChildProcessWithoutNullStreams, ref: boolean): void {
  for (const h of [child, child.stdin, child.stdout, child.stderr] as unknown as {
    ref?(): void;
    unref?(): void;
  }[]) {
    if (ref) h.ref?.();
    else h.unref?.();
  }
}
