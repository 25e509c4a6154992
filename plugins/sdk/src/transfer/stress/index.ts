export { cancelDownload } from './cancellation.js';
export { type CorpusFile, sha256 } from './corpus.js';
export { startCpuLoad } from './cpu-load.js';
export { type RemoteFile, remoteManifest } from './remote-manifest.js';
export { type CommunicatorStressOptions, type StressReport, stressCommunicator } from './run-stress.js';
