/** Scale v to unit 2-norm with its largest-|component| entry positive (in place). */
export function normalizeWithSign(v: Float64Array): Float64Array {
  let norm2 = 0;
  let big = 0;
  let bigIndex = 0;
  for (let i = 0; i < v.length; i++) {
    norm2 += v[i] * v[i];
    if (Math.abs(v[i]) > big) {
      big = Math.abs(v[i]);
      bigIndex = i;
    }
  }
  if (norm2 === 0) return v;
  const s = (v[bigIndex] < 0 ? -1 : 1) / Math.sqrt(norm2);
  for (let i = 0; i < v.length; i++) v[i] *= s;
  return v;
}
