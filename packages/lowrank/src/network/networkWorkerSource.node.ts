/**
 * Where the network pool's workers come from on Node: the worker module's URL (core starts it
 * with worker_threads). Chosen by the `node` condition of the package's `#network-worker` import.
 */
export const networkWorkerSource: URL = new URL('./network.worker.js', import.meta.url);
