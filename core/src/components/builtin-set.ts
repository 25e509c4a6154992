import type { ComponentSet } from '@kiln/plugin-sdk';

const BUILTIN_MODULE = '../builtin/index.js';

/** Core's built-in components (null/file builders, shell/file/... provisioners, ...). */
export async function loadBuiltins(): Promise<ComponentSet> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(BUILTIN_MODULE)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return {};
    throw error;
  }
  const set = mod.builtinComponents ?? mod.builtins ?? mod.default;
  return typeof set === 'function' ? (set as () => ComponentSet)() : ((set as ComponentSet) ?? {});
}
