/** @kiln/cli: the kiln command line. */
export { preprocessArgv } from './argv.js';
export { handleError } from './handle-error.js';
export { main } from './main.js';
export { UserError } from './user-error.js';
