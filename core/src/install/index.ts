/** Plugin install: required_plugins resolution against npm's registry, atomic installs, receipts, the lock file, mirrors. */
export * from './constraint.js';
export * from './file-hashes.js';
export * from './init-plugins.js';
export * from './install-error.js';
export * from './install-package.js';
export * from './lock-file.js';
export * from './mirror-index.js';
export * from './npm-config.js';
export * from './plugin-manifest.js';
export * from './plugin-path.js';
export * from './receipt.js';
export * from './requirement.js';
export * from './resolve.js';
export * from './source.js';
export * from './write-mirror.js';
