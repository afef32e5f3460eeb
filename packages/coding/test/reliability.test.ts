// Issue 16: no silent wrong answers, no hangs, every bad input a TypeError/RangeError naming the
// caller's parameter. One regression per weakness found by the audit, grouped by source file.
import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import {
  customKernel, doublyStochasticTrials, eigenvectorAngleBound, expectedJointWeight, expectedJpsthCommonDrive,
  expectedJpsthIndependent, exponentialKernel, exponentialVariate, gammaVariate, gaussianStimulus, jointWeights, jpsth,
  jpsthGoodnessOfFit, lnPoisson, logFactorial, normalizedJpsth, normalTwoSidedP, poissonCount, poissonProcess,
  poissonTrials, predictSpikeTriggered, psth, psthPredictor, resolveBins, shufflePredictor, shiftPredictor,
  spikeTriggeredAverage, spikeTriggeredCovariance, staSubspaceTest, stcProjection, stimulusCovariance,
  subtractMatrix, delayEmbed, coincidenceHistogram, crossCorrelogram, commonDriveTrials,
} from '@neurobridge/coding';

const rec = [[[1, 5, 9], [2, 6]], [[3], [4, 8]]];
const bins = { stop: 10, width: 1 };
const rng = () => createRng('reliability');
const stim = () => gaussianStimulus({ frames: 200, dim: 3, rng: rng() });
const ones = (n: number) => new Array<number>(n).fill(1);
const bad = <T>(v: unknown) => v as T;

describe('options given as null are errors, not defaults (bins, psth, jpsth, trials, predictors, stc)', () => {
  it('null is not undefined: each names its parameter', () => {
    expect(() => resolveBins({ start: bad(null), stop: 10, width: 1 })).toThrow(new TypeError('bins.start must be a number; got null'));
    expect(() => psth(rec, bins, { cell: bad(null) })).toThrow(/cell must be an integer >= 0; got null/);
    expect(() => poissonTrials(10, { stop: 100, trials: 2, cells: bad(null), rng: rng() })).toThrow(/cells must be an integer; got null/);
    expect(() => doublyStochasticTrials(10, { stop: 100, trials: 2, gainVariance: bad(null), rng: rng() })).toThrow(/gainVariance must be a number; got null/);
    expect(() => shiftPredictor(rec, bins, { shift: bad(null) })).toThrow(/shift must be an integer; got null/);
    expect(() => crossCorrelogram(jpsth(rec, bins), { maxLag: bad(null) })).toThrow(/maxLag must be an integer; got null/);
    expect(() => coincidenceHistogram(jpsth(rec, bins), { halfWidth: bad(null) })).toThrow(/halfWidth must be an integer; got null/);
    expect(() => spikeTriggeredCovariance(stim(), ones(200), { prior: bad(null) })).toThrow(/options.prior must be 'frames' or a 3×3 matrix; got null/);
    expect(() => spikeTriggeredCovariance(stim(), ones(200), { quantile: bad(null) })).toThrow(/options.quantile must be a number; got null/);
    expect(() => commonDriveTrials({ stop: 100, trials: 2, rng: rng(), driverRate: 10, kernel: exponentialKernel({ tau: 5 }), alpha: 0.5, driveStart: bad(null) })).toThrow(/driveStart must be a number; got null/);
  });
  it('poissonTrials rejects gainVariance and sampleGain instead of ignoring them', () => {
    expect(() => poissonTrials(10, bad({ stop: 100, trials: 2, gainVariance: 1, rng: rng() }))).toThrow(/options.gainVariance is not an option/);
  });
});

describe('matrix consumers check their matrices (predictors, crossCorrelogram, jpsthFit)', () => {
  it('psthPredictor, shufflePredictor and normalizedJpsth name the JPSTH they were given', () => {
    for (const f of [psthPredictor, shufflePredictor, normalizedJpsth]) {
      for (const v of [null, 'x', {}, { size: 2, values: new Float64Array(3) }]) expect(() => f(bad(v))).toThrow(/^jpsth must be a JPSTH from jpsth\(\)/);
    }
  });
  it('subtractMatrix names a and b, and refuses matrices over different bins', () => {
    expect(() => subtractMatrix(bad(null), jpsth(rec, bins))).toThrow(/^a must be a JPSTH or another BinMatrix/);
    expect(() => subtractMatrix(jpsth(rec, bins), bad({}))).toThrow(/^b must be a JPSTH or another BinMatrix/);
    expect(() => subtractMatrix(jpsth(rec, bins), jpsth(rec, { start: 10, stop: 20, width: 1 }))).toThrow(/b.bins must equal a.bins/);
  });
  it('jpsthGoodnessOfFit checks the expected matrix: shape, bins, finite values', () => {
    const K200 = poissonTrials(10, { stop: 10, trials: 200, rng: rng() });
    const e = expectedJpsthIndependent(10, bins);
    expect(() => jpsthGoodnessOfFit(K200, bad({ bins: e.bins, size: 2, values: new Float64Array(3) }), { blocks: 1 })).toThrow(/^expected must be a JPSTH or another BinMatrix/);
    expect(() => jpsthGoodnessOfFit(K200, bad({ bins: null, size: 10, values: new Float64Array(100) }), { blocks: 1 })).toThrow(/^expected must be a JPSTH/);
    expect(() => jpsthGoodnessOfFit(K200, bad({ bins: { stop: 10, width: -1, count: 10 }, size: 10, values: new Float64Array(100) }), { blocks: 1 })).toThrow(/^expected.bins.width must be > 0/);
    const nan = { ...e, values: Float64Array.from(e.values, (v, i) => (i === 3 ? NaN : v)) };
    expect(() => jpsthGoodnessOfFit(K200, nan, { blocks: 1 })).toThrow(new RangeError('expected.values[3] must be finite; got NaN'));
  });
});

describe('unbounded work is refused up front (poisson, trials, expectedJpsth)', () => {
  it('a train whose expected length no array can hold is refused even with a huge maxSpikes', () => {
    expect(() => poissonProcess(1e12, { stop: 1000, rng: rng(), maxSpikes: Number.MAX_SAFE_INTEGER })).toThrow(/rate × \(stop − start\)/);
  });
  it('the maxSpikes message names the rate and the window', () => {
    expect(() => poissonProcess(1e300, { stop: 1000, rng: rng() })).toThrow(/maxSpikes must be >= the expected number of thinning candidates \(1\.000e\+300 over 1 train\(s\)\); got 100000000: the rate over \[0, 1000\) ms/);
  });
  it('a sampleGain that returns huge gains stops at maxSpikes instead of running for minutes', () => {
    expect(() => doublyStochasticTrials(10, { stop: 1000, trials: 2, sampleGain: () => 1e9, rng: rng() })).toThrow(/maxSpikes must be >= the expected number of spikes with the gains drawn by sampleGain/);
  });
  it('a sampled rate whose length is not an array length is refused', () => {
    expect(() => poissonProcess({ values: bad({ length: 1e12 }), dt: 1 }, { stop: 100, rng: rng() })).toThrow(/rate.values.length must be an integer in \[1, 4294967295\]; got 1000000000000/);
  });
  it('expectedJpsthCommonDrive counts the quadrature panels before building them (a tiny kernel time constant)', () => {
    expect(() => expectedJpsthCommonDrive({ driverRate: 10, kernel: exponentialKernel({ tau: 1e-300 }), alpha: 0.5 }, bins)).toThrow(/maxWork must be >=/);
  });
  it('expectedJpsthCommonDrive checks the model object and its keys', () => {
    expect(() => expectedJpsthCommonDrive(bad(null), bins)).toThrow(/^model must be an object/);
    expect(() => expectedJpsthCommonDrive(bad({ driverRate: 10, kernel: exponentialKernel({ tau: 5 }), alhpa: 0.5 }), bins)).toThrow(/model.alhpa is not a key of model \(did you mean alpha\?/);
  });
});

describe('random variates check the generator (randomVariates)', () => {
  it('rng and k are named', () => {
    expect(() => poissonCount(bad(null), 3)).toThrow(/^rng must be a generator from createRng/);
    expect(() => gammaVariate(bad(null), 3)).toThrow(/^rng must be a generator from createRng/);
    expect(() => exponentialVariate(bad(null))).toThrow(/^rng must be a generator from createRng/);
    expect(() => logFactorial(-1)).toThrow(new RangeError('k must be an integer >= 0; got -1'));
    expect(() => logFactorial(bad('3'))).toThrow(new TypeError('k must be an integer; got "3"'));
  });
});

describe('kernels name their options (kernels)', () => {
  it('customKernel: name must be a string; an integral lost to a too-wide support names support', () => {
    expect(() => customKernel({ value: (s) => (s < 0 ? 0 : 1), support: 10, name: bad(5) })).toThrow(/name must be a string; got 5/);
    expect(() => customKernel({ value: (s) => (s < 0 ? 0 : Math.exp(-s)), support: 1e300 })).toThrow(/support = 1e\+300/);
  });
});

describe('extreme magnitudes give a correct result or an error naming the parameter', () => {
  it('expectedJpsthIndependent: a rate whose pair counts overflow is a RangeError, not Infinity', () => {
    expect(() => expectedJpsthIndependent(1e200, bins)).toThrow(/rate is too large/);
  });
  it('normalTwoSidedP of a huge z is 0, not an error about x', () => {
    expect(normalTwoSidedP(1e300)).toBe(0);
    expect(normalTwoSidedP(-1e200)).toBe(0);
  });
  it('stimulusCovariance and spikeTriggeredCovariance of an overflowing stimulus name the stimulus', () => {
    const s = { data: new Float64Array([1e300, 1e300, -1e300, 1]), frames: 2, dim: 2 };
    expect(() => stimulusCovariance(s)).toThrow(/stimulus.data is too large/);
    expect(() => spikeTriggeredCovariance(s, [1, 1])).toThrow(/stimulus.data is too large/);
  });
  it('weights of 1e300 or 1e-320 keep a finite effective count', () => {
    const s = stim();
    for (const w of [1e300, 1e-320]) {
      const r = spikeTriggeredAverage(s, new Array(200).fill(w));
      expect(r.effectiveCount).toBeCloseTo(200, 9);
      expect(spikeTriggeredCovariance(s, new Array(200).fill(w)).effectiveCount).toBeCloseTo(200, 9);
      expect(Number.isFinite(staSubspaceTest(r.sta, [[1, 0, 0]], new Array(200).fill(w)).rmsAngle)).toBe(true);
    }
  });
  it('jointWeights refuses counts beyond the exact range instead of returning NaN', () => {
    expect(() => jointWeights([1e300, 1], [1, 1], { maxLag: 1 })).toThrow(/counts1\[0\] must be <= 67108864/);
  });
});

describe('subspace tests validate sta, dirs, u, v, lambda and weights (subspaceTests)', () => {
  const s = stim();
  it('stcProjection and eigenvectorAngleBound check the weights like the STA does', () => {
    const neg = ones(200); neg[0] = -1;
    const str = bad<number[]>(ones(200)); (str as unknown[])[0] = '1';
    for (const w of [neg, str, new Array(200).fill(0), [1, 2]]) {
      expect(() => stcProjection(s, w, [1, 0, 0])).toThrow(/^weights/);
      expect(() => eigenvectorAngleBound(s, w, [1, 0, 0], 1)).toThrow(/^weights/);
    }
  });
  it('u, v and lambda are checked; a stimulus with NaN names the stimulus', () => {
    expect(() => stcProjection(s, ones(200), bad(null))).toThrow(/^u must be an array-like/);
    expect(() => stcProjection(s, ones(200), [NaN, 0, 0])).toThrow(/^u\[0\] must be finite/);
    expect(() => eigenvectorAngleBound(s, ones(200), [1], 1)).toThrow(/^v must have length 3/);
    expect(() => eigenvectorAngleBound(s, ones(200), [1, 0, 0], NaN)).toThrow(/^lambda must be finite/);
    const nan = { data: new Float64Array([NaN, 1, 1, 1]), frames: 2, dim: 2 };
    expect(() => stcProjection(nan, [1, 1], [1, 0])).toThrow(/stimulus.data must be finite; frame 0/);
    expect(() => eigenvectorAngleBound(nan, [1, 1], [1, 0], 1)).toThrow(/stimulus.data must be finite; frame 0/);
  });
  it('stcProjection needs two weighted frames for a standard error', () => {
    expect(() => stcProjection(s, Array.from({ length: 200 }, (_, i) => (i === 5 ? 1 : 0)), [1, 0, 0])).toThrow(/weights must have at least 2 frames with w_t > 0/);
  });
  it('eigenvectorAngleBound in one dimension is 0 (no direction to tilt to)', () => {
    expect(eigenvectorAngleBound(gaussianStimulus({ frames: 20, dim: 1, rng: rng() }), ones(20), [1], 1)).toBe(0);
  });
  it('staSubspaceTest: sta, dirs (empty allowed) and weights are checked', () => {
    expect(() => staSubspaceTest(bad(null), [[1, 0, 0]], [1])).toThrow(/^sta must be an array-like/);
    expect(() => staSubspaceTest([NaN, 0, 0], [[1, 0, 0]], [1])).toThrow(/^sta\[0\] must be finite/);
    expect(() => staSubspaceTest([1, 0, 0], bad(null), [1])).toThrow(/^dirs must be an array of vectors/);
    expect(() => staSubspaceTest([1, 0, 0], [[1, 0]], [1])).toThrow(/^dirs\[0\] must have length 3/);
    expect(() => staSubspaceTest([1, 0, 0], [[1, 0, 0]], [0, 0])).toThrow(/^weights must have a positive sum/);
    expect(() => staSubspaceTest([1, 0, 0], [[1, 0, 0]], [1, -1])).toThrow(/^weights\[1\] must be finite and >= 0/);
    expect(staSubspaceTest([1, 0, 0], [], [1, 1]).dof).toBe(3);
  });
});

describe('functions of the user are checked where they are used (lnModel, jointWeights, spikeTriggeredTheory)', () => {
  it('lnPoisson names a non-finite stimulus frame, not the nonlinearity', () => {
    const stimulus = { data: new Float64Array([NaN, 1, 1, 1]), frames: 2, dim: 2 };
    expect(() => lnPoisson({ stimulus, cells: [{ filters: [[1, 0]], nonlinearity: (u) => Math.exp(u[0]) }], rng: rng() })).toThrow(/options.stimulus.data must be finite; frame 0/);
  });
  it('expectedJointWeight checks what rate1 and rate2 return', () => {
    const f = expectedJointWeight({ rate1: () => NaN, rate2: () => 1, meanRate1: 1, meanRate2: 1, maxLag: 1 });
    expect(() => f(new Float64Array(1))).toThrow(/options.rate1 must return a finite value >= 0; got NaN/);
    const g = expectedJointWeight({ rate1: () => 1, rate2: bad(() => '1'), meanRate1: 1, meanRate2: 1, maxLag: 1 });
    expect(() => g(new Float64Array(1))).toThrow(/options.rate2 must return a finite value >= 0; got "1"/);
  });
  it('predictSpikeTriggered refuses a covariance that is not positive definite', () => {
    expect(() => predictSpikeTriggered({ filters: [[1, 0]], weight: (u) => Math.exp(u[0]), covariance: [[1, 2], [2, 1]] })).toThrow(/options.covariance/);
  });
  it('delayEmbed names signal.length when the embedding would be too large', () => {
    expect(() => delayEmbed(bad({ length: 1e12 }), 2)).toThrow(/^signal.length·dim must be <=/);
  });
});
