import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  coincidenceHistogram, crossCorrelogram, jpsth, normalizedJpsth, psth, psthPredictor, shiftPredictor, shufflePredictor, subtractMatrix,
} from '@neurobridge/coding';
import { denseCounts } from './helpers.js';

const bins = { start: 0, stop: 50, width: 5 };
const M = 10;

/** Random recordings: K trials × 2 cells, times on the bin edges, inside and outside the window. */
const recordingArb = fc.integer({ min: 2, max: 7 }).chain((K) =>
  fc.array(fc.tuple(...[0, 1].map(() => fc.array(fc.oneof(fc.integer({ min: -2, max: 12 }).map((i) => i * 5), fc.double({ min: -5, max: 55, noNaN: true })), { maxLength: 12 }))), { minLength: K, maxLength: K })
    .map((trials) => trials.map((cells) => cells.map((c) => Float64Array.from(c).sort()))));

/** Dense per-trial counts (brute force) of cell c. */
const dense = (rec: Float64Array[][], c: number) => rec.map((t) => denseCounts(t[c], 0, 5, M));

function bruteJ(rec: Float64Array[][], shift = 0) {
  const K = rec.length, a = dense(rec, 0), b = dense(rec, 1);
  const J = new Float64Array(M * M), sq = new Float64Array(M * M);
  for (let k = 0; k < K; k++) {
    const bk = b[(k + shift) % K];
    for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) { const c = a[k][m] * bk[n]; J[m * M + n] += c / K; sq[m * M + n] += (c * c) / K; }
  }
  return { J, se: J.map((v, i) => Math.sqrt(Math.max(0, sq[i] - v * v) / (K - 1))) };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
};

describe('JPSTH from spike pairs against dense binned counts (brute force)', () => {
  it('raw J, its standard errors and the PSTHs (property over random recordings)', () => {
    fc.assert(fc.property(recordingArb, (rec) => {
      const j = jpsth(rec, bins);
      const ref = bruteJ(rec);
      close(j.values, ref.J);
      close(j.se as Float64Array, ref.se, 1e-10);
      const a = dense(rec, 0), K = rec.length;
      const p = psth(rec, bins);
      for (let m = 0; m < M; m++) {
        const mean = a.reduce((s, x) => s + x[m], 0) / K;
        expect(p.mean[m]).toBeCloseTo(mean, 12);
        expect(p.rate[m]).toBeCloseTo((mean / 5) * 1000, 9);
        expect(p.variance[m]).toBeCloseTo(a.reduce((s, x) => s + (x[m] - mean) ** 2, 0) / K, 12);
      }
    }), { numRuns: 200 });
  });
  it('shift, shuffle and PSTH predictors, normalised JPSTH (= Pearson r across trials)', () => {
    fc.assert(fc.property(recordingArb, (rec) => {
      const K = rec.length, j = jpsth(rec, bins), a = dense(rec, 0), b = dense(rec, 1);
      close(shiftPredictor(rec, bins, { shift: 1 }).values, bruteJ(rec, 1).J);
      const shuffle = new Float64Array(M * M), outer = new Float64Array(M * M);
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) {
        const c = a[k][m] * b[l][n];
        outer[m * M + n] += c / (K * K);
        if (k !== l) shuffle[m * M + n] += c / (K * (K - 1));
      }
      close(psthPredictor(j).values, outer);
      close(shufflePredictor(j).values, shuffle, 1e-10);
      const r = normalizedJpsth(j);
      for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) {
        const x = a.map((t) => t[m]), y = b.map((t) => t[n]);
        const mx = x.reduce((s, v) => s + v, 0) / K, my = y.reduce((s, v) => s + v, 0) / K;
        let sxy = 0, sxx = 0, syy = 0;
        for (let k = 0; k < K; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) ** 2; syy += (y[k] - my) ** 2; }
        const i = m * M + n;
        if (sxx > 0 && syy > 0) expect(r.values[i]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
        else { expect(r.defined[i]).toBe(0); expect(r.values[i]).toBe(0); }
      }
    }), { numRuns: 100 });
  });
  it('cross-correlogram = pairs per trial at each bin lag; coincidence histogram = band sums', () => {
    fc.assert(fc.property(recordingArb, (rec) => {
      const K = rec.length, j = jpsth(rec, bins), a = dense(rec, 0), b = dense(rec, 1);
      const cch = crossCorrelogram(j);
      for (let d = -(M - 1); d < M; d++) {
        let s = 0;
        for (let k = 0; k < K; k++) for (let m = 0; m < M; m++) if (m + d >= 0 && m + d < M) s += a[k][m] * b[k][m + d];
        expect(cch.values[d + M - 1]).toBeCloseTo(s / K, 10);
        expect(cch.times[d + M - 1]).toBe(d * 5);
      }
      for (const L of [0, 2, 5]) {
        const part = crossCorrelogram(j, { maxLag: L }).values;
        for (let d = -L; d <= L; d++) expect(part[d + L]).toBeCloseTo(cch.values[d + M - 1], 12);
      }
      const band = coincidenceHistogram(j, { halfWidth: 1 });
      for (let m = 0; m < M; m++) {
        let s = 0;
        for (let n = Math.max(0, m - 1); n <= Math.min(M - 1, m + 1); n++) s += j.values[m * M + n];
        expect(band[m]).toBeCloseTo(s, 12);
      }
    }), { numRuns: 100 });
  });
  it('the excess J − shuffle predictor and a maxLag-limited correlogram', () => {
    const rec = [[[1, 7, 12], [2, 8]], [[30], [31, 44]], [[], [3]]].map((t) => t.map((c) => Float64Array.from(c)));
    const j = jpsth(rec, bins);
    const excess = subtractMatrix(j, shufflePredictor(j));
    expect(excess.values.reduce((s, v) => s + v, 0)).toBeCloseTo(
      j.values.reduce((s, v) => s + v, 0) - shufflePredictor(j).values.reduce((s, v) => s + v, 0), 12);
    expect(crossCorrelogram(j, { maxLag: 2 }).lags).toEqual(Int32Array.from([-2, -1, 0, 1, 2]));
  });
  it('rejects unsorted or non-finite spikes, missing cells and bad options, naming the trial and cell', () => {
    const good = [[Float64Array.of(1, 2), Float64Array.of(3)]];
    expect(() => jpsth([[Float64Array.of(3, 1), Float64Array.of(1)]], bins)).toThrow(new RangeError('recording[0][0] must be sorted ascending; recording[0][0][1] = 1 < recording[0][0][0] = 3'));
    expect(() => jpsth([[[1, NaN], [1]]], bins)).toThrow(/recording\[0\]\[0\]\[1\] must be finite; got NaN/);
    expect(() => jpsth([[Float64Array.of(1)]], bins)).toThrow(/recording\[0\] must hold at least 2 cells; got 1/);
    expect(() => jpsth(good, bins, { cells: [0, 2] })).toThrow(/recording\[0\] must hold at least 3 cells/);
    expect(() => jpsth(good, bins, { cels: [0, 1] } as never)).toThrow(/options.cels is not an option \(did you mean cells\?/);
    expect(() => jpsth(good, { stop: 50, width: 7 })).toThrow(/bins.width must divide the window/);
    expect(() => jpsth(good, { stop: 1e5, width: 1 })).toThrow(/bins must give at most 134217728 JPSTH entries/);
    expect(() => shiftPredictor(good, bins)).toThrow(/at least 2 trials/);
    expect(() => jpsth([], bins)).toThrow(/recording must have at least 1 trial; got 0/);
  });
});
