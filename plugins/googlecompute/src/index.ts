/**
 * @kiln/plugin-googlecompute: the googlecompute builder, usable in-process or
 * served as a plugin (dist/main.js), with the leftovers service behind
 * `kiln cleanup`.
 */
export { type AccessConfig, accessAttributes, decodeAccessConfig, endpointOf } from './access-config.js';
export { BUILDER_ID, imageArtifact } from './artifact.js';
export {
  cleanupFlags,
  type GceBuilderDeps,
  GENERATED_VARIABLES,
  gceSteps,
  googlecomputeBuilder,
} from './builder.js';
export { googlecomputeComponents } from './components.js';
export { type GceConfig, gceSchema, prepareGceConfig } from './config.js';
export { type Credentials, credentialsOf } from './credentials.js';
export type * from './driver.js';
export { gceMessage } from './errors.js';
export { googlecomputeLeftovers } from './leftover-finder.js';
export { findLeftovers, type Leftover, removeLeftovers } from './leftovers.js';
export { SdkComputeDriver } from './sdk-driver.js';
export { BUILD_LABEL, INCOMPLETE_LABEL, RUN_LABEL } from './state.js';
