// Uniform printing for the examples: claim, formula, numerics, error, verdict.
export function report({ claim, formula, numerics, error, pass }) {
  console.log(`\nCLAIM    ${claim}`);
  console.log(`FORMULA  ${formula}`);
  for (const line of [].concat(numerics)) console.log(`NUMERICS ${line}`);
  console.log(`ERROR    ${error}`);
  console.log(`VERDICT  ${pass ? 'PASS' : 'FAIL'}`);
  if (!pass) process.exitCode = 1;
}

export const fmt = (x, d = 6) => (typeof x === 'number' ? (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toPrecision(d)) : String(x));

/** Least-squares slope of log y against log x. */
export function logLogSlope(x, y) {
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length, my = ly.reduce((a, b) => a + b) / ly.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) { sxy += (lx[i] - mx) * (ly[i] - my); sxx += (lx[i] - mx) ** 2; }
  return sxy / sxx;
}

/** Symmetric matrix Q diag(values) Qᵀ with Q from Gram–Schmidt on normals. */
export function symmetricWithEigenvalues(values, normal) {
  const p = values.length, Q = [];
  while (Q.length < p) {
    const v = Array.from({ length: p }, normal);
    for (const q of Q) { const d = v.reduce((s, x, i) => s + x * q[i], 0); for (let i = 0; i < p; i++) v[i] -= d * q[i]; }
    const nv = Math.hypot(...v);
    if (nv > 1e-6) Q.push(v.map((x) => x / nv));
  }
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => Q.reduce((s, q, k) => s + values[k] * q[i] * q[j], 0)));
}
