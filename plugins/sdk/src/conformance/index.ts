/**
 * The conformance kit: runs a plugin (any language) through the contract's
 * lifecycle and reports each check. `kiln plugins check` is its CLI.
 */

export * from '../transfer/stress/index.js';
export { FakeCore, type HookRecord, type UiRecord } from './fake-core.js';
export { formatCheck, formatReport, formatSummary } from './format-report.js';
export { runConformance } from './run-conformance.js';
export { type DeclaredComponents, type ResolvedTarget, resolveTarget } from './target.js';
export * from './types.js';
export { validateSchema } from './validate-schema.js';
