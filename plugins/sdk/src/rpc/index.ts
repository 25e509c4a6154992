/**
 * Adapters between the contract's generated types and the SDK's plain
 * interfaces: the only code that touches kiln.plugin.v1 messages.
 */
export * from './builder.js';
export * from './channel.js';
export * from './chunks.js';
export * from './client-call.js';
export * from './communicator-client.js';
export * from './communicator-registry.js';
export * from './communicator-server.js';
export * from './contract.js';
export * from './convert.js';
export * from './convert-schema.js';
export * from './data-source.js';
export * from './health.js';
export * from './hook.js';
export * from './instances.js';
export * from './leftovers.js';
export * from './plugin.js';
export * from './post-processor.js';
export * from './prepare-result.js';
export * from './provisioner.js';
export * from './remote-component.js';
export * from './server-call.js';
export * from './services.js';
export * from './sessions.js';
export * from './step-cache.js';
export * from './tar-dir.js';
export * from './ui.js';
