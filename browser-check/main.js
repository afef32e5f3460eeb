// Runs in the browser: the packages' thread pools (module Web Workers, SharedArrayBuffer,
// Atomics) against their single-thread functions, bit for bit. Reports to the page's server.
import { activations, createRng, defaultThreadCount, sharedMemoryAvailable } from '@neurobridge/core';
import { createNetworkPool, createNetworkStepper, sampleNetwork, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';
import { createMlpPool, createNtkPool, empiricalNtk, mlp, mlpBackward, mlpForward, squaredHalf } from '@neurobridge/learn';
import * as core from '@neurobridge/core';
import * as coding from '@neurobridge/coding';
import * as lif from '@neurobridge/lif';
import * as lowrank from '@neurobridge/lowrank';
import * as learn from '@neurobridge/learn';
import { codingFingerprint, coreFingerprint, learnFingerprint, lifFingerprint, lowrankFingerprint } from './fingerprints.js';

const out = document.getElementById('out');
const checks = [];
const fingerprints = {};
const check = (name, ok, detail = '') => { checks.push({ name, ok: Boolean(ok), detail }); out.textContent = JSON.stringify(checks, null, 1); };
const identical = (a, b) => a.length === b.length && Array.prototype.every.call(a, (v, i) => Object.is(v, b[i]));

async function run() {
  // seeded results, compared with Node's bits by scripts/browser-check.mjs
  fingerprints.core = coreFingerprint({ core });
  fingerprints.coding = codingFingerprint({ core, coding });
  fingerprints.lif = lifFingerprint({ lif });
  fingerprints.lowrank = lowrankFingerprint({ core, lowrank });
  fingerprints.learn = learnFingerprint({ core, learn });

  check('crossOriginIsolated (COOP/COEP headers)', globalThis.crossOriginIsolated === true);
  check('sharedMemoryAvailable()', sharedMemoryAvailable());
  check('defaultThreadCount() ≥ 1', defaultThreadCount() >= 1, `${defaultThreadCount()}`);

  // lowrank: createNetworkPool on 2 module Web Workers vs simulateNetwork on the page's thread
  const net = sampleNetwork({ n: 20_000, C: [[2, 0], [0, 0.5]], rng: createRng('browser'), xiScale: 2.5 });
  const x0 = stateWithOverlaps(net, [0.5, 0.1]);
  const options = { duration: 2, dt: 0.05, components: [0, 12_345, 19_999] };
  const single = simulateNetwork(net, activations.tanh, x0, options);
  const backend = createNetworkStepper(net, activations.tanh, x0).backend;
  check('lowrank kernel backend on the page thread (wasm-simd, or js where synchronous compilation is refused)', backend === 'wasm-simd' || backend === 'js', backend);
  const pool = createNetworkPool({ threads: 2 });
  try {
    const threaded = await pool.simulateNetwork(net, activations.tanh, x0, options);
    check('lowrank createNetworkPool: status', threaded.status === 'success', threaded.message);
    check('lowrank createNetworkPool: x(T) bit-identical to simulateNetwork', identical(single.xEnd, threaded.xEnd));
    check('lowrank createNetworkPool: m(t) bit-identical', single.m.every((m, s) => identical(m, threaded.m[s])));
    let refused = '';
    try { await pool.simulateNetwork(net, { ...activations.tanh }, x0, options); } catch (e) { refused = `${e.name}: ${e.message}`; }
    check('lowrank createNetworkPool: a custom activation is refused with a TypeError', refused.startsWith('TypeError'), refused);
  } finally {
    await pool.close();
  }

  // learn: createNtkPool (units split, barriers per layer) vs empiricalNtk on the page's thread
  const { tanh, linear } = activations;
  const mlpNet = mlp({ sizes: [8, 96, 96, 1], activations: [tanh, tanh, linear], bias: true, init: 'lecun', rng: createRng('browser-ntk') });
  const X = createRng('browser-ntk-x').normals(13 * 8);
  const ntkPool = createNtkPool({ threads: 2 });
  try {
    const a = empiricalNtk(mlpNet, X);
    const b = await ntkPool.empiricalNtk(mlpNet, X);
    check('learn createNtkPool: kernel bit-identical to empiricalNtk', identical(a.total, b.total) && a.perLayer.every((c, k) => identical(c, b.perLayer[k])));
    check('learn createNtkPool: outputs bit-identical', identical(a.output, b.output));
  } finally {
    await ntkPool.close();
  }

  // learn: createMlpPool (units split, shared weights) vs mlpForward + ∂L/∂y + mlpBackward and the step on the page's thread
  const mlpPool = createMlpPool({ threads: 2 });
  try {
    const batch = 17;
    const layered = () => mlp({ sizes: [20, 48, 33, 5], activations: [tanh, activations.relu, linear], rng: createRng('browser-mlp') });
    const one = layered();
    const Xm = createRng('browser-mlp-x').normals(batch * 20), Tm = createRng('browser-mlp-t').normals(batch * 5);
    const cache = mlpForward(one, Xm, batch);
    const y = cache.x[3], dOut = new Float64Array(y.length);
    let loss = 0;
    for (let q = 0; q < y.length; q++) { loss += squaredHalf.value(y[q], Tm[q]); dOut[q] = squaredHalf.derivative(y[q], Tm[q]); }
    const g = mlpBackward(one, cache, dOut);
    const got = await mlpPool.gradient(one, Xm, Tm, batch);
    check('learn createMlpPool: loss and gradients bit-identical to mlpForward + mlpBackward', Object.is(got.loss, loss)
      && ['gradW', 'gradB', 'delta'].every((k) => g[k].every((a, l) => identical(a, got.gradients[k][l]))));
    const shared = mlpPool.share(layered());
    await mlpPool.trainStep(shared, Xm, Tm, batch, { learningRate: 0.01 });
    one.weights.forEach((W, l) => { for (let q = 0; q < W.length; q++) W[q] -= 0.01 * g.gradW[l][q]; });
    one.biases.forEach((b, l) => { for (let i = 0; i < b.length; i++) b[i] -= 0.01 * g.gradB[l][i]; });
    check('learn createMlpPool: a training step on a shared network bit-identical', shared.weights.every((W, l) => identical(W, one.weights[l]))
      && shared.biases.every((b, l) => identical(b, one.biases[l])));
  } finally {
    await mlpPool.close();
  }
}

run()
  .catch((e) => check('no exception', false, String(e && e.stack ? e.stack : e)))
  .finally(() => fetch('/result', { method: 'POST', body: JSON.stringify({ userAgent: navigator.userAgent, checks, fingerprints: encodeBits(fingerprints) }) }));

/** Each number as the hex of its 8 bytes, so JSON carries the exact bits (−0 and NaN included). */
function encodeBits(obj) {
  const view = new DataView(new ArrayBuffer(8));
  const hex = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16); };
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v.map(hex)]));
}
