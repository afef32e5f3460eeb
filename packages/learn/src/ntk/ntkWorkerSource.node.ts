/**
 * Where the NTK pool's workers come from on Node: the worker module's URL (core starts it with
 * worker_threads; under vitest, where this file runs from src/, core falls back to the built
 * dist/ntk/ntk.worker.js). Chosen by the `node` condition of the package's `#ntk-worker` import.
 */
export const ntkWorkerSource: URL = new URL('./ntk.worker.js', import.meta.url);
