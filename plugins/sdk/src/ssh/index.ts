/** The SSH communicator: configuration schema fragment, connection, communicator, connect step. */
export { ByteReader } from './byte-reader.js';
export * from './config.js';
export * from './dial.js';
export { shellQuote } from './quote.js';
export * from './ssh-communicator.js';
export * from './step-connect.js';
export * from './temporary-key.js';
