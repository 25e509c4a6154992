/** @kiln/plugin-qemu: the qemu builder, its driver interface and steps. */
export { BUILDER_ID, vmArtifact } from './artifact.js';
export { type QemuBuilderDeps, qemuBuilder, qemuSteps } from './builder.js';
export { qemuComponents } from './components.js';
export { builderSchema, prepareQemuConfig, type QemuConfig } from './config.js';
export type { QemuDriver, VmProcess } from './driver.js';
export { ProcessQemuDriver } from './qemu-driver.js';
export type { QemuBuildState } from './state.js';
