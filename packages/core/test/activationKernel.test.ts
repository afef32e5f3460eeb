// The WebAssembly tanh kernel of the activation layer: the committed bytes are what the build script
// assembles, and the generator's constants and memory layout are core's portableTanh's.
// (Its bits against portableTanh, on both kernels: test/activationArrays.test.ts.)
import { describe, expect, it } from 'vitest';
import { PORTABLE_TANH_TABLES } from '@neurobridge/core';
import { ACTIVATION_KERNEL_WASM } from '../src/elementary/activationKernelWasm.js';
import { CONST_AT as KERNEL_CONST_AT, CONST_BYTES as KERNEL_CONST_BYTES, useActivationKernel } from '../src/elementary/activationKernel.js';
// @ts-expect-error — plain JavaScript build script (wabt), no type declarations
import { assembleActivationKernel } from '../scripts/build-activation-wasm.mjs';
// @ts-expect-error — plain JavaScript generator, no type declarations
import { CONST_AT, CONST_BYTES, LN2_OVER_STEPS, STEPS_OVER_LN2, STEPS_PER_OCTAVE, TABLE_SIZE, TANH_SATURATION } from '../scripts/activationKernelWat.mjs';

describe('activation kernel (WebAssembly SIMD tanh)', () => {
  it('the committed binary is what scripts/build-activation-wasm.mjs assembles from the generator', async () => {
    expect(Buffer.from(await assembleActivationKernel()).toString('base64')).toBe(ACTIVATION_KERNEL_WASM);
  });

  it("the generator's constants are the doubles of portableTanh, and its layout is the kernel's", () => {
    const { E, W, stepsPerOctave, h, invH, saturation } = PORTABLE_TANH_TABLES;
    expect(STEPS_PER_OCTAVE).toBe(stepsPerOctave);
    expect(Object.is(LN2_OVER_STEPS, h)).toBe(true);
    expect(Object.is(STEPS_OVER_LN2, invH)).toBe(true);
    expect(Object.is(TANH_SATURATION, saturation)).toBe(true);
    expect(TABLE_SIZE).toBe(E.length);
    expect(W.length).toBe(TABLE_SIZE);
    expect(CONST_AT).toBe(KERNEL_CONST_AT);
    expect(CONST_BYTES).toBe(KERNEL_CONST_BYTES);
  });

  it('compiles here (Node has WebAssembly SIMD), so the bit-identity tests cover the WebAssembly lanes', () => {
    expect(useActivationKernel('wasm-simd')).toBe('wasm-simd');
  });
});
