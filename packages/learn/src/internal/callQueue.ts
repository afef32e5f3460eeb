/**
 * The call order of learn's thread pools (`createMlpPool`, `createNtkPool`): calls run one after
 * the other on the pool's shared buffers. `prepare(idle)` validates a call synchronously (its errors
 * reject the returned promise) and returns the function that runs it; `idle` says whether no call is
 * pending — then the call starts at once (and copies its arguments into shared memory before
 * `enqueue` returns), else it must keep copies of its arguments and starts when the earlier calls
 * have settled (fulfilled or rejected).
 */
export type CallQueue = <T>(prepare: (idle: boolean) => () => Promise<T>) => Promise<T>;

/** A new, empty call queue. */
export function createCallQueue(): CallQueue {
  let inFlight = 0;
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(prepare: (idle: boolean) => () => Promise<T>): Promise<T> => {
    let run: Promise<T>;
    try {
      const idle = inFlight === 0;
      const start = prepare(idle);
      run = idle ? start() : tail.then(start);
    } catch (e) {
      return Promise.reject(e);
    }
    inFlight++;
    const settled = run.finally(() => { inFlight--; });
    tail = settled.catch(() => undefined);
    return settled;
  };
}
