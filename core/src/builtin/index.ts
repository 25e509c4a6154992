/**
 * Core's built-in components. They implement the same SDK interfaces as
 * plugin components, so the build runner treats both alike.
 */
import type { ComponentSet } from '@kiln/plugin-sdk';
import { fileBuilder } from './builder/file.js';
import { nullBuilder } from './builder/null.js';
import { httpDataSource } from './data-source/http.js';
import { nullDataSource } from './data-source/null.js';
import { checksumPostProcessor } from './post-processor/checksum.js';
import { compressPostProcessor } from './post-processor/compress.js';
import { manifestPostProcessor } from './post-processor/manifest.js';
import { shellLocalPostProcessor } from './post-processor/shell-local.js';
import { breakpointProvisioner } from './provisioner/breakpoint.js';
import { fileProvisioner } from './provisioner/file.js';
import { shellProvisioner } from './provisioner/shell.js';
import { shellLocalProvisioner } from './provisioner/shell-local.js';

export { FILE_BUILDER_ID, fileBuilder } from './builder/file.js';
export { NULL_BUILDER_ID, nullBuilder } from './builder/null.js';
export { httpDataSource } from './data-source/http.js';
export { nullDataSource } from './data-source/null.js';
export { LocalCommunicator, type LocalCommunicatorOptions } from './local/local-communicator.js';
export { type LocalProcess, runProcess } from './local/run-process.js';
export { CHECKSUM_BUILDER_ID, checksumPostProcessor } from './post-processor/checksum.js';
export { COMPRESS_BUILDER_ID, compressPostProcessor } from './post-processor/compress.js';
export { type ManifestBuild, type ManifestFile, manifestPostProcessor } from './post-processor/manifest.js';
export { shellLocalPostProcessor } from './post-processor/shell-local.js';
export { breakpointProvisioner } from './provisioner/breakpoint.js';
export { fileProvisioner } from './provisioner/file.js';
export { DISCONNECT_STATUS, shellProvisioner } from './provisioner/shell.js';
export { shellLocalProvisioner } from './provisioner/shell-local.js';

/** Every built-in component by type name. */
export const builtinComponents: ComponentSet = {
  builders: { null: nullBuilder, file: fileBuilder },
  provisioners: {
    shell: shellProvisioner,
    file: fileProvisioner,
    'shell-local': shellLocalProvisioner,
    breakpoint: breakpointProvisioner,
  },
  postProcessors: {
    manifest: manifestPostProcessor,
    checksum: checksumPostProcessor,
    compress: compressPostProcessor,
    'shell-local': shellLocalPostProcessor,
  },
  dataSources: { http: httpDataSource, null: nullDataSource },
};
