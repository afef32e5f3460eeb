// Thread pools over Node worker_threads or Web Workers (chosen by the conditional
// `#threads-platform` import), shared memory and a barrier on it.
export * from './pool.js';
export * from './serve.js';
export * from './shared.js';
export type { ThreadHandle, ThreadPort } from './types.js';
