// 784-256-256-10 tanh, tanh, linear, batch 128, in one process, alternating: one-thread mlpForward + ∂L/∂y +
// mlpBackward (reused cache and gradient buffers) against createMlpPool({ threads: 2 }).gradient with a shared
// and an unshared network (new result arrays, and with options.out), and trainStep. Run from packages/learn
// after `pnpm --filter @neurobridge/core --filter @neurobridge/learn build`: node <this> [rounds]
import { loadavg } from 'node:os';
import { activations, createRng } from '@neurobridge/core';
import { createMlpCache, createMlpGradients, createMlpPool, mlp, mlpBackward, mlpForward } from '@neurobridge/learn';
const { tanh, linear } = activations;
const batch = 128, rounds = Number(process.argv[2] ?? 40), warm = 8;
const make = () => mlp({ sizes: [784, 256, 256, 10], activations: [tanh, tanh, linear], rng: createRng(1) });
const net = make(), shared = make(), trainShared = make(), trainUnshared = make();
const X = createRng(2).normals(batch * 784), T = createRng(3).normals(batch * 10);
const pool = createMlpPool({ threads: 2 });
pool.share(shared); pool.share(trainShared);
const cache = createMlpCache(net, batch), grads = createMlpGradients(net, batch), dOut = new Float64Array(batch * 10);
const out1 = createMlpGradients(net, batch), out2 = createMlpGradients(net, batch);
const out3 = pool.shareGradients(createMlpGradients(net, batch));
const one = () => {
  mlpForward(net, X, batch, cache);
  const y = cache.x[3];
  let s = 0;
  for (let q = 0; q < y.length; q++) { s += 0.5 * (T[q] - y[q]) * (T[q] - y[q]); dOut[q] = y[q] - T[q]; }
  mlpBackward(net, cache, dOut, grads);
  return s;
};
const cases = {
  'one thread': async () => one(),
  'pool shared': () => pool.gradient(shared, X, T, batch),
  'pool unshared': () => pool.gradient(net, X, T, batch),
  'pool shared, out': () => pool.gradient(shared, X, T, batch, { out: out1 }),
  'pool unshared, out': () => pool.gradient(net, X, T, batch, { out: out2 }),
  'pool shared, shared out': () => pool.gradient(shared, X, T, batch, { out: out3 }),
  'trainStep shared': () => pool.trainStep(trainShared, X, T, batch, { learningRate: 1e-6 }),
  'trainStep unshared': () => pool.trainStep(trainUnshared, X, T, batch, { learningRate: 1e-6 }),
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const load0 = loadavg()[0];
for (let r = 0; r < warm + rounds; r++) {
  for (const [k, f] of Object.entries(cases)) {
    const t0 = performance.now(); await f(); const dt = performance.now() - t0;
    if (r >= warm) times[k].push(dt);
  }
}
await pool.close();
const med = (v) => { const s = [...v].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const min = (v) => Math.min(...v);
console.log(`load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}, ${rounds} rounds`);
for (const [k, v] of Object.entries(times)) {
  console.log(`${k.padEnd(20)} median ${med(v).toFixed(2).padStart(6)} ms  min ${min(v).toFixed(2).padStart(6)} ms   one thread / this: median ${(med(times['one thread']) / med(v)).toFixed(2)}×, min ${(min(times['one thread']) / min(v)).toFixed(2)}×`);
}
