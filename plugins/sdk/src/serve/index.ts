/** Serving a plugin's components to Kiln from the plugin's main. */
export * from './core-link.js';
export * from './negotiate.js';
export * from './plugin-handlers.js';
export * from './serve.js';
