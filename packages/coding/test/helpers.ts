import { chiSquareSurvival } from '../src/statistics/chiSquare.js';

/** Dense counts per bin of one train with edges start + m·width (brute force, independent of binIndex). */
export function denseCounts(train: ArrayLike<number>, start: number, width: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < train.length; i++) {
    for (let m = 0; m < count; m++) {
      const lo = start + m * width, hi = start + (m + 1) * width;
      if (train[i] >= lo && train[i] < hi) { out[m]++; break; }
    }
  }
  return out;
}

/**
 * Pearson's χ² goodness of fit of integer samples to a pmf, cells merged from the tails
 * until each expects ≥ 5; returns the p-value.
 */
export function discreteFitP(samples: ArrayLike<number>, pmf: (k: number) => number, maxK: number): number {
  const N = samples.length;
  const observed = new Float64Array(maxK + 2);
  for (let i = 0; i < N; i++) observed[Math.min(samples[i], maxK + 1)]++;
  const expected = new Float64Array(maxK + 2);
  let acc = 0;
  for (let k = 0; k <= maxK; k++) { expected[k] = N * pmf(k); acc += pmf(k); }
  expected[maxK + 1] = N * Math.max(0, 1 - acc);
  // merge adjacent cells until each expects at least 5
  const cellsO: number[] = [], cellsE: number[] = [];
  let o = 0, e = 0;
  for (let k = 0; k < maxK + 2; k++) {
    o += observed[k]; e += expected[k];
    if (e >= 5) { cellsO.push(o); cellsE.push(e); o = 0; e = 0; }
  }
  if (cellsE.length) { cellsO[cellsO.length - 1] += o; cellsE[cellsE.length - 1] += e; }
  let x2 = 0;
  for (let i = 0; i < cellsE.length; i++) x2 += (cellsO[i] - cellsE[i]) ** 2 / cellsE[i];
  return chiSquareSurvival(x2, Math.max(1, cellsE.length - 1));
}

/** p-value of a χ² test that values u (claimed uniform on (0, 1)) fill `cells` equal cells evenly. */
export function uniformityP(u: ArrayLike<number>, cells = 20): number {
  const counts = new Float64Array(cells);
  for (let i = 0; i < u.length; i++) counts[Math.min(cells - 1, Math.floor(u[i] * cells))]++;
  const e = u.length / cells;
  let x2 = 0;
  for (const c of counts) x2 += (c - e) ** 2 / e;
  return chiSquareSurvival(x2, cells - 1);
}

/** Poisson pmf e^{−μ}μ^k/k! in log space. */
export function poissonPmf(mu: number): (k: number) => number {
  return (k) => {
    let logp = -mu + k * Math.log(mu);
    for (let i = 2; i <= k; i++) logp -= Math.log(i);
    return Math.exp(logp);
  };
}
