/**
 * Shared memory for the parallel paths: Float64Array/Int32Array views on a SharedArrayBuffer,
 * and a reusable barrier for the threads that step through the same computation.
 */
import { allocationSize, show } from '../validate.js';

/**
 * True when SharedArrayBuffer can be created and shared: always on Node; in a browser only on
 * a cross-origin-isolated page (served with COOP: same-origin and COEP: require-corp).
 * @category Threads
 */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

function sharedBuffer(bytes: number): SharedArrayBuffer {
  if (!sharedMemoryAvailable()) {
    throw new Error('SharedArrayBuffer is not available: threads need a cross-origin-isolated page (COOP: same-origin, COEP: require-corp)');
  }
  return new SharedArrayBuffer(bytes);
}

/**
 * A zero-filled Float64Array of `length` on shared memory.
 * @category Threads
 */
export function sharedFloat64Array(length: number): Float64Array {
  allocationSize('length', length);
  return new Float64Array(sharedBuffer(8 * length));
}

/**
 * A zero-filled Int32Array of `length` on shared memory.
 * @category Threads
 */
export function sharedInt32Array(length: number): Int32Array {
  allocationSize('length', length);
  return new Int32Array(sharedBuffer(4 * length));
}

/** Loads of the generation counter before a waiting thread sleeps (a few µs of spinning). */
const SPINS = 20000;

/**
 * A reusable barrier for `parties` threads on a shared Int32Array [arrived, generation, broken].
 * `wait()` returns once all parties have called it; the last to arrive opens it for the others
 * (spin, then `Atomics.wait`, which worker threads may call — a browser's main thread may not).
 * A thread that fails calls `break()`, so the others throw instead of waiting for ever.
 * @category Threads
 */
export class ThreadBarrier {
  /** shared [arrived, generation, broken]: the same Int32Array (memory) in every party */
  readonly state: Int32Array;
  /** number of threads that must call `wait()` before any returns, integer ≥ 1 */
  readonly parties: number;

  /**
   * Wraps existing shared state, e.g. `barrier.state` posted to a worker, with the same `parties`
   * in every thread. Use `ThreadBarrier.create` for fresh state.
   * @throws TypeError when `state` is not a shared Int32Array of length ≥ 3; RangeError when
   *   `parties` is not an integer ≥ 1.
   */
  constructor(state: Int32Array, parties: number) {
    if (!(state instanceof Int32Array) || state.length < 3 || !(state.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError('state must be a shared Int32Array of length >= 3 (from ThreadBarrier.create)');
    }
    if (typeof parties !== 'number') throw new TypeError(`parties must be an integer >= 1; got ${show(parties)}`);
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`parties must be an integer >= 1; got ${parties}`);
    this.state = state;
    this.parties = parties;
  }

  /** A barrier with fresh shared state; pass `barrier.state` and `parties` to the other threads. */
  static create(parties: number): ThreadBarrier {
    return new ThreadBarrier(sharedInt32Array(3), parties);
  }

  /**
   * Blocks until all `parties` threads have called `wait()` for this round (a reusable
   * generation barrier), spinning briefly, then sleeping in `Atomics.wait` (not allowed on a
   * browser's main thread).
   * @throws Error when the barrier is broken (another party called `break()`).
   */
  wait(): void {
    const s = this.state;
    if (Atomics.load(s, 2) !== 0) throw new Error('barrier broken: another thread failed');
    const generation = Atomics.load(s, 1);
    if (Atomics.add(s, 0, 1) === this.parties - 1) {
      Atomics.store(s, 0, 0);
      Atomics.add(s, 1, 1);
      Atomics.notify(s, 1);
      return;
    }
    for (let i = 0; i < SPINS; i++) if (Atomics.load(s, 1) !== generation) return;
    while (Atomics.load(s, 1) === generation) {
      if (Atomics.load(s, 2) !== 0) throw new Error('barrier broken: another thread failed');
      Atomics.wait(s, 1, generation, 100);
    }
  }

  /** Marks the barrier broken and wakes every waiting thread (which then throws). */
  break(): void {
    Atomics.store(this.state, 2, 1);
    Atomics.notify(this.state, 1);
  }
}
