/**
 * The worker side of a thread pool: a worker module calls `serveThread(handlers)` once; each
 * request {id, method, args} runs `handlers[method](args)` and its result (or error) goes back.
 */
import { currentPort } from '#threads-platform';
import { show } from '../validate.js';

export type ThreadHandlers = Record<string, (args: never) => unknown>;

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
