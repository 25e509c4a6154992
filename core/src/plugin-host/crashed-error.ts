import {
  describeExit,
  describePlugin,
  type ExitStatus,
  formatStderrTail,
  type PluginIdentity,
} from '@kiln/plugin-sdk';

/** A plugin process died while core was using it. */
export class PluginCrashedError extends Error {
  readonly plugin: PluginIdentity;
  readonly exit: ExitStatus;
  readonly stderrTail: readonly string[];

  constructor(plugin: PluginIdentity, exit: ExitStatus, stderrTail: readonly string[]) {
    super(
      `${describePlugin(plugin)} stopped unexpectedly with ${describeExit(exit)}. ${formatStderrTail(stderrTail)}`,
    );
    this.name = 'PluginCrashedError';
    this.plugin = plugin;
    this.exit = exit;
    this.stderrTail = stderrTail;
  }
}

/** A reattached plugin (KILN_REATTACH_PLUGINS) cannot be reached. */
export class PluginUnreachableError extends Error {
  constructor(name: string, address: string, detail: string) {
    super(
      `plugin "${name}" at ${address} (from KILN_REATTACH_PLUGINS) cannot be reached: ${detail}. ` +
        'Is it still running? Start it again with KILN_PLUGIN_DEBUG=1 and update KILN_REATTACH_PLUGINS.',
    );
    this.name = 'PluginUnreachableError';
  }
}
