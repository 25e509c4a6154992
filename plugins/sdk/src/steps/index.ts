export * from './policy-prompts.js';
export * from './run-steps.js';
export * from './step.js';
export * from './step-connect.js';
export * from './step-provision.js';
