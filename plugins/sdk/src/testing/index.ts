/**
 * @kiln/plugin-sdk/testing: test doubles for plugin and core tests (a
 * recording Ui, a build context). Not part of the runtime entry point.
 */
export * from './build-context.js';
export * from './recording-ui.js';
