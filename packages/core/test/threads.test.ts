import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadPool, sharedFloat64Array, sharedMemoryAvailable, ThreadBarrier, type ThreadPool } from '../src/index.js';

// The workers run the built package (dist/): `pnpm build` before `pnpm test`, as CI does.
const workerUrl = new URL('./fixtures/threads.worker.mjs', import.meta.url);

describe('createThreadPool', () => {
  const pools: ThreadPool[] = [];
  const pool = (threads: number): ThreadPool => {
    const p = createThreadPool(workerUrl, { threads });
    pools.push(p);
    return p;
  };
  afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

  it('runs a method on every worker and returns the results in worker order', async () => {
    const p = pool(3);
    expect(p.size).toBe(3);
    const out = await p.all<{ index: number; doubled: number }>('echo', (i) => ({ index: i, value: 10 + i }));
    expect(out).toEqual([0, 1, 2].map((i) => ({ index: i, value: 10 + i, doubled: 2 * (10 + i) })));
  });

  it('keeps the class and message of an error thrown in a worker', async () => {
    const p = pool(1);
    await expect(p.call(0, 'fail', { kind: 'range' })).rejects.toThrow(RangeError);
    await expect(p.call(0, 'fail', { kind: 'range' })).rejects.toThrow('width must be > 0; got -1');
    await expect(p.call(0, 'fail', { kind: 'type' })).rejects.toThrow(TypeError);
    await expect(p.call(0, 'nope', {})).rejects.toThrow(/method must be one of echo, fail/);
    // the worker survives a thrown error
    expect(await p.call(0, 'echo', { index: 0, value: 1 })).toMatchObject({ doubled: 2 });
  });

  it('a barrier lets every thread see every write of the phase before (400 phases, 2 and 3 threads)', async () => {
    expect(sharedMemoryAvailable()).toBe(true);
    for (const parties of [2, 3]) {
      const p = pool(parties);
      const barrier = ThreadBarrier.create(parties);
      const slots = sharedFloat64Array(parties);
      const rounds = 200;
      const checked = await p.all<number>('phases', (index) => ({ state: barrier.state, parties, index, slots, rounds }));
      // each thread checks all `parties` slots in each round: one stale read would lower the count
      expect(checked).toEqual(new Array(parties).fill(parties * rounds));
    }
  });

  it('a broken barrier releases the waiting threads with an error instead of hanging', async () => {
    const p = pool(2);
    const state = ThreadBarrier.create(2).state;
    const each = await Promise.allSettled([0, 1].map((i) => p.call(i, 'breakOrWait', { state, parties: 2, index: i })));
    expect(each[0]).toMatchObject({ status: 'rejected', reason: { message: 'thread 0 failed on purpose' } });
    // thread 1 either saw the break before waiting or was woken by it
    expect(each[1]).toMatchObject({ status: 'rejected', reason: { message: 'barrier broken: another thread failed' } });
  });

  it('takes a worker factory instead of a URL (what packages do for bundlers in browsers)', async () => {
    const names: string[] = [];
    const p = createThreadPool((name) => { names.push(name); return new Worker(workerUrl, { execArgv: [] }); }, { threads: 2, name: 'factory' });
    pools.push(p);
    expect(names).toEqual(['factory-0', 'factory-1']);
    expect(await p.all<{ doubled: number }>('echo', (i) => ({ index: i, value: i + 1 }))).toMatchObject([{ doubled: 2 }, { doubled: 4 }]);
    expect(() => createThreadPool(() => ({}), { threads: 1 })).toThrow(/must return a worker_threads Worker/);
  });

  it('refuses bad options and calls after close', async () => {
    expect(() => createThreadPool(workerUrl, { threads: 0 })).toThrow(RangeError);
    expect(() => createThreadPool(workerUrl, { threads: 1.5 })).toThrow(/threads/);
    expect(() => createThreadPool('x' as unknown as URL)).toThrow(TypeError);
    const p = createThreadPool(workerUrl, { threads: 1 });
    await p.close();
    await expect(p.call(0, 'echo', { index: 0, value: 1 })).rejects.toThrow('the thread pool is closed');
  });

  it('ThreadBarrier refuses state that is not shared and a bad party count', () => {
    expect(() => new ThreadBarrier(new Int32Array(3), 2)).toThrow(TypeError);
    expect(() => ThreadBarrier.create(0)).toThrow(RangeError);
  });
});
