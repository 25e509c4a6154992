import { ENV_PROTOCOL_VERSIONS, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '@kiln/proto';

/** What went wrong before a plugin could start serving: shown on stderr, then exit 1. */
export class ServeRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeRefusal';
  }
}

/** Refuses to run unless core started this process (the magic cookie is set). */
export function checkCookie(env: NodeJS.ProcessEnv, plugin: { name: string; version: string }): void {
  if (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) return;
  throw new ServeRefusal(
    `This is a Kiln plugin (${plugin.name} ${plugin.version}); run it through kiln, not by hand.\n` +
      'Kiln starts it when a template uses one of its components: install it with `kiln init` ' +
      '(or `kiln plugins install`) and run `kiln build`.\n' +
      'To run it under a debugger, start it with KILN_PLUGIN_DEBUG=1 and give kiln the ' +
      'KILN_REATTACH_PLUGINS value it prints.',
  );
}

/** Picks the highest protocol version both sides speak, or refuses naming both sides' versions. */
export function negotiateProtocol(
  env: NodeJS.ProcessEnv,
  supported: readonly number[],
  pluginName: string,
): number {
  const raw = env[ENV_PROTOCOL_VERSIONS] ?? '';
  const offered = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => /^\d+$/.test(v))
    .map(Number);
  const common = supported.filter((v) => offered.includes(v));
  if (common.length === 0) {
    throw new ServeRefusal(
      `Plugin ${pluginName} speaks plugin protocol ${supported.join(', ')}, but kiln offered ` +
        `${offered.length ? offered.join(', ') : `none (${ENV_PROTOCOL_VERSIONS}=${JSON.stringify(raw)})`}. ` +
        'Install a version of the plugin that matches this kiln, or upgrade kiln.',
    );
  }
  return Math.max(...common);
}
