/**
 * @kiln/proto: Kiln's plugin contract (kiln.plugin.v1), its generated types
 * and the handshake. Only adapter code should import the generated types.
 */

export { descriptor } from './generated/descriptor.js';
export type * as v1 from './generated/v1.js';
export * from './handshake.js';
export * from './load.js';
