/**
 * Threads in browsers (and Deno, Bun): module Web Workers. Selected by the default condition of
 * the package's `#threads-platform` import. Shared memory needs a cross-origin-isolated page
 * (COOP: same-origin, COEP: require-corp); see `sharedMemoryAvailable`.
 */
import type { ThreadHandle, ThreadPort } from './types.js';
import { show } from '../validate.js';

export const platformName = 'web';

export function hardwareThreads(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

export function spawnThread(url: URL, name: string): ThreadHandle {
  const Ctor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (typeof Ctor !== 'function') throw new Error('this platform has no Worker: threads are not available here');
  return wrapThread(new Ctor(url, { type: 'module', name }), name);
}

/** Wraps a Web Worker started by the caller. */
export function wrapThread(thread: unknown, name: string): ThreadHandle {
  const Ctor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (typeof Ctor !== 'function' || !(thread instanceof Ctor)) throw new TypeError(`the worker factory must return a Worker; got ${show(thread)} (${name})`);
  const worker = thread;
  return {
    post: (message, transfer) => worker.postMessage(message, (transfer ?? []) as Transferable[]),
    onMessage: (handler) => worker.addEventListener('message', (e) => handler((e as MessageEvent).data)),
    onError: (handler) => worker.addEventListener('error', (e) => handler(new Error((e as ErrorEvent).message ?? 'worker error'))),
    ref: () => undefined,
    terminate: async () => worker.terminate(),
  };
}

export function currentPort(): ThreadPort | null {
  const scope = globalThis as unknown as {
    postMessage?: (m: unknown) => void;
    addEventListener?: (type: string, h: (e: MessageEvent) => void) => void;
    document?: unknown;
    WorkerGlobalScope?: unknown;
  };
  if (scope.WorkerGlobalScope === undefined || !scope.postMessage || !scope.addEventListener) return null;
  return {
    post: (message) => scope.postMessage!(message),
    onMessage: (handler) => scope.addEventListener!('message', (e) => handler(e.data)),
  };
}
