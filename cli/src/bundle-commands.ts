/**
 * The commands of the running bundle, for oclif's explicit command discovery
 * (oclif imports a module by path; the bundle is not one it can import
 * without running it a second time). Set by bundle-entry.ts.
 */
export const COMMANDS = (globalThis as Record<symbol, unknown>)[Symbol.for('kiln.commands')];
