// Portable (correctly rounded, engine-independent) ln, exp, ln1p, expm1 against Math.log, Math.exp,
// Math.log1p, Math.expm1 in the same run. Each task maps 4096 seeded arguments (log: 2^±40;
// log (0, 1): uniform, as in createRng's normals; exp: ±30; log1p: (−0.9, 3.1); expm1: ±2) through
// the function and sums the results; ns per call = mean latency / 4096 (loop overhead included).
// Run after a build: node bench/portableMath.bench.mjs   (from packages/core)
import { Bench } from 'tinybench';
import { createRng, portableExp, portableExpm1, portableLog, portableLog1p } from '@neurobridge/core';

const N = 4096;
const rng = createRng('bench-portable-math');
const fill = (f) => Float64Array.from({ length: N }, () => f(rng.uniform()));
const xs = {
  log: fill((u) => 2 ** (80 * u - 40)),
  logUnit: fill((u) => u), // the polar method's s = u² + v² lies in (0, 1)
  exp: fill((u) => 60 * u - 30),
  log1p: fill((u) => 4 * u - 0.9),
  expm1: fill((u) => 4 * u - 2),
};
// One loop per task with a direct call, so each call site stays monomorphic (a shared
// `run(f)` helper would make V8 call every function through a megamorphic site, +10 ns).
let sink = 0;
const tasks = {
  'Math.log': () => { let s = 0; for (let i = 0; i < N; i++) s += Math.log(xs.log[i]); sink += s; },
  'portable log': () => { let s = 0; for (let i = 0; i < N; i++) s += portableLog(xs.log[i]); sink += s; },
  'Math.log (0, 1)': () => { let s = 0; for (let i = 0; i < N; i++) s += Math.log(xs.logUnit[i]); sink += s; },
  'portable log (0, 1)': () => { let s = 0; for (let i = 0; i < N; i++) s += portableLog(xs.logUnit[i]); sink += s; },
  'Math.exp': () => { let s = 0; for (let i = 0; i < N; i++) s += Math.exp(xs.exp[i]); sink += s; },
  'portable exp': () => { let s = 0; for (let i = 0; i < N; i++) s += portableExp(xs.exp[i]); sink += s; },
  'Math.log1p': () => { let s = 0; for (let i = 0; i < N; i++) s += Math.log1p(xs.log1p[i]); sink += s; },
  'portable log1p': () => { let s = 0; for (let i = 0; i < N; i++) s += portableLog1p(xs.log1p[i]); sink += s; },
  'Math.expm1': () => { let s = 0; for (let i = 0; i < N; i++) s += Math.expm1(xs.expm1[i]); sink += s; },
  'portable expm1': () => { let s = 0; for (let i = 0; i < N; i++) s += portableExpm1(xs.expm1[i]); sink += s; },
};
const bench = new Bench({ time: 400, warmup: true });
for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
await bench.run();
const ns = (name) => (bench.tasks.find((t) => t.name === name).result.latency.mean * 1e6) / N;
const rows = ['log', 'log (0, 1)', 'exp', 'log1p', 'expm1'].map((name) => {
  const a = ns(`Math.${name}`);
  const b = ns(`portable ${name}`);
  return { function: name, 'Math.* (ns/call)': +a.toFixed(1), 'portable (ns/call)': +b.toFixed(1), ratio: +(b / a).toFixed(2) };
});
console.log('mean ns per call, same run (4096 arguments per task):');
console.table(rows);
if (!Number.isFinite(sink)) console.log('(sink)', sink);
