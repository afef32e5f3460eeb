import { activations, createRng, PORTABLE_TANH_TABLES } from '@neurobridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createNetworkStepper, fastTanh, sampleNetwork, simulateNetwork, stateWithOverlaps } from '../src/index.js';
import { NETWORK_KERNEL_WASM, NETWORK_KERNEL_WASM_SHARED } from '../src/network/networkKernelWasm.js';
import { createWasmKernel, disableWasmKernel, packLoadingsPairs, wasmLayout } from '../src/network/networkWasm.js';
import { TABLE_SIZE } from '../src/network/fastTanh.js';
// @ts-expect-error — plain JavaScript build script (wabt), no type declarations
import { assembleNetworkKernel } from '../scripts/build-network-wasm.mjs';
// @ts-expect-error — plain JavaScript generator, no type declarations
import { CONST_AT, CONST_BYTES, LN2_OVER_STEPS, STEPS_OVER_LN2, STEPS_PER_OCTAVE, TABLE_SIZE as GENERATOR_TABLE_SIZE, TANH_SATURATION } from '../scripts/networkKernelWat.mjs';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('WebAssembly SIMD kernel (rank 2, tanh)', () => {
  afterEach(() => disableWasmKernel(false));

  it('the committed binaries are what scripts/build-network-wasm.mjs assembles from the generator', async () => {
    const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');
    expect(b64(await assembleNetworkKernel(false))).toBe(NETWORK_KERNEL_WASM);
    expect(b64(await assembleNetworkKernel(true))).toBe(NETWORK_KERNEL_WASM_SHARED);
  });

  it('the generator and the memory layout agree: tables, then the constants, then W', () => {
    expect(GENERATOR_TABLE_SIZE).toBe(TABLE_SIZE);
    expect(TABLE_SIZE).toBe(PORTABLE_TANH_TABLES.E.length);
    expect(PORTABLE_TANH_TABLES.W.length).toBe(TABLE_SIZE);
    expect(CONST_AT).toBe(16 * TABLE_SIZE);
    expect(wasmLayout(5).W).toBe(CONST_AT + CONST_BYTES);
  });

  it("the generator's tanh constants are the doubles of core's portableTanh, and the module's memory holds core's tables", () => {
    const { E, W, stepsPerOctave, h, invH, saturation } = PORTABLE_TANH_TABLES;
    expect(STEPS_PER_OCTAVE).toBe(stepsPerOctave);
    expect(Object.is(LN2_OVER_STEPS, h)).toBe(true);
    expect(Object.is(STEPS_OVER_LN2, invH)).toBe(true);
    expect(Object.is(TANH_SATURATION, saturation)).toBe(true);
    const k = createWasmKernel(4, false);
    expect(k).not.toBeNull();
    const tables = new Float64Array(k!.memory.buffer, 0, 2 * TABLE_SIZE);
    for (let j = 0; j < TABLE_SIZE; j++) {
      if (!Object.is(tables[2 * j], W[j]) || !Object.is(tables[2 * j + 1], E[j])) throw new Error(`table entry ${j}: [${tables[2 * j]}, ${tables[2 * j + 1]}] vs [W, E] = [${W[j]}, ${E[j]}]`);
    }
  });

  it('each lane computes fastTanh bit for bit, special values included (stage 0 with weight 1 leaves tanh(u) in acc)', () => {
    const u = [0, -0, 1e-300, -5e-324, 1e-9, 0.1, -0.3466, 0.3466, 1, -1.5, 2.7, 9.5, -19.099, 19.1, 19.2, -25, 1e300,
      Infinity, -Infinity, NaN, 0.34657359027997264, 0.0013538030870311431, -0.0013538030870311432];
    const rng = createRng('wasm-tanh');
    for (let i = 0; i < 2000; i++) u.push(6 * (rng.uniform() - 0.5), Math.exp(-40 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1));
    const n = u.length + 1; // odd: the last neuron takes the scalar path
    u.push(0.75);
    const k = createWasmKernel(n, false);
    expect(k).not.toBeNull();
    const eta = new Float64Array(2 * n), xi = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) eta[2 * i] = u[i];
    packLoadingsPairs(n, eta, xi, k!.W);
    k!.stage(0, 0, n, 1, 0, 1, 1, 0); // u_i = η_0i · 1 + η_1i · 0; stage 0 with weight c = 1 stores 1 · tanh(u_i) in acc
    for (let i = 0; i < n; i++) {
      const want = 1 * fastTanh(u[i] * 1 + 0 * 0);
      if (!Object.is(k!.acc[i], want)) throw new Error(`lane value for u = ${u[i]}: ${k!.acc[i]} vs fastTanh ${want}`);
    }
  });

  it('simulateNetwork gives the same bits on the WebAssembly and the JavaScript kernel (odd n, several blocks, n < one block, n = 3)', () => {
    for (const n of [3001, 1025, 7, 3]) {
      const net = sampleNetwork({ n, C: [[2, 0.3], [-0.2, 0.5]], rng: createRng(`wasm-${n}`), xiScale: 2.5 });
      const x0 = stateWithOverlaps(net, [0.6, -0.2]);
      const options = { duration: 1.5, dt: 0.05, sampleDt: 0.25, components: [0, n - 2, n - 1] };
      expect(createNetworkStepper(net, activations.tanh, x0).backend).toBe('wasm-simd');
      const wasm = simulateNetwork(net, activations.tanh, x0, options);
      disableWasmKernel(true);
      expect(createNetworkStepper(net, activations.tanh, x0).backend).toBe('js');
      const js = simulateNetwork(net, activations.tanh, x0, options);
      disableWasmKernel(false);
      expect(same(wasm.xEnd, js.xEnd)).toBe(true);
      expect(wasm.m.every((m, s) => same(m, js.m[s]))).toBe(true);
      expect(wasm.x.every((x, s) => same(x, js.x[s]))).toBe(true);
    }
  });

  it('the stepper on WebAssembly memory: x is a live view, sync() after writing it, results stay the same bits', () => {
    const n = 2049;
    const net = sampleNetwork({ n, C: [[2, 0], [0, 0.5]], rng: createRng('wasm-sync'), xiScale: 2.5 });
    const x0 = stateWithOverlaps(net, [0.5, 0.1]);
    const a = createNetworkStepper(net, activations.tanh, x0);
    disableWasmKernel(true);
    const b = createNetworkStepper(net, activations.tanh, x0);
    for (const st of [a, b]) {
      st.step(0.05, 3);
      st.x[17] += 1; // an outside write, then sync
      st.sync();
      st.step(0.05, 2);
    }
    expect(same(a.x, b.x)).toBe(true);
    expect(same(a.m, b.m)).toBe(true);
  });
});
