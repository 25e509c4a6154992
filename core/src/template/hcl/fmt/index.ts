/** `kiln fmt`: canonical formatting of HCL2 native syntax. */
export * from './format.js';
