/** Who a plugin is, for messages: enough for a user to find it. */
export interface PluginIdentity {
  name: string;
  version?: string;
  command: string;
  args?: readonly string[];
}

/** `plugin "@kiln/plugin-docker" 0.1.0 (node /x/dist/main.js)` */
export function describePlugin(id: PluginIdentity): string {
  const version = id.version ? ` ${id.version}` : '';
  const cmd = [id.command, ...(id.args ?? [])].join(' ');
  return `plugin "${id.name}"${version} (${cmd})`;
}

/** How a plugin failed to start. */
export type PluginStartFailure = 'spawn' | 'garbage' | 'exited' | 'timeout' | 'protocol';

/** How a plugin process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `exit code 3` or `signal SIGKILL`. */
export function describeExit(status: ExitStatus): string {
  return status.signal ? `signal ${status.signal}` : `exit code ${status.code ?? 'unknown'}`;
}

/** Formats the last stderr lines of a plugin, indented, or says there were none. */
export function formatStderrTail(lines: readonly string[]): string {
  if (lines.length === 0) return 'It wrote nothing on stderr.';
  return `Last lines of its stderr:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/**
 * A plugin did not start: it could not be spawned, wrote something other
 * than a handshake, exited, was too slow, or speaks another protocol.
 */
export class PluginStartError extends Error {
  readonly plugin: PluginIdentity;
  readonly reason: PluginStartFailure;
  readonly stderrTail: readonly string[];
  readonly exit: ExitStatus | undefined;

  constructor(
    plugin: PluginIdentity,
    reason: PluginStartFailure,
    detail: string,
    extra: { stderrTail?: readonly string[]; exit?: ExitStatus; cause?: unknown } = {},
  ) {
    super(`Could not start ${describePlugin(plugin)}: ${detail}`, { cause: extra.cause });
    this.name = 'PluginStartError';
    this.plugin = plugin;
    this.reason = reason;
    this.stderrTail = extra.stderrTail ?? [];
    this.exit = extra.exit;
  }
}
