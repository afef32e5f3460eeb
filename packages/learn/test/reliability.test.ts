/**
 * Issue 16 for @neurobridge/learn: no silent wrong answers, no hangs, every bad input a clear error.
 * Each case failed before its fix (coerced values, NaN results, 'maxSteps' at a loss of 1e126, a
 * throw from inside the loss, V8's "Invalid typed array length").
 */
import { describe, expect, it } from 'vitest';
import { activations, createRng } from '@neurobridge/core';
import {
  backward, createMlpCache, datasetBackward, empiricalNtk, forward, gradientDescent, graphNetwork, graphObjective,
  kernelGradientDescent, linearize, mlp, mlpForward, mlpSetParameters, mse, solveCoefficients, squared, squaredHalf,
  toyRegressionTask, trainFullBatch,
} from '../src/index.js';

const { tanh, linear, square } = activations;
const net2 = graphNetwork({ inputs: ['x', 'y'], nodes: [{ name: 'o', activation: linear }], links: [['x', 'o'], ['y', 'o']] });
const quad = (p: Record<string, number>) => ({ loss: 0.5 * (p.a - 1) ** 2 + 2 * (p.b + 2) ** 2, grad: { a: p.a - 1, b: 4 * (p.b + 2) } });

describe('values are never coerced: a string, null or NaN names the entry', () => {
  it('graph params, inputs and targets', () => {
    expect(() => forward(net2, { wxo: '1' as never, wyo: 2, bo: 0 }, [1, 2])).toThrow(new TypeError('params.wxo must be a number; got "1"'));
    expect(() => forward(net2, { wxo: 1, wyo: 2, bo: null as never }, [1, 2])).toThrow(new TypeError('params.bo must be a number; got null'));
    expect(() => forward(net2, [1, 2, 0], [2, null as never])).toThrow(new TypeError('input[1] (y) must be a number; got null'));
    expect(() => backward(net2, [1, 2, 0], [1, 2], '3' as never, squared)).toThrow(TypeError);
    expect(() => graphObjective(net2, [{ input: [1, 'a' as never], target: 1 }], squared)).toThrow(new TypeError('samples[0].input[1] (y) must be a number; got "a"'));
  });
  it('unknown or misspelt keys are TypeErrors with "did you mean"', () => {
    expect(() => forward(net2, { wxo: 1, wyo: 2, b0: 0 } as never, [1, 2])).toThrow(/params.b0 is not a key of params \(did you mean bo\?/);
    expect(() => graphObjective(net2, [{ input: [1, 2], target: 1 }], squared, { reducton: 'sum' } as never)).toThrow(/options.reducton is not an option \(did you mean reduction\?/);
    expect(() => gradientDescent({ objective: quad, params: { a: 0, b: 0 }, learningRate: 0.1, step: 3 } as never)).toThrow(/options.step is not an option \(did you mean steps\?/);
    expect(() => mlp({ sizes: [2, 1], activations: tanh, baias: false } as never)).toThrow(/options.baias is not an option \(did you mean bias\?/);
    const net = mlp({ sizes: [2, 3, 1], activations: [tanh, linear], init: { constant: 0.1 } });
    expect(() => empiricalNtk(net, [[1, 2]], { layerRate: [1, 1] } as never)).toThrow(/options.layerRate is not an option \(did you mean layerRates\?/);
    expect(() => trainFullBatch(net, [[1, 2]], [1], { learningRate: 0.1, step: 3 } as never)).toThrow(/did you mean steps\?/);
  });
  it('mlp inputs, targets and parameter vectors', () => {
    const net = mlp({ sizes: [2, 3, 1], activations: [tanh, linear], init: { constant: 0.1 } });
    expect(() => empiricalNtk(net, [[1, null as never]])).toThrow(new TypeError('inputs[0][1] must be a number; got null'));
    expect(() => trainFullBatch(net, [[1, 2]], ['1' as never], { learningRate: 0.1 })).toThrow(new TypeError('targets[0] must be a number; got "1"'));
    expect(() => mlpSetParameters(net, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '1' as never, 0, 0])).toThrow(new TypeError('theta[10] must be a number; got "1"'));
    expect(() => mse(['1' as never], [1])).toThrow(new TypeError('predictions[0] must be a number; got "1"'));
  });
});

describe('gradientDescent flags numerical failure with a status', () => {
  it('a loss that grows by 12 orders of magnitude is diverged, not maxSteps at 1e126', () => {
    const r = gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: 1e6, steps: 10 });
    expect(r.status).toBe('diverged');
    expect(r.steps).toBe(1);
    expect(r.message).toMatch(/try a smaller learningRate/);
  });
  it('a loss that throws on an overflowed prediction is status nonFinite with the step', () => {
    const net = graphNetwork({ inputs: ['x'], nodes: [{ name: 'h', activation: square }, { name: 'o', activation: square }], links: [['x', 'h'], ['h', 'o']] });
    const obj = graphObjective(net, [{ input: [1], target: 0.5 }], squaredHalf);
    const r = gradientDescent({ objective: obj, params: { wxh: 2, bh: 0, who: 2, bo: 0 }, learningRate: 1e100, steps: 10 });
    expect(r.status).toBe('nonFinite');
    expect(r.message).toMatch(/at step 1/);
  });
  it('a params vector with NaN is checked like a record', () => {
    const obj = graphObjective(net2, [{ input: [1, 2], target: 1 }], squared);
    expect(() => gradientDescent({ objective: obj, params: [1, NaN, 0], learningRate: 0.1, steps: 1 })).toThrow(new RangeError('options.params[1] must be finite; got NaN'));
  });
});

describe('a NaN weight is named, never an all-NaN result', () => {
  it('mlpForward and empiricalNtk name the weight', () => {
    const net = mlp({ sizes: [2, 3, 1], activations: [tanh, linear], init: { constant: 0.1 } });
    net.weights[0][4] = NaN;
    expect(() => mlpForward(net, Float64Array.of(1, 2), 1)).toThrow(new RangeError('net.weights[0][4] (unit 2, input 0) must be finite; got NaN'));
    expect(() => empiricalNtk(net, [[1, 2]])).toThrow(/net.weights\[0\]\[4\] \(unit 2, input 0\) must be finite; got NaN/);
  });
  it('a finite network that overflows is a RangeError, not Infinity', () => {
    const net = mlp({ sizes: [1, 1, 1], activations: [square, linear], bias: false, init: { constant: 1e200 } });
    expect(() => mlpForward(net, Float64Array.of(1), 1)).toThrow(/overflowed with finite weights and input/);
    const g = graphNetwork({ inputs: ['x'], nodes: [{ name: 'o', activation: square }], links: [['x', 'o']] });
    expect(() => forward(g, { wxo: 1e200, bo: 0 }, [1])).toThrow(/node 'o' overflowed/);
  });
});

describe('unbounded work and memory are refused up front', () => {
  it('huge widths, batches, example counts and steps', () => {
    expect(() => mlp({ sizes: [100_000, 100_000], activations: tanh, init: { constant: 0 } })).toThrow(/options.sizes\[1\] × options.sizes\[0\] = 100000 × 100000 weights = 10000000000 doubles in one array; at most 134217728/);
    const net = mlp({ sizes: [2, 3, 1], activations: [tanh, linear], init: { constant: 0.1 } });
    expect(() => createMlpCache(net, 1e9)).toThrow(/batch × sizes\[0\] = 1000000000 × 2/);
    expect(() => empiricalNtk(net, new Float64Array(2 * 20_000))).toThrow(/p × p kernel entries \(p = 20000 examples\)/);
    expect(() => gradientDescent({ objective: quad, params: { a: 0, b: 0 }, learningRate: 0.1, steps: 1e9, record: 'loss' })).toThrow(/options.steps must be an integer in \[0, 10000000\]; got 1000000000/);
    expect(() => gradientDescent({ objective: quad, params: { a: 0, b: 0 }, learningRate: 0.1, steps: 5e6 })).toThrow(/record 'all' would keep \(steps \+ 1\) × parameters = 5000001 × 2 values/);
    expect(() => toyRegressionTask({ inputDim: 1e6, latentDim: 1e6, rng: createRng(1) })).toThrow(/options.inputDim × options.latentDim/);
  });
  it('kernelGradientDescent reports divergence instead of returning a blown-up a', () => {
    const net = mlp({ sizes: [2, 8, 1], activations: [tanh, linear], rng: createRng(3) });
    const model = linearize(net, [[1, 0], [0, 1], [1, 1]]);
    const ok = kernelGradientDescent(model, [1, 0, 1], { learningRate: 0.1, steps: 10 });
    expect(ok.status).toBe('maxSteps');
    const bad = kernelGradientDescent(model, [1, 0, 1], { learningRate: 1e6, steps: 100 });
    expect(bad.status).toBe('diverged');
    expect(bad.message).toMatch(/learningRate 1000000 too large/);
    expect(() => solveCoefficients(model, [1, 0, 1], { ridg: 1 } as never)).toThrow(/did you mean ridge\?/);
  });
  it('datasetBackward checks its samples before reading them', () => {
    expect(() => datasetBackward(net2, [1, 2, 0], null as never, squared)).toThrow(new TypeError('samples must be a non-empty array of {input, target}; got null'));
    expect(() => datasetBackward(net2, [1, 2, 0], [null as never], squared)).toThrow(new TypeError('samples[0] must be an object {input, target}; got null'));
  });
});
