// Compile-time checks that the public signatures of sections B–G match the core API contract
// (/tmp/core-contract.md, copied into the comments below); `npx tsc -p tsconfig.json --noEmit`
// fails if they drift. Dependent packages code against exactly these shapes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Matrix } from 'ml-matrix';
import {
  activations, axpy, brent, cholesky, createRng, defineActivation, derivative, dot, eigen, erf, erfFn,
  expectNormal, expectNormalAdaptive, findRoots, gaussHermite, gradientCentral, gradientForward, linear,
  matvec, multivariateNormal, relu, sigmoid, solve, square, symmetricEigen, tanh,
} from '@neurobridge/core';
import type { Activation, MatrixInput, Rng } from '@neurobridge/core';

describe('contract types (sections B–G)', () => {
  it('B. activations', () => {
    expectTypeOf<Activation>().toEqualTypeOf<{
      readonly name: string;
      f(x: number): number;
      df(x: number): number;
      d2f(x: number): number;
    }>();
    for (const a of [linear, tanh, sigmoid, relu, square, erf]) expectTypeOf(a).toEqualTypeOf<Activation>();
    expectTypeOf(activations).toEqualTypeOf<Readonly<Record<'linear' | 'tanh' | 'sigmoid' | 'relu' | 'square' | 'erf', Activation>>>();
    expectTypeOf(defineActivation).returns.toEqualTypeOf<Activation>();
    expectTypeOf(erfFn).toEqualTypeOf<(x: number) => number>();
    // @ts-expect-error a spec without d2f does not compile
    expect(() => defineActivation({ name: 'x', f: (x: number) => x, df: () => 1 })).toThrow(TypeError);
  });
  it('C. randomness', () => {
    expectTypeOf<Rng>().toEqualTypeOf<{
      uniform(): number;
      normal(): number;
      normals(n: number, out?: Float64Array): Float64Array;
      int(n: number): number;
      substream(name: string): Rng;
    }>();
    expectTypeOf(createRng).toEqualTypeOf<(seed: string | number) => Rng>();
    expectTypeOf(multivariateNormal).toExtend<
      (rng: Rng, mean: ArrayLike<number>, cov: number[][], count: number, options?: { method?: 'cholesky' | 'eigen' }) => Float64Array[]
    >();
    // @ts-expect-error an unknown method does not compile
    expect(() => multivariateNormal(createRng(1), [0], [[1]], 1, { method: 'svd' })).toThrow(RangeError);
  });
  it('D. linear algebra', () => {
    expectTypeOf<MatrixInput>().toEqualTypeOf<number[][] | Matrix>();
    expectTypeOf(symmetricEigen).toExtend<(A: MatrixInput) => { values: Float64Array; vectors: Float64Array[] }>();
    expectTypeOf(eigen).toExtend<(A: MatrixInput) => { re: Float64Array; im: Float64Array; vectors: number[][] }>();
    expectTypeOf(cholesky).toEqualTypeOf<(A: MatrixInput) => number[][]>();
    expectTypeOf(solve).toExtend<(A: MatrixInput, b: ArrayLike<number>) => Float64Array>();
    expectTypeOf(dot).toEqualTypeOf<(a: ArrayLike<number>, b: ArrayLike<number>) => number>();
    expectTypeOf(axpy).toEqualTypeOf<(alpha: number, x: ArrayLike<number>, y: Float64Array) => Float64Array>();
    expectTypeOf(matvec).toEqualTypeOf<(A: Float64Array, rows: number, cols: number, x: ArrayLike<number>, out?: Float64Array) => Float64Array>();
    // @ts-expect-error axpy updates y in place: a number[] y does not compile
    axpy(1, [1], [0] as number[]);
  });
  it('E. Gaussian quadrature', () => {
    expectTypeOf(gaussHermite).toExtend<(order: number) => { nodes: Float64Array; weights: Float64Array }>();
    expectTypeOf(expectNormal).toEqualTypeOf<(f: (z: number) => number, order?: number) => number>();
    expectTypeOf(expectNormalAdaptive).toExtend<
      (f: (z: number) => number, options?: { tol?: number; maxOrder?: number; breakpoints?: number[] }) => { value: number; error: number; order: number }
    >();
  });
  it('F. roots', () => {
    expectTypeOf(brent).toExtend<(f: (x: number) => number, a: number, b: number, options?: { xtol?: number; rtol?: number; maxIter?: number }) => number>();
    expectTypeOf(findRoots).toExtend<(f: (x: number) => number, a: number, b: number, options?: { samples?: number }) => number[]>();
  });
  it('G. finite differences', () => {
    expectTypeOf(gradientCentral).toExtend<(f: (x: Float64Array) => number, x: ArrayLike<number>, options?: { h?: number }) => Float64Array>();
    expectTypeOf(gradientForward).toExtend<(f: (x: Float64Array) => number, x: ArrayLike<number>, options?: { h?: number }) => Float64Array>();
    expectTypeOf(derivative).toExtend<(f: (x: number) => number, x: number, options?: { h?: number; method?: 'central' | 'forward' }) => number>();
    // @ts-expect-error method must be 'central' or 'forward'
    expect(() => derivative(Math.sin, 0, { method: 'backward' })).toThrow(RangeError);
  });
});
