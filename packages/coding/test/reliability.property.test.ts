// Issue 16, as properties over the public API (fast-check, fixed seed): random valid inputs keep
// the documented invariants; random invalid inputs always give a TypeError or RangeError whose
// message starts with the parameter the caller passed, within bounded time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@neurobridge/core';
import {
  coincidenceHistogram, crossCorrelogram, expectedJpsthIndependent, exponentialKernel, gaussianStimulus, jointWeights, jpsth,
  poissonProcess, poissonTrials, psth, resolveBins, shiftPredictor, spikeTriggeredAverage, spikeTriggeredCovariance,
  stcProjection, staSubspaceTest, summedWeights, chiSquareSurvival, normalTwoSidedP, principalAngles, lnPoisson,
  psthPredictor, subtractMatrix, commonDriveTrials,
} from '@neurobridge/coding';

const params = { seed: 16, numRuns: 200 };
const sorted = (a: number[]) => a.sort((x, y) => x - y);
const trainArb = fc.array(fc.double({ min: -5, max: 60, noNaN: true }), { maxLength: 15 }).map(sorted);
const recordingArb = fc.integer({ min: 1, max: 6 }).chain((K) => fc.array(fc.tuple(trainArb, trainArb), { minLength: K, maxLength: K }));
const binsArb = fc.record({ start: fc.integer({ min: -2, max: 5 }), count: fc.integer({ min: 1, max: 25 }), width: fc.constantFrom(0.5, 1, 2, 2.5) })
  .map(({ start, count, width }) => ({ start, stop: start + count * width, width }));
const inWindow = (t: readonly number[], b: { start: number; stop: number }) => t.filter((x) => x >= b.start && x < b.stop).length;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b));

describe('valid inputs keep the documented invariants', () => {
  it('psth: K·Σ_m P_m is the number of spikes in the window; variance ≥ 0', () => {
    fc.assert(fc.property(recordingArb, binsArb, (rec, bins) => {
      const p = psth(rec, bins);
      const total = rec.reduce((s, trial) => s + inWindow(trial[0], bins), 0);
      return close(p.mean.reduce((s, x) => s + x, 0) * rec.length, total) && p.variance.every((v) => v >= 0);
    }), params);
  });
  it('jpsth: Σ_mn J_mn = (1/K) Σ_k N¹_k N²_k, its rows sum to the pairs with cell 1 in that bin, and the correlogram and coincidence histogram partition it', () => {
    fc.assert(fc.property(recordingArb, binsArb, (rec, bins) => {
      const j = jpsth(rec, bins);
      const pairs = rec.reduce((s, trial) => s + inWindow(trial[0], bins) * inWindow(trial[1], bins), 0) / rec.length;
      const sum = j.values.reduce((s, x) => s + x, 0);
      const cc = crossCorrelogram(j).values.reduce((s, x) => s + x, 0);
      const band = coincidenceHistogram(j, { halfWidth: j.size - 1 }).reduce((s, x) => s + x, 0);
      return close(sum, pairs) && close(cc, pairs) && close(band, pairs) && j.values.every((x) => x >= 0);
    }), params);
  });
  it('shiftPredictor and psthPredictor keep the total pair count of their trial pairings', () => {
    fc.assert(fc.property(recordingArb.filter((r) => r.length >= 2), binsArb, (rec, bins) => {
      const K = rec.length, n1 = rec.map((t) => inWindow(t[0], bins)), n2 = rec.map((t) => inWindow(t[1], bins));
      const shift = shiftPredictor(rec, bins).values.reduce((s, x) => s + x, 0);
      const shifted = n1.reduce((s, n, k) => s + n * n2[(k + 1) % K], 0) / K;
      const p = psthPredictor(jpsth(rec, bins)).values.reduce((s, x) => s + x, 0);
      const product = (n1.reduce((s, n) => s + n, 0) / K) * (n2.reduce((s, n) => s + n, 0) / K);
      return close(shift, shifted) && close(p, product);
    }), params);
  });
  it('expectedJpsthIndependent of a constant rate ρ is (ρΔ/1000)² in every bin pair', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), binsArb, (rate, bins) => {
      const e = expectedJpsthIndependent(rate, bins);
      const r = (rate * bins.width) / 1000;
      return e.values.every((v) => Math.abs(v - r * r) <= 1e-12 * r * r + 1e-300);
    }), params);
  });
  it('poissonProcess: sorted, finite spike times inside [start, stop)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 500 }), fc.integer(), (rate, start, span, seed) => {
      const t = poissonProcess(rate, { start, stop: start + span, rng: createRng(seed) });
      return t.every((x, i) => Number.isFinite(x) && x >= start && x < start + span && (i === 0 || t[i - 1] <= x));
    }), { ...params, numRuns: 100 });
  });
  it('jointWeights sum to the pairs within maxLag; summedWeights to the spikes', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(counts, counts, fc.integer({ min: 0, max: 5 }), (a, b0, L) => {
      const b = a.map((_, i) => b0[i % b0.length]);
      const w = jointWeights(a, b, { maxLag: L });
      let pairs = 0;
      for (let t = 0; t < a.length; t++) for (let u = 0; u < a.length; u++) if (Math.abs(t - u) <= L) pairs += a[t] * b[u];
      const s = summedWeights(a, b).reduce((x, y) => x + y, 0);
      return w.reduce((x, y) => x + y, 0) === pairs && s === a.reduce((x, y) => x + y, 0) + b.reduce((x, y) => x + y, 0);
    }), params);
  });
  it('spike-triggered statistics of any positive weights (any scale) are finite, with an effective count in [1, nonzero frames]', () => {
    const s = gaussianStimulus({ frames: 60, dim: 3, rng: createRng('property') });
    const weights = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }).filter((w) => w.filter((x) => x > 0).length >= 2);
    fc.assert(fc.property(weights, fc.constantFrom(1e-300, 1e-10, 1, 1e10, 1e300), (w0, scale) => {
      const w = w0.map((x) => x * scale);
      const nonZero = w.filter((x) => x > 0).length;
      const a = spikeTriggeredAverage(s, w), c = spikeTriggeredCovariance(s, w, { prior: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] });
      const t = staSubspaceTest(a.sta, [[1, 0, 0]], w);
      return a.sta.every(Number.isFinite) && c.eigenvalues.every(Number.isFinite) && a.effectiveCount >= 1 - 1e-9 &&
        a.effectiveCount <= nonZero * (1 + 1e-9) && Number.isFinite(t.statistic) && Number.isFinite(t.rmsAngle);
    }), { ...params, numRuns: 100 });
  });
  it('p-values are in [0, 1] for any finite statistic', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 1000 }), (x, dof) => {
      const p = chiSquareSurvival(x, dof), q = normalTwoSidedP(x);
      return p >= 0 && p <= 1 && q >= 0 && q <= 1;
    }), params);
  });
  it('principal angles lie in [0, π/2] for any two independent vectors', () => {
    const vec = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 }).filter((v) => Math.hypot(...v) > 1e-3);
    fc.assert(fc.property(vec, vec, (a, b) => {
      const t = principalAngles([a], [b]);
      return t[0] >= 0 && t[0] <= Math.PI / 2 + 1e-15;
    }), params);
  });
});

describe('invalid inputs are a TypeError or RangeError naming the parameter, quickly', () => {
  const garbage = fc.oneof(
    fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -1, 0, 1e-300, 1e300, 1e12, 2.5, '', '5', true, [], [null], [NaN], {}, { length: 1e12 }),
    fc.string({ maxLength: 3 }), fc.double(), fc.array(fc.oneof(fc.double(), fc.string({ maxLength: 2 }), fc.constant(null)), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('stop', 'width', 'start', 'widht', 'cell', 'cells', 'maxLag', 'rng', 'trials', 'tau', 'stpo'), fc.oneof(fc.double(), fc.string({ maxLength: 2 }), fc.constant(null)), { maxKeys: 3 }),
  );
  const rec = [[[1, 5, 9], [2, 6]], [[3], [4, 8]]];
  const bins = { stop: 10, width: 1 };
  const j = jpsth(rec, bins);
  const s = gaussianStimulus({ frames: 20, dim: 2, rng: createRng('garbage') });
  const rng = () => createRng('garbage');
  // [the parameter(s) the message must name first, the call with the garbage in that place]
  const calls: [string, (v: unknown) => unknown][] = [
    ['bins', (v) => resolveBins(v as never)],
    ['recording', (v) => psth(v as never, bins)],
    ['options', (v) => psth(rec, bins, v as never)],
    ['bins', (v) => jpsth(rec, v as never)],
    ['options', (v) => jpsth(rec, bins, v as never)],
    ['matrix', (v) => crossCorrelogram(v as never)],
    ['jpsth', (v) => psthPredictor(v as never)],
    ['b', (v) => subtractMatrix(j, v as never)],
    ['options', (v) => shiftPredictor(rec, bins, v as never)],
    ['rate', (v) => poissonProcess(v as never, { stop: 100, rng: rng() })],
    ['options', (v) => poissonProcess(10, v as never)],
    ['options', (v) => poissonTrials(10, v as never)],
    ['options', (v) => exponentialKernel(v as never)],
    ['options', (v) => commonDriveTrials(v as never)],
    ['rate', (v) => expectedJpsthIndependent(v as never, bins)],
    ['options', (v) => gaussianStimulus(v as never)],
    ['stimulus', (v) => spikeTriggeredAverage(v as never, [1])],
    ['weights', (v) => spikeTriggeredAverage(s, v as never)],
    ['options', (v) => spikeTriggeredCovariance(s, new Array(20).fill(1), v as never)],
    ['u', (v) => stcProjection(s, new Array(20).fill(1), v as never)],
    ['sta', (v) => staSubspaceTest(v as never, [], [1])],
    ['counts1|counts2', (v) => jointWeights(v as never, [1], { maxLag: 0 })],
    ['options', (v) => lnPoisson(v as never)],
    ['a', (v) => principalAngles(v as never, [[1, 0]])],
    ['x', (v) => chiSquareSurvival(v as never, 2)],
  ];
  it('the message starts with the parameter (or one of its fields), and the call ends at once (hang guard: 3 s)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: calls.length - 1 }), garbage, (i, v) => {
      const [name, call] = calls[i];
      const t0 = performance.now();
      let error: unknown = null;
      try { call(v); } catch (e) { error = e; }
      const ms = performance.now() - t0;
      // a hang guard, not a speed test: bad input is refused in microseconds; 3 s means the work began
      if (ms > 3000) throw new Error(`${name}: ${ms.toFixed(0)} ms for ${JSON.stringify(v)}`);
      if (error === null) return true; // some garbage is valid (a number rate, a tiny x, a window { stop })
      if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
      const m = error.message;
      const named = new RegExp(`^(${name})`).test(m) || /^(start|stop|width|trials|cells|rng|tau|gain|frames|dim|cell|maxLag|method|maxSpikes|bins|kernel|alpha|driverRate|stimulus|quadratureStep)\b/.test(m);
      if (!named || /Cannot read|is not a function|Invalid typed array|Invalid array length/.test(m)) throw new Error(`${name}: ${m} for ${JSON.stringify(v)}`);
      return true;
    }), { ...params, numRuns: 1500 });
  });
});
