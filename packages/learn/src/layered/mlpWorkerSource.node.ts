/**
 * Where the layered-network pool's workers come from on Node: the worker module's URL (core starts
 * it with worker_threads; under vitest, where this file runs from src/, core falls back to the
 * built dist/layered/mlp.worker.js). Chosen by the `node` condition of the package's `#mlp-worker` import.
 */
export const mlpWorkerSource: URL = new URL('./mlp.worker.js', import.meta.url);
