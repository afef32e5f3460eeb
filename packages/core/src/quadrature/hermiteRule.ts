import { twoProduct, twoSum } from '../internal/doubleDouble.js';
import { cachedRule } from './ruleCache.js';
import type { QuadratureRule } from './ruleCache.js';

/** Largest order accepted (cost O(n²): about 2 s at 2000 in Node 20). */
export const MAX_HERMITE_ORDER = 2000;

const SCALE = 2 ** 600;
const INV_SCALE = 2 ** -600;

/**
 * Probabilists' Gauss–Hermite rule: nodes x_i (zeros of He_n) and weights w_i with
 * Σ w_i g(x_i) = E[g(z)], z ~ N(0, 1), exact for polynomials of degree ≤ 2n − 1.
 *
 * Method:
 * 1. Orthonormal recurrence (no overflow: values are rescaled by 2^±600 as they grow)
 *      p_0 = 1, p_1 = x, p_{k+1} = (x·p_k − √k·p_{k−1}) / √(k+1),  p_n' = √n·p_{n−1}.
 * 2. Isolation: the number of zeros of p_n above x equals the number of sign changes of
 *    p_0(x), …, p_n(x) (a Sturm sequence), counted through the ratios p_k/p_{k−1}; the
 *    j-th largest zero is bracketed by bisection until its bracket holds it alone.
 * 3. Safeguarded Newton on that bracket (bisection whenever Newton leaves it), to 1e-12.
 * 4. Polish: p_n, p_{n−1}, p_{n−2} at the node re-evaluated in double-double arithmetic
 *    (√k carried as hi + lo), one more Newton step x ← x − p_n/(√n·p_{n−1}): the node is
 *    the double nearest to the zero (up to a final rounding).
 * 5. Weights by the Christoffel–Darboux formula w_i = 1 / (n·p_{n−1}(x_i*)²) at the exact
 *    zero x_i*, from the double-double values of step 4 (at the Newton iterate x) plus the first-order
 *    correction p_{n−1}(x*) ≈ p_{n−1}(x) − √(n−1)·p_{n−2}(x)·(x − x*): relative accuracy
 *    of a few ε at every node. The rescaling by 2^600 is undone by exact powers of two;
 *    tail weights below the double range underflow to 0 (n ≳ 700).
 * Symmetry is exact: x_{n−1−i} = −x_i, equal weights, and x = 0 for odd n.
 * Cost O(n²) per rule (≈ 25 recurrences of length n per node pair); rules are cached
 * (shared arrays: callers must not mutate them).
 */
export const hermiteRule: (n: number) => QuadratureRule = cachedRule(computeHermiteRule);

/** Scratch result of `evaluate`: p_n and p_{n−1} sharing a scale factor SCALE^scaleExp. */
interface Eval {
  pn: number;
  pn1: number;
  pn2: number;
  scaleExp: number;
}

/** √k for k = 0..n, shared by the recurrences of one rule. */
let sqrtTable = new Float64Array(1);
function sqrtUpTo(n: number): Float64Array {
  if (sqrtTable.length <= n) {
    sqrtTable = new Float64Array(n + 1);
    for (let k = 0; k <= n; k++) sqrtTable[k] = Math.sqrt(k);
  }
  return sqrtTable;
}

function evaluate(n: number, x: number, out: Eval): void {
  const sq = sqrtUpTo(n);
  let pkm2 = 0;
  let pkm1 = 0; // p_{-1}
  let pk = 1; // p_0
  let scaleExp = 0;
  for (let k = 0; k < n; k++) {
    const next = (x * pk - sq[k] * pkm1) / sq[k + 1];
    pkm2 = pkm1;
    pkm1 = pk;
    pk = next;
    if (Math.abs(pk) > SCALE) {
      pk *= INV_SCALE;
      pkm1 *= INV_SCALE;
      pkm2 *= INV_SCALE;
      scaleExp++;
    }
  }
  out.pn = pk;
  out.pn1 = pkm1;
  out.pn2 = pkm2;
  out.scaleExp = scaleExp;
}

/** Number of zeros of p_n strictly above x (sign changes of the Sturm sequence). */
function zerosAbove(n: number, x: number): number {
  const sq = sqrtUpTo(n);
  let count = 0;
  let q = x; // p_1/p_0
  if (q < 0) count++;
  for (let k = 1; k < n; k++) {
    if (q === 0) q = 1e-300; // p_k(x) = 0: perturb by an infinitesimal
    q = (x - sq[k] / q) / sq[k + 1]; // p_{k+1}/p_k
    if (q < 0) count++;
  }
  return count;
}

function computeHermiteRule(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor(n / 2);
  const upper = Math.sqrt(4 * n + 2) + 1; // all zeros of He_n lie below √(4n + 2)
  const ev: Eval = { pn: 0, pn1: 0, pn2: 0, scaleExp: 0 };
  const dd = new DDEval();
  let hiStart = upper;
  let prevRoot = NaN;
  let prevGap = NaN;
  for (let j = 1; j <= half; j++) {
    // bracket the j-th largest zero alone: zerosAbove(lo) = j, zerosAbove(hi) = j − 1.
    // Zeros get denser toward 0, so prevRoot − 1.5·prevGap usually lies between zeros j and
    // j + 1: one Sturm count confirms it, else bisect from 0.
    let lo = 0;
    let hi = hiStart;
    let cLo = -1;
    if (prevGap > 0) {
      const candidate = prevRoot - 1.5 * prevGap;
      if (candidate > 0 && candidate < hi) {
        const c = zerosAbove(n, candidate);
        if (c === j) cLo = j;
        if (c >= j) lo = candidate;
        else hi = candidate;
      }
    }
    if (cLo !== j) cLo = zerosAbove(n, lo);
    for (let it = 0; it < 200 && cLo !== j; it++) {
      const mid = 0.5 * (lo + hi);
      const c = zerosAbove(n, mid);
      if (c >= j) {
        lo = mid;
        cLo = c;
      } else hi = mid;
    }
    hiStart = lo; // zerosAbove(lo) = j: an upper end for the next zero, and not itself a zero
    // p_n > 0 above its largest zero and changes sign at each zero: sign p_n(hi) = (−1)^(j−1)
    const signHi = j % 2 === 1 ? 1 : -1;
    const guess = prevGap > 0 ? prevRoot - prevGap : 0.5 * (lo + hi);
    const x = polishNode(n, newtonInBracket(n, lo, hi, signHi, guess, ev), dd);
    const w = weightFromDD(n, dd);
    if (j > 1) prevGap = prevRoot - x;
    prevRoot = x;
    nodes[n - j] = x;
    nodes[j - 1] = -x;
    weights[n - j] = w;
    weights[j - 1] = w;
  }
  if (n % 2 === 1) {
    evaluateDD(n, 0, dd);
    nodes[half] = 0;
    weights[half] = weightFromDD(n, dd);
  }
  return { nodes, weights };
}

/**
 * The single zero of p_n in (lo, hi) by Newton's method from `guess`, safeguarded by
 * bisection (sign of p_n at hi given), to ~1e-12; `polishNode` finishes the job.
 */
function newtonInBracket(n: number, lo: number, hi: number, signHi: number, guess: number, ev: Eval): number {
  const sqrtN = Math.sqrt(n);
  let x = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
  for (let it = 0; it < 100; it++) {
    evaluate(n, x, ev);
    if (ev.pn === 0) return x;
    if (Math.sign(ev.pn) === signHi) hi = x;
    else lo = x;
    const dx = ev.pn / (sqrtN * ev.pn1);
    let xNew = x - dx;
    if (!(xNew > lo && xNew < hi)) xNew = 0.5 * (lo + hi);
    // 1e-12 (absolute near 0, relative beyond) is ample: the double-double Newton step of
    // polishNode squares this error; a tighter test would chase rounding noise near x = 0
    if (Math.abs(xNew - x) <= 1e-12 * Math.max(1, Math.abs(x))) return xNew;
    x = xNew;
  }
  return x;
}

/** √k as a double-double (hi, lo) and 1/√k likewise, for k = 0..n. */
let ddTable = { n: -1, sh: new Float64Array(1), sl: new Float64Array(1), rh: new Float64Array(1), rl: new Float64Array(1) };
function ddSqrtTable(n: number): typeof ddTable {
  if (ddTable.n >= n) return ddTable;
  const sh = new Float64Array(n + 1);
  const sl = new Float64Array(n + 1);
  const rh = new Float64Array(n + 1);
  const rl = new Float64Array(n + 1);
  const e = new Float64Array(1);
  for (let k = 1; k <= n; k++) {
    const h = Math.sqrt(k);
    const sq = twoProduct(h, h, e);
    sh[k] = h;
    sl[k] = (k - sq - e[0]) / (2 * h); // √k − h to first order
    const r = 1 / h;
    // 1/√k = r·(1 + δ) with δ = 1 − r·√k (computed in double-double)
    const p = twoProduct(r, h, e);
    const delta = 1 - p - e[0] - r * sl[k];
    rh[k] = r;
    rl[k] = r * delta;
  }
  ddTable = { n, sh, sl, rh, rl };
  return ddTable;
}

/** p_n, p_{n−1}, p_{n−2} in double-double at a double x, with a shared 2^(600·scaleExp). */
class DDEval {
  pnH = 0;
  pnL = 0;
  pn1H = 0;
  pn1L = 0;
  pn2H = 0;
  pn2L = 0;
  scaleExp = 0;
}

const E1 = new Float64Array(1);

/** (ah + al)·(bh + bl) → [hi, lo] written to out[0], out[1]. */
function ddMul(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  const p = twoProduct(ah, bh, E1);
  const e = E1[0] + ah * bl + al * bh;
  const s = p + e;
  out[0] = s;
  out[1] = e - (s - p);
}

/** (ah + al) + (bh + bl) → out. */
function ddAdd(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  const s = twoSum(ah, bh, E1);
  const e = E1[0] + al + bl;
  const r = s + e;
  out[0] = r;
  out[1] = e - (r - s);
}

function evaluateDD(n: number, x: number, out: DDEval): void {
  const t = ddSqrtTable(n);
  const u = new Float64Array(2);
  const v = new Float64Array(2);
  let aH = 0; // p_{k−2}
  let aL = 0;
  let bH = 0; // p_{k−1}
  let bL = 0;
  let cH = 1; // p_k
  let cL = 0;
  let scaleExp = 0;
  for (let k = 0; k < n; k++) {
    // p_{k+1} = (x·p_k − √k·p_{k−1}) · (1/√(k+1))
    ddMul(x, 0, cH, cL, u);
    ddMul(t.sh[k], t.sl[k], bH, bL, v);
    ddAdd(u[0], u[1], -v[0], -v[1], u);
    ddMul(u[0], u[1], t.rh[k + 1], t.rl[k + 1], u);
    aH = bH;
    aL = bL;
    bH = cH;
    bL = cL;
    cH = u[0];
    cL = u[1];
    if (Math.abs(cH) > SCALE) {
      aH *= INV_SCALE;
      aL *= INV_SCALE;
      bH *= INV_SCALE;
      bL *= INV_SCALE;
      cH *= INV_SCALE;
      cL *= INV_SCALE;
      scaleExp++;
    }
  }
  out.pnH = cH;
  out.pnL = cL;
  out.pn1H = bH;
  out.pn1L = bL;
  out.pn2H = aH;
  out.pn2L = aL;
  out.scaleExp = scaleExp;
}

/**
 * One Newton step from x with p_n, p_{n−1} in double-double: returns the polished node and
 * leaves the double-double values at the *unpolished* x in `dd` (used by weightFromDD).
 */
function polishNode(n: number, x: number, dd: DDEval): number {
  evaluateDD(n, x, dd);
  const dx = (dd.pnH + dd.pnL) / (Math.sqrt(n) * (dd.pn1H + dd.pn1L));
  return Math.abs(dx) < 1e-8 * Math.max(1, Math.abs(x)) ? x - dx : x;
}

/**
 * w = 1/(n·p_{n−1}(x*)²) at the exact zero x*, from the double-double values at a nearby
 * point x (see 5.): x − x* = d = p_n(x)/p_n'(x), p_{n−1}(x*) ≈ p_{n−1}(x) − p_{n−1}'(x)·d.
 */
function weightFromDD(n: number, dd: DDEval): number {
  const p1 = dd.pn1H + dd.pn1L;
  const d = (dd.pnH + dd.pnL) / (Math.sqrt(n) * p1); // x − x*
  const p1Star = n > 1 ? p1 - Math.sqrt(n - 1) * (dd.pn2H + dd.pn2L) * d : p1;
  let w = 1 / (n * p1Star * p1Star);
  for (let s = 0; s < dd.scaleExp; s++) w *= INV_SCALE * INV_SCALE;
  return w;
}
