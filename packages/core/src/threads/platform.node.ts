/// <reference types="node" />
/**
 * Threads on Node.js (worker_threads). Selected by the `node` condition of the package's
 * `#threads-platform` import; browsers get platform.web.ts instead, so no bundle for the web
 * ever sees `node:worker_threads`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, parentPort } from 'node:worker_threads';
import type { ThreadHandle, ThreadPort } from './types.js';
import { show } from '../validate.js';

export const platformName = 'node';

/** os.availableParallelism(): the number of threads that can run at once. */
export function hardwareThreads(): number {
  return availableParallelism();
}

/**
 * A worker module runs as plain JavaScript. When the caller runs from TypeScript sources (the
 * `source` condition, e.g. under vitest) `<pkg>/src/x.worker.js` does not exist; its build
 * output `<pkg>/dist/x.worker.js` does after `pnpm build`.
 */
function runnableUrl(url: URL): URL {
  if (url.protocol !== 'file:') return url;
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  const built = path.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2');
  if (built !== path && existsSync(built)) return pathToFileURL(built);
  throw new Error(`worker module ${path} not found${built !== path ? ` (nor its build output ${built}: run \`pnpm build\`)` : ''}`);
}

/**
 * Node options of this process minus its resolution conditions: a host that resolves packages to
 * TypeScript sources (vitest's `--conditions source`) must not pass that on to workers, which run
 * the built JavaScript.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--conditions' || a === '-C') { i++; continue; }
    if (a.startsWith('--conditions=') || a.startsWith('-C=')) continue;
    out.push(a);
  }
  return out;
}

export function spawnThread(url: URL, name: string): ThreadHandle {
  return wrapThread(new Worker(runnableUrl(url), { name, execArgv: workerExecArgv() }), name);
}

/** Wraps a worker_threads Worker started by the caller. */
export function wrapThread(thread: unknown, name: string): ThreadHandle {
  if (!(thread instanceof Worker)) throw new TypeError(`the worker factory must return a worker_threads Worker on Node; got ${show(thread)}`);
  const worker = thread;
  worker.unref(); // an idle pool never keeps the process alive; `ref` while calls are pending
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as never),
    onMessage: (handler) => worker.on('message', handler),
    onError: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => { if (code !== 0) handler(new Error(`worker ${name} exited with code ${code}`)); });
    },
    ref: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: async () => { await worker.terminate(); },
  };
}

/** The port of the current worker, or null on the main thread. */
export function currentPort(): ThreadPort | null {
  const port = parentPort;
  if (!port) return null;
  return {
    post: (message) => port.postMessage(message),
    onMessage: (handler) => port.on('message', handler),
  };
}
