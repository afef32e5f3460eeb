// Worker thread for case 1: simulates its share of the independent neurons with
// @neurobridge/lif's `simulate` on request, and reports its own wall time.
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, v0, indices, params, refs } = workerData;
const { simulate } = await import(moduleUrl);
const refSet = new Set(refs);

function runShare(duration) {
  const t0 = performance.now();
  let spikes = 0;
  let truncated = 0;
  const ref = {};
  for (const i of indices) {
    const r = simulate({ ...params, V0: v0[i] }, { duration });
    spikes += r.spikes.length;
    if (r.truncated) truncated++;
    if (refSet.has(i)) ref[i] = Array.from(r.spikes);
  }
  return { spikes, truncated, ref, seconds: (performance.now() - t0) / 1e3 };
}

parentPort.on('message', (msg) => {
  if (msg.type === 'run') parentPort.postMessage({ type: 'done', ...runShare(msg.duration) });
});
parentPort.postMessage({ type: 'ready' });
