/**
 * Where the layered-network pool's workers come from in browsers: a factory with the literal
 * `new Worker(new URL(...), { type: 'module' })` that bundlers (Vite, webpack 5, Parcel)
 * recognise, so they bundle mlp.worker.js with its imports. Chosen by the default condition of
 * the package's `#mlp-worker` import.
 */
export const mlpWorkerSource = (name: string): Worker =>
  new Worker(new URL('./mlp.worker.js', import.meta.url), { type: 'module', name });
