/**
 * A pool of worker threads running one worker module, for the opt-in parallel paths of the
 * packages (lowrank's `simulateNetworkParallel`, learn's `createNtkPool`). The same code runs on
 * Node (worker_threads) and in browsers (module Web Workers): the platform is chosen by the
 * package's conditional `#threads-platform` import, never by sniffing at run time.
 *
 * Protocol: the pool posts {id, method, args} to a worker; the worker module calls
 * `serveThread(handlers)` and answers {id, ok, result} or {id, ok: false, error}. Errors keep
 * their class (RangeError, TypeError) and message across the thread boundary.
 */
import { hardwareThreads, spawnThread, wrapThread } from '#threads-platform';
import { integerInRange, knownKeys, optionsObject, show } from '../validate.js';
import type { ThreadHandle } from './types.js';

/**
 * Options of `createThreadPool`: how many workers, and their label.
 * @category Threads
 */
export interface ThreadPoolOptions {
  /** number of worker threads, 1 … 256. @default the machine's available parallelism */
  threads?: number;
  /** a label for the workers (debuggers, error messages). @default 'neurobridge' */
  name?: string;
}

/**
 * A running pool of workers that each serve the same handlers (`serveThread`). Requests to one
 * worker run in the order they were sent; arguments and results cross the thread boundary by
 * structured clone (shared memory is shared, not copied).
 * @category Threads
 */
export interface ThreadPool {
  /** number of worker threads */
  readonly size: number;
  /**
   * Runs `method` on every worker at once, worker i with `args(i)`, and resolves with their
   * results in worker order; rejects with the first error any worker throws.
   */
  all<T>(method: string, args: (index: number) => unknown): Promise<T[]>;
  /** Runs `method` on worker `index`. */
  call<T>(index: number, method: string, args: unknown): Promise<T>;
  /** Terminates the workers; later calls reject. */
  close(): Promise<void>;
}

interface Reply { id: number; ok: boolean; result?: unknown; error?: { name: string; message: string; stack?: string } }
interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: number }

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { RangeError, TypeError, Error };

/** Rebuilds an error thrown in a worker, keeping its class and message. */
function reviveError(e: NonNullable<Reply['error']>): Error {
  const Ctor = ERROR_CLASSES[e.name] ?? Error;
  const error = new Ctor(e.message);
  if (e.stack) error.stack = `${e.stack}\n    (in a worker thread)`;
  return error;
}

/**
 * The number of threads a parallel path uses by default: every hardware thread.
 * @category Threads
 */
export function defaultThreadCount(): number {
  return hardwareThreads();
}

/**
 * Where a pool's workers come from: the URL of a worker module (the platform starts it: a
 * worker_threads Worker on Node, a module Web Worker elsewhere), or a factory that starts one
 * itself — what a package does in browsers, where a bundler must see the literal
 * `new Worker(new URL('./x.worker.js', import.meta.url), { type: 'module' })` to bundle the
 * worker module with its imports (Vite, webpack 5, Parcel).
 * @category Threads
 */
export type WorkerSource = URL | ((name: string) => unknown);

/**
 * Starts `threads` workers running the worker module (which must call `serveThread`).
 * @category Threads
 */
export function createThreadPool(source: WorkerSource, options: ThreadPoolOptions = {}): ThreadPool {
  if (!(source instanceof URL) && typeof source !== 'function') {
    throw new TypeError(`source must be a URL or a function returning a Worker; got ${show(source)}`);
  }
  const opts = knownKeys('options', optionsObject('options', options), ['threads', 'name']);
  const size = opts.threads === undefined ? defaultThreadCount() : integerInRange('options.threads', opts.threads, 1, 256);
  if (opts.name !== undefined && typeof opts.name !== 'string') throw new TypeError(`options.name must be a string; got ${show(opts.name)}`);
  const name = opts.name ?? 'neurobridge';
  const pending = new Map<number, Pending>();
  const busy = new Int32Array(size);
  let nextId = 1;
  let failure: Error | null = null;
  let closed = false;

  const workers: ThreadHandle[] = [];
  const settle = (w: number): void => {
    busy[w]--;
    if (busy[w] === 0) workers[w].ref(false);
  };
  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    for (const [id, p] of pending) { pending.delete(id); settle(p.worker); p.reject(error); }
  };
  for (let w = 0; w < size; w++) {
    const label = `${name}-${w}`;
    const handle = source instanceof URL ? spawnThread(source, label) : wrapThread(source(label), label);
    handle.onMessage((message) => {
      const reply = message as Reply;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      settle(w);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(reviveError(reply.error ?? { name: 'Error', message: 'unknown worker error' }));
    });
    handle.onError((error) => fail(new Error(`worker thread ${w} failed: ${error.message}`)));
    workers.push(handle);
  }

  const call = <T>(index: number, method: string, args: unknown): Promise<T> => {
    if (closed) return Promise.reject(new Error('the thread pool is closed'));
    if (failure) return Promise.reject(failure);
    try {
      integerInRange('index', index, 0, size - 1);
      if (typeof method !== 'string') throw new TypeError(`method must be a string; got ${show(method)}`);
    } catch (e) {
      return Promise.reject(e);
    }
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, worker: index });
      if (busy[index]++ === 0) workers[index].ref(true);
      workers[index].post({ id, method, args });
    });
  };

  return {
    size,
    call,
    all<T>(method: string, args: (index: number) => unknown): Promise<T[]> {
      if (typeof args !== 'function') return Promise.reject(new TypeError(`args must be a function of the worker index; got ${show(args)}`));
      const calls: Promise<T>[] = [];
      for (let w = 0; w < size; w++) calls.push(call<T>(w, method, args(w)));
      return Promise.all(calls);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      fail(new Error('the thread pool was closed while a call was pending'));
      await Promise.all(workers.map((h) => h.terminate()));
    },
  };
}
