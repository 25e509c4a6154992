/**
 * @kiln/plugin-amazon: the amazon-ebs builder and the amazon-ami data source,
 * usable in-process or served as a plugin (dist/main.js), with the leftovers
 * service behind `kiln cleanup`.
 */
export { type AccessConfig, accessAttributes, decodeAccessConfig } from './access-config.js';
export { amiArtifact, amisOf, BUILDER_ID } from './artifact.js';
export { amazonEbsBuilder, type EbsBuilderDeps, ebsSteps, GENERATED_VARIABLES } from './builder.js';
export { awsMessage } from './client.js';
export { amazonComponents } from './components.js';
export { type EbsConfig, ebsSchema, prepareEbsConfig } from './config.js';
export { amazonAmiDataSource, amiDataOutputSchema, amiDataSchema } from './data-source.js';
export type * from './driver.js';
export { amazonLeftovers } from './leftover-finder.js';
export { findLeftovers, type Leftover, removeLeftovers } from './leftovers.js';
export { SdkEc2Driver } from './sdk-driver.js';
export { INCOMPLETE_TAG, RUN_TAG } from './state.js';
