import type { ComponentSet } from '@kiln/plugin-sdk';

/**
 * Core's built-in components (null/file builders, shell/file/... provisioners,
 * ...), loaded on first use so that commands that need none do not pay for them.
 */
export async function loadBuiltins(): Promise<ComponentSet> {
  return (await import('../builtin/index.js')).builtinComponents;
}
