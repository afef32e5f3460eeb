export * from './pool.js';
export * from './serve.js';
export * from './shared.js';
export type { ThreadHandle, ThreadPort } from './types.js';
