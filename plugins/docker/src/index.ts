/**
 * @kiln/plugin-docker: the docker builder and the docker-tag, docker-push,
 * docker-save and docker-import post-processors, usable in-process or served
 * as a plugin (dist/main.js).
 */
export * from './artifact.js';
export { type DockerBuilderDeps, dockerBuilder, GENERATED_VARIABLES } from './builder.js';
export { DockerCommunicator, type DockerCommunicatorOptions } from './communicator/docker-communicator.js';
export { dockerComponents } from './components.js';
export { builderSchema, type DockerBuilderConfig, prepareBuilderConfig } from './config.js';
export { DockerodeDriver } from './dockerode-driver.js';
export type * from './driver.js';
export { dockerImport } from './post-processors/docker-import.js';
export { dockerPush } from './post-processors/docker-push.js';
export { dockerSave } from './post-processors/docker-save.js';
export { dockerTag } from './post-processors/docker-tag.js';
export { processReaper, REAPER_LABEL, type Reaper } from './reaper.js';
export { BUILD_LABEL, RUN_LABEL } from './steps/step-run.js';
