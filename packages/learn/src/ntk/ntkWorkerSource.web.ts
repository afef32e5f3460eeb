/**
 * Where the NTK pool's workers come from in browsers: a factory with the literal
 * `new Worker(new URL(...), { type: 'module' })` that bundlers (Vite, webpack 5, Parcel)
 * recognise, so they bundle ntk.worker.js with its imports. Chosen by the default condition of
 * the package's `#ntk-worker` import.
 */
export const ntkWorkerSource = (name: string): Worker =>
  new Worker(new URL('./ntk.worker.js', import.meta.url), { type: 'module', name });
