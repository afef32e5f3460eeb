// How much two threads actually buy on this machine: the same fixed busy loop on one worker
// thread, then on two at once. Throughput ratio = 2 · t(1 worker) / t(2 workers): 2 on two free
// cores, about 1 when the two "cores" share one physical core or the host is oversubscribed.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

function spin() {
  let a = 0;
  for (let i = 0; i < 1e8; i++) a += Math.sqrt(i);
  return a;
}

if (!isMainThread) {
  parentPort.once('message', () => parentPort.postMessage(spin()));
}

async function onWorkers(k) {
  const workers = Array.from({ length: k }, () => new Worker(new URL(import.meta.url)));
  await new Promise((r) => setTimeout(r, 50)); // let the workers start before timing
  const t0 = performance.now();
  await Promise.all(workers.map((w) => new Promise((res) => { w.once('message', res); w.postMessage('go'); })));
  const t = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  return t;
}

/** { ratio, one, two } medians over `repeats` (ms); ratio = 2·one/two. */
export async function measureParallelScaling(repeats = 3) {
  const ones = [], twos = [];
  for (let r = 0; r < repeats; r++) {
    ones.push(await onWorkers(1));
    twos.push(await onWorkers(2));
  }
  const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const one = med(ones), two = med(twos);
  return { ratio: (2 * one) / two, one, two };
}
