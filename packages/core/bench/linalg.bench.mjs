// Matrix–vector product y = A·x: ml-matrix's Matrix#mmul (A as a Matrix, x as a column
// Matrix, both built once outside the timing) against @neurobridge/core's matvec on a
// row-major Float64Array with a preallocated output, for n = 100 and n = 1000, in the same run.
// Run after a build: node bench/linalg.bench.mjs   (from packages/core)
import { Bench } from 'tinybench';
import { Matrix } from 'ml-matrix';
import { createRng, matvec, dot } from '@neurobridge/core';

const rows = [];
for (const n of [100, 1000]) {
  const rng = createRng(`bench-matvec-${n}`);
  const A = rng.normals(n * n);
  const x = rng.normals(n);
  const out = new Float64Array(n);
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]);
  const xCol = Matrix.columnVector(Array.from(x));

  // the two agree (same summation order: bit-identical expected)
  matvec(A, n, n, x, out);
  const ref = M.mmul(xCol).getColumn(0);
  const worst = ref.reduce((m, v, i) => Math.max(m, Math.abs(v - out[i])), 0);
  console.log(`n = ${n}: max |matvec − mmul| = ${worst}`);
  if (!(worst <= 1e-12 * Math.sqrt(dot(out, out)))) {
    console.error('FAIL: matvec and ml-matrix disagree');
    process.exit(1);
  }

  const bench = new Bench({ time: n === 100 ? 500 : 1500, warmup: true });
  bench.add(`ml-matrix mmul (n=${n})`, () => M.mmul(xCol)).add(`core matvec (n=${n})`, () => matvec(A, n, n, x, out));
  await bench.run();
  console.table(bench.table());
  const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
  const tMl = mean(`ml-matrix mmul (n=${n})`);
  const tOurs = mean(`core matvec (n=${n})`);
  rows.push({ n, 'ml-matrix mmul (µs)': +(tMl * 1e3).toFixed(2), 'core matvec (µs)': +(tOurs * 1e3).toFixed(2), 'speed-up': +(tMl / tOurs).toFixed(2), 'matvec GFLOP/s': +((2 * n * n) / (tOurs * 1e6)).toFixed(2) });
}
console.log('\nmatrix–vector product, mean latency (same run):');
console.table(rows);
