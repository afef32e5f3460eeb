import { finiteVector } from '@neurobridge/core';

/**
 * A power law y ≈ prefactor · x^exponent fitted by least squares on (log x, log y).
 * @category Tangent kernel
 */
export interface PowerLawFit {
  /** the slope of log y against log x (e.g. 2 for Q1's quadratic growth, −1/2 for Eq. 23's n^{−1/2}). */
  exponent: number;
  /** e^intercept of the log–log line: y ≈ prefactor · x^exponent. */
  prefactor: number;
  /** standard error of the exponent from the regression residuals (NaN for 2 points) */
  exponentStderr: number;
  /** coefficient of determination of the log–log fit */
  r2: number;
}

/**
 * Least-squares line through (log x_i, log y_i): the slope on a log–log plot. Used for the scaling
 * claims of Q1 (slope 2) and Q7 (exponents in n). Throws for fewer than 2 points or non-positive values.
 * @category Tangent kernel
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit {
  finiteVector('x', x);
  finiteVector('y', y);
  const m = x.length;
  if (m !== y.length) throw new RangeError(`x and y must have the same length; got ${m} and ${y.length}`);
  if (m < 2) throw new RangeError(`fitPowerLaw needs at least 2 points; got ${m}`);
  let sx = 0;
  let sy = 0;
  const lx = new Float64Array(m);
  const ly = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (!(x[i] > 0 && Number.isFinite(x[i]))) throw new RangeError(`x[${i}] must be finite and > 0; got ${x[i]}`);
    if (!(y[i] > 0 && Number.isFinite(y[i]))) throw new RangeError(`y[${i}] must be finite and > 0; got ${y[i]}`);
    lx[i] = Math.log(x[i]);
    ly[i] = Math.log(y[i]);
    sx += lx[i];
    sy += ly[i];
  }
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) ** 2;
  }
  if (!(sxx > 0)) throw new RangeError('x values must not all be equal');
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  let sse = 0;
  for (let i = 0; i < m; i++) sse += (ly[i] - intercept - exponent * lx[i]) ** 2;
  const exponentStderr = m > 2 ? Math.sqrt(sse / (m - 2) / sxx) : NaN;
  const r2 = syy > 0 ? 1 - sse / syy : 1;
  return { exponent, prefactor: Math.exp(intercept), exponentStderr, r2 };
}
