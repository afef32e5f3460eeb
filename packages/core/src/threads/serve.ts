/**
 * The worker side of a thread pool: a worker module calls `serveThread(handlers)` once; each
 * request {id, method, args} runs `handlers[method](args)` and its result (or error) goes back.
 */
import { currentPort } from '#threads-platform';

export type ThreadHandlers = Record<string, (args: never) => unknown>;

export function serveThread(handlers: ThreadHandlers): void {
  const port = currentPort();
  if (!port) throw new Error('serveThread must be called from a worker thread');
  port.onMessage(async (message) => {
    const { id, method, args } = message as { id: number; method: string; args: unknown };
    try {
      const handler = handlers[method];
      if (typeof handler !== 'function') throw new TypeError(`method must be one of ${Object.keys(handlers).join(', ')}; got ${method}`);
      const result = await (handler as (a: unknown) => unknown)(args);
      port.post({ id, ok: true, result });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.post({ id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
    }
  });
}
