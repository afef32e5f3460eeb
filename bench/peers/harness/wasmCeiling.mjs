// The WebAssembly multiply-add ceiling of this machine: how many double-precision multiply-adds per
// second a WebAssembly SIMD loop can issue when nothing but f64x2 multiplies and adds run, all in
// registers (no loads, no stores), on one worker thread and on two at once. WebAssembly has no
// fused multiply-add outside relaxed SIMD (not enabled in Node 20), so a dense kernel in it can at
// best issue f64x2.mul + f64x2.add pairs: this is the bound that learn's and core's products are
// measured against (case 8). A multiply-add counts 2 flops.
//
// The loop (assembled below from its opcodes, as core's matmulTile.ts assembles its panel):
//
//   (func (export "run") (param $iters i32) (param $m f64) (param $c f64) (result f64)
//     (local $mv v128) (local $cv v128) (local $a0 v128) … (local $a11 v128)
//     mv = f64x2.splat(m); cv = f64x2.splat(c); a_i = f64x2.splat(1 + i/12)
//     loop: a_i = f64x2.add(f64x2.mul(a_i, mv), cv) for i = 0…11; iters -= 1; br_if iters ≠ 0
//     return Σ_i lane 0 of a_i)
//
// ACCUMULATORS independent chains hide the latency of a mul followed by an add (3 + 3 cycles on
// current x86 cores, with two multiplies and two adds issued per cycle: 6 · 2 = 12 chains in flight
// keep both pipes busy). 12 accumulators + 2 constants use 14 of the 16 xmm registers V8's x64
// code generator allocates; the loop body is then 12 vmulpd + 12 vaddpd on registers (checked with
// node --print-wasm-code). With m = 1/2, c = 1 every chain converges to 2: no overflow, no subnormals.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Independent accumulator chains in the loop (see above). */
export const ACCUMULATORS = 12;
/** flops per loop iteration: ACCUMULATORS × 2 lanes × (1 multiply + 1 add). */
export const FLOPS_PER_ITERATION = ACCUMULATORS * 2 * 2;

const uleb = (v) => {
  const o = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    o.push(byte);
  } while (v !== 0);
  return o;
};
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const name = (s) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const [I32, F64, V128] = [0x7f, 0x7c, 0x7b];
const localGet = (i) => [0x20, ...uleb(i)];
const localSet = (i) => [0x21, ...uleb(i)];
const localTee = (i) => [0x22, ...uleb(i)];
const simd = (op, ...imm) => [0xfd, ...uleb(op), ...imm];
const F64X2_SPLAT = simd(0x14);
const F64X2_EXTRACT_LANE0 = simd(0x21, 0);
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);
const F64_ADD = 0xa0;
const f64Const = (x) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [0x44, ...b];
};

/** The module bytes: exports run(iters, m, c) → f64. */
export function assembleCeiling(k = ACCUMULATORS) {
  // params 0 iters (i32), 1 m, 2 c (f64); v128 locals 3 mv, 4 cv, 5 … 5 + k − 1 accumulators
  const [ITERS, M, C, MV, CV, A] = [0, 1, 2, 3, 4, 5];
  const body = [...localGet(M), ...F64X2_SPLAT, ...localSet(MV), ...localGet(C), ...F64X2_SPLAT, ...localSet(CV)];
  for (let i = 0; i < k; i++) body.push(...f64Const(1 + i / k), ...F64X2_SPLAT, ...localSet(A + i));
  body.push(0x03, 0x40); // loop
  for (let i = 0; i < k; i++) body.push(...localGet(A + i), ...localGet(MV), ...F64X2_MUL, ...localGet(CV), ...F64X2_ADD, ...localSet(A + i));
  body.push(...localGet(ITERS), 0x41, 1, 0x6b, ...localTee(ITERS), 0x0d, 0, 0x0b); // iters −= 1; br_if 0; end
  body.push(...localGet(A), ...F64X2_EXTRACT_LANE0);
  for (let i = 1; i < k; i++) body.push(...localGet(A + i), ...F64X2_EXTRACT_LANE0, F64_ADD);
  body.push(0x0b);
  const func = [...vec([[2 + k, V128]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [F64], [F64]]), ...vec([[F64]])]])), // (i32, f64, f64) → f64
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('run'), 0x00, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

function instantiate() {
  const bytes = assembleCeiling();
  if (!WebAssembly.validate(bytes)) throw new Error('this engine does not validate WebAssembly SIMD (f64x2)');
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run;
}

if (!isMainThread && workerData?.wasmCeiling) {
  const run = instantiate();
  run(1e5, 0.5, 1); // tier-up before the timed calls
  parentPort.on('message', (iters) => {
    const t0 = performance.now();
    const sink = run(iters, 0.5, 1);
    parentPort.postMessage({ ms: performance.now() - t0, sink });
  });
  parentPort.postMessage('ready');
}

async function startWorkers(k) {
  const workers = Array.from({ length: k }, () => new Worker(new URL(import.meta.url), { workerData: { wasmCeiling: true } }));
  await Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
  return workers;
}

/** Wall milliseconds for every worker to run `iters` iterations at once. */
async function round(workers, iters) {
  const t0 = performance.now();
  await Promise.all(workers.map((w) => new Promise((res) => { w.once('message', res); w.postMessage(iters); })));
  return performance.now() - t0;
}

/**
 * The ceiling on 1 and on 2 worker threads: { one, two, accumulators, iters }, each of one/two
 * { gflops (fastest run: a ceiling is what the machine can do when least disturbed), median, runs },
 * GFLOP/s = threads × FLOPS_PER_ITERATION × iters / wall time. Runs of one and two threads alternate,
 * each about `seconds` long.
 */
export async function measureWasmCeiling({ runs = 7, seconds = 0.2 } = {}) {
  const one = await startWorkers(1);
  const two = await startWorkers(2);
  try {
    let iters = 1e6;
    const probe = await round(one, iters);
    iters = Math.max(1e5, Math.round((iters * seconds * 1e3) / probe));
    const rates = { 1: [], 2: [] };
    for (let r = 0; r < runs; r++) {
      for (const [k, ws] of [[1, one], [2, two]]) {
        const ms = await round(ws, iters);
        rates[k].push((k * FLOPS_PER_ITERATION * iters) / (ms * 1e6));
      }
    }
    const sum = (a) => {
      const s = a.slice().sort((x, y) => x - y);
      return { gflops: s[s.length - 1], median: s[Math.floor(s.length / 2)], runs: s.length };
    };
    return { one: sum(rates[1]), two: sum(rates[2]), accumulators: ACCUMULATORS, iters };
  } finally {
    await Promise.all([...one, ...two].map((w) => w.terminate()));
  }
}
