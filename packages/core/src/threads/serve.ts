/**
 * The worker side of a thread pool: a worker module calls `serveThread(handlers)` once; each
 * request {id, method, args} runs `handlers[method](args)` and its result (or error) goes back.
 */
import { currentPort } from '#threads-platform';
import { show } from '../validate.js';

/**
 * The methods a worker serves, by name: each takes the request's `args` and returns its result,
 * or a Promise of it (structured-cloneable either way). What it throws reaches the caller's
 * `call`/`all` as an error of the same class (RangeError, TypeError, otherwise Error) and message.
 * @category Threads
 */
export type ThreadHandlers = Record<string, (args: never) => unknown>;

/**
 * Serves `handlers` in the current worker: call it once, at the top level of the worker module
 * that `createThreadPool` starts. Each request {id, method, args} runs `handlers[method](args)`
 * and posts back {id, ok: true, result} or {id, ok: false, error}; an unknown method is a
 * TypeError sent back to the caller.
 * @throws TypeError when `handlers` is not an object of functions; Error when not called from a
 *   worker thread.
 * @category Threads
 */
export function serveThread(handlers: ThreadHandlers): void {
  if (handlers === null || typeof handlers !== 'object') throw new TypeError(`handlers must be an object of functions; got ${show(handlers)}`);
  for (const [key, fn] of Object.entries(handlers)) {
    if (typeof fn !== 'function') throw new TypeError(`handlers.${key} must be a function; got ${show(fn)}`);
  }
  const port = currentPort();
  if (!port) throw new Error('serveThread must be called from a worker thread');
  port.onMessage(async (message) => {
    const { id, method, args } = message as { id: number; method: string; args: unknown };
    try {
      const handler = handlers[method];
      if (typeof handler !== 'function') throw new TypeError(`method must be one of ${Object.keys(handlers).join(', ')}; got ${show(method)}`);
      const result = await (handler as (a: unknown) => unknown)(args);
      port.post({ id, ok: true, result });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.post({ id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
    }
  });
}
