export {
  NATIVE_EXTERNALS,
  PackError,
  type PackOptions,
  type PackResult,
  packSelfContained,
  selfContainedManifest,
} from './pack.js';
