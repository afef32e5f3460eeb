export const version = '0.1.0';
export * from './types.js';
export * from './documents.js';
export * from './judge.js';
export * from './registry.js';
export * from './run.js';
export * from './report.js';
