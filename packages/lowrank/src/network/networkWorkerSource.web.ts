/**
 * Where the network pool's workers come from in browsers: a factory with the literal
 * `new Worker(new URL(...), { type: 'module' })` that bundlers (Vite, webpack 5, Parcel)
 * recognise, so they bundle network.worker.js with its imports. Chosen by the default
 * condition of the package's `#network-worker` import.
 */
export const networkWorkerSource = (name: string): Worker =>
  new Worker(new URL('./network.worker.js', import.meta.url), { type: 'module', name });
