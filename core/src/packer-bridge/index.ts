/** Packer's own plugin binaries under Kiln: the Packer plugin protocol bridge. */
export * from './component-set.js';
export * from './describe.js';
export * from './handshake.js';
export * from './install/discover.js';
export * from './install/install-binary.js';
export * from './install/plugin-dirs.js';
export * from './packer-binary.js';
export { disposeAllPackerProcesses } from './plugin-process.js';
